package org.opora.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opora.organisations.OrganisationRepository;
import org.opora.support.Api;
import org.opora.support.ApiConfiguration;
import org.opora.support.EngineClockReset;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The zero-setup demo: the application as `./mvnw spring-boot:run` starts it, on its own database.
 * Its engine has its own name: the engine REST API of the other tests' application looks its
 * engine up by name and must not find this one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:opora-demo;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=demo",
        "opora.test.password=demo"})
@ActiveProfiles({"test", "demo"})
@Import(ApiConfiguration.class)
@ExtendWith(EngineClockReset.class)
class DemoDataTest {

    @Autowired
    Api api;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService taskService;

    @Test
    void everyDemoUserSignsInWithTheirRole() {
        assertThat(api.get("admin", "/api/me").json().path("roles").toString()).contains("ADMIN");
        assertThat(api.get("staff", "/api/me").json().path("roles").toString()).contains("STAFF");
        assertThat(api.get("expert", "/api/me").json().path("roles").toString()).contains("EXPERT");
        assertThat(api.get("expert2", "/api/me").json().path("roles").toString()).contains("EXPERT");
        String organisationOfA = api.get("cso-a", "/api/me").json().path("organisationId").asText();
        String organisationOfB = api.get("cso-b", "/api/me").json().path("organisationId").asText();
        assertThat(organisationOfA).isNotBlank().isNotEqualTo(organisationOfB);
        assertThat(organisations.find(java.util.UUID.fromString(organisationOfA)).orElseThrow().shortName())
                .isEqualTo("Добрые соседи");
    }

    @Test
    void theDemoHasARegistryOfPublicBodiesAndLettersInEachCsosTaskList() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM public_body").query(Long.class).single()).isGreaterThanOrEqualTo(5);
        assertThat(api.get("cso-a", "/api/tasks").raw()).contains("Send the letter").doesNotContain("Record the answer");
        assertThat(api.get("cso-b", "/api/tasks").raw()).contains("Record the answer or an extension")
                .doesNotContain("Send the letter");
        assertThat(api.get("cso-b", "/api/cases?count=true&process=correspondence").json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void demoDataLoadsInTheDemoProfileOnlyAndNeverWithPostgres() {
        Profiles when = Profiles.of(DemoData.class.getAnnotation(Profile.class).value());

        assertThat(when.matches(Set.of("demo")::contains)).isTrue();
        assertThat(when.matches(Set.of("demo", "postgres")::contains)).isFalse();
        assertThat(when.matches(Set.of("postgres")::contains)).isFalse();
    }

    @Test
    void anAdministratorMovesTheDemosClockAndTheDeadlinesPassThatWouldHavePassed() {
        String awaiting = jdbc.sql("SELECT id FROM letter WHERE registration_number = 'Вх-1024'").query(String.class).single();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(awaiting).taskDefinitionKey("ReviewComplaint")
                .count()).isZero();

        assertThat(api.post("staff", "/api/admin/demo/clock", java.util.Map.of("days", 40)).status()).isEqualTo(403);
        Api.Response moved = api.post("admin", "/api/admin/demo/clock", java.util.Map.of("days", 40));

        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.json().path("offsetDays").asLong()).isEqualTo(40);
        assertThat(moved.json().path("jobsExecuted").asInt()).isPositive();
        // cso-b's letter was registered 8 days ago: 40 days on, its answer is overdue and the complaint drafted.
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(awaiting).taskDefinitionKey("ReviewComplaint")
                .count()).isEqualTo(1);
        assertThat(api.get("cso-b", "/api/letters/" + awaiting).json().path("state").asText()).isEqualTo("OVERDUE");
    }

    @Test
    void timeTravelIsADemoControlOnly() {
        Profiles when = Profiles.of(DemoTimeTravel.class.getAnnotation(Profile.class).value());

        assertThat(when.matches(Set.of("demo")::contains)).isTrue();
        assertThat(when.matches(Set.of("demo", "postgres")::contains)).isFalse();
        assertThat(when.matches(Set.of("postgres")::contains)).isFalse();
    }
}
