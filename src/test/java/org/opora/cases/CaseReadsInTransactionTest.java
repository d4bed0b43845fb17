package org.opora.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opora.organisations.Organisation;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case is read once per transaction: a second read in the same transaction gives what the first
 * read found, the repository's own writes of the case are seen at once, and nothing outlives the transaction.
 */
@OporaIntegrationTest
class CaseReadsInTransactionTest {

    @Autowired
    CaseRepository cases;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCaseIsReadOnceInATransactionAndItsWritesAreSeenAtOnce() {
        Organisation organisation = fixtures.organisationA();
        UUID id = UUID.randomUUID();
        String instance = "instance-" + id;
        transaction.executeWithoutResult(status -> {
            cases.insert(new CaseRecord(id, TestFixtures.PROCESS, null, fixtures.centre().id(), organisation.id(), "Первое", "cso-a",
                    Instant.now()));
            assertThat(cases.find(id).orElseThrow().title()).isEqualTo("Первое");
            assertThat(cases.findByProcessInstance(instance)).isEmpty();

            cases.attachProcessInstance(id, instance);
            assertThat(cases.find(id).orElseThrow().processInstanceId()).isEqualTo(instance);
            assertThat(cases.findByProcessInstance(instance).orElseThrow().id()).isEqualTo(id);

            // Changed behind the repository's back: this transaction keeps what it read.
            jdbc.sql("UPDATE opora_case SET title = 'Второе' WHERE id = ?").param(id).update();
            assertThat(cases.find(id).orElseThrow().title()).isEqualTo("Первое");
            assertThat(cases.findByProcessInstance(instance).orElseThrow().title()).isEqualTo("Первое");
        });

        // A new transaction, and no transaction at all, read the database.
        String readAfter = transaction.execute(status -> cases.find(id).orElseThrow().title());
        assertThat(readAfter).isEqualTo("Второе");
        assertThat(cases.findByProcessInstance(instance).orElseThrow().title()).isEqualTo("Второе");
        jdbc.sql("UPDATE opora_case SET title = 'Третье' WHERE id = ?").param(id).update();
        assertThat(cases.find(id).orElseThrow().title()).isEqualTo("Третье");
    }
}
