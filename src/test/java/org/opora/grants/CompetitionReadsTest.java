package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A competition is read once per transaction ({@link CompetitionService#get}): every expression of a step asks for it.
 * These tests hold it to what makes that safe: the committee's decision is seen at once, and no transaction sees
 * another's reads, whether after it, beside it or inside it.
 */
@OporaIntegrationTest
class CompetitionReadsTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    CompetitionService competitions;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    GrantScenario grants;
    TransactionTemplate transaction;
    TransactionTemplate newTransaction;
    UUID id;

    @BeforeEach
    void aCompetition() {
        grants = new GrantScenario(context);
        grants.staffOnCommittee();
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        id = UUID.fromString(grants.createCompetition(grants.competition(List.of(grants.expert("CSO", null)), Map.of())));
        transaction = new TransactionTemplate(transactions);
        newTransaction = new TransactionTemplate(transactions);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Test
    void aTransactionReadsTheCompetitionOnceAndAgainOnceTheCommitteeDecides() {
        transaction.executeWithoutResult(status -> {
            Competition first = competitions.get(id);
            assertThat(first.decidedAt()).isNull();
            assertThat(competitions.get(id)).as("read once in the transaction").isSameAs(first);

            assertThat(competitions.markDecided(id)).isTrue();

            assertThat(competitions.get(id).decidedAt()).as("the decision, seen by the rest of the step").isNotNull();
        });
        assertThat(competitions.get(id).decidedAt()).isNotNull();
    }

    @Test
    void noTransactionSeesAnothersReadsAfterItBesideItOrInsideIt() throws Exception {
        Competition outside = competitions.get(id);
        assertThat(competitions.get(id)).as("no transaction, no keeping").isNotSameAs(outside);

        transaction.executeWithoutResult(status -> competitions.get(id));
        rename("After");
        String next = transaction.execute(status -> competitions.get(id).title());
        assertThat(next).as("the next transaction on this thread").isEqualTo("After");

        transaction.executeWithoutResult(status -> {
            Competition outer = competitions.get(id);
            assertThat(outer.title()).isEqualTo("After");
            newTransaction.executeWithoutResult(inner -> rename("Beside"));

            // Another thread's transaction, and one this transaction suspends for a new one, read for themselves.
            try {
                java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
                try {
                    String beside = other.submit(() -> transaction.execute(s -> competitions.get(id).title())).get();
                    assertThat(beside).as("a transaction beside it").isEqualTo("Beside");
                } finally {
                    other.shutdownNow();
                }
            } catch (InterruptedException | java.util.concurrent.ExecutionException ex) {
                throw new IllegalStateException(ex);
            }
            String inside = newTransaction.execute(inner -> competitions.get(id).title());
            assertThat(inside).as("a transaction inside it").isEqualTo("Beside");

            assertThat(competitions.get(id)).as("its own read, kept").isSameAs(outer);
        });
    }

    private void rename(String title) {
        jdbc.sql("UPDATE grant_competition SET title = ? WHERE id = ?").params(title, id).update();
    }
}
