package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * The sheets Tasklist shows (the application an expert reads, the committee's ranking) are as long as the
 * data behind them: the engine keeps a plain string variable in 4,000 characters, and a sheet longer than
 * that made the step that writes it fail (the expert got no review task, the committee no decision task).
 */
@OporaIntegrationTest
class GrantLongSheetsTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;

    @Autowired
    TaskService taskService;

    GrantScenario grants;

    @BeforeEach
    void aCommitteeAndAnExpertPool() {
        grants = new GrantScenario(context);
        grants.staffOnCommittee();
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
    }

    @Test
    void theLongestApplicationReachesItsExpertsAndAFullRankingItsCommittee() {
        String cso = grants.expert("CSO", GrantScenario.TVER);
        String government = grants.expert("GOVERNMENT", null);
        String competition = grants.createCompetition(grants.competition(List.of(cso, government), Map.of()));

        // Every field at its longest: the summary alone is the engine's whole string column.
        String summary = "Мастерские выходного дня для детей из приёмных семей. ".repeat(80).substring(0, 4000);
        List<String> applications = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String title = (i + " Выходные для приёмных семей, ").repeat(20).substring(0, 300);
            Map<String, Object> application = new java.util.HashMap<>(grants.application(title, 100_000 + i));
            application.put("summary", summary);
            titles.add(title);
            applications.add(grants.submit(competition, application));
        }
        for (String application : applications) {
            assertThat(grants.admitWithProposedPanel(application)).containsExactlyInAnyOrder(cso, government);
            grants.complete(cso, application, "DeclareConflicts", Map.of("conflict", "no"));
            String sheet = (String) taskService.getVariableLocal(grants.taskFor(cso, application, "ReviewApplication").getId(),
                    "applicationText");
            assertThat(sheet).hasSizeGreaterThan(4000).contains(summary);
            grants.complete(cso, application, "ReviewApplication", Map.of("score1", 9, "comment1", "Важно", "score2", 8,
                    "comment2", "Реалистично"));
            grants.review(government, application, 8, 8);
            assertThat(grants.state(application)).isEqualTo("SCORED");
        }

        // The review period's end writes the ranking in the job that opens the committee's task (it threw before).
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        assertThat(grants.tasks(competition, "DecideGrants")).hasSize(1);
        String ranking = (String) taskService.getVariableLocal(grants.tasks(competition, "DecideGrants").get(0).getId(), "ranking");
        assertThat(ranking).hasSizeGreaterThan(4000);
        titles.forEach(title -> assertThat(ranking).contains(title));
    }
}
