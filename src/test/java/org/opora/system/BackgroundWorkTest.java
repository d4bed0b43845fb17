package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseService;
import org.opora.support.ApiConfiguration;
import org.opora.support.FlakyNotification;
import org.opora.support.OporaTestProfiles;
import org.opora.support.TestFixtures;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * Opora as it runs in production: the engine's job executor and Opora's schedulers on, nobody calling
 * them by hand. An asynchronous step writes an e-mail, the dispatcher sends it on its interval, and the
 * test only waits. On its own H2 database (so only in the H2 suite), and closed afterwards, so that its
 * executor never touches the other tests' jobs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:opora-background;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=background",
        "camunda.bpm.job-execution.enabled=true",
        "opora.scheduling.enabled=true",
        "opora.mail.dispatch-interval=PT1S",
        // The webapps keep their runtime in static fields, which closing this context would clear for every context.
        "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles(resolver = OporaTestProfiles.class)
@Import({TestFixtures.class, ApiConfiguration.class, FlakyNotification.class})
@DirtiesContext
@EnabledIfSystemProperty(named = "opora.test.database", matches = "h2")
class BackgroundWorkTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    TestFixtures fixtures;
    @Autowired
    CaseService cases;
    @Autowired
    HistoryService historyService;

    @Test
    void theJobExecutorRunsTheStepAndTheDispatcherSendsItsEmailOnce() throws Exception {
        CaseRecord record = cases.open("step-failure-check", fixtures.centre().id(), fixtures.organisationA().id(),
                "Sent in the background", "cso-a");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(record.processInstanceId())
                    .finished().count()).isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        });
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("cso-a@opora.test");
        // Several more dispatch intervals: still exactly one.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(smtp.getReceivedMessages()).hasSize(1));
    }
}
