package org.opora.volunteering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.mail.MailDispatcher;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The matching snapshot's fallbacks (ADR 32), on the real volunteer table: this node's pool, told of its own changes
 * only, reads the whole pool again once the snapshot is older than its age limit, and keeps a change's mark when
 * reading it failed. Volunteers are entered through the API; "another node" changes the table behind the pool's back.
 */
@OporaIntegrationTest
class CandidatePoolTest {

    @Autowired
    Api api;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    VolunteerRepository anotherNode;

    VolunteeringTestSupport t;
    /** This node's wall clock, moved by the test. */
    MovableClock wall;
    /** This node's database connection, which the test can cut. */
    CuttableDataSource database;
    CandidatePool pool;

    @BeforeEach
    void thisNodesPool() {
        // Mail is not read here.
        t = new VolunteeringTestSupport(api, taskService, managementService, dispatcher, jdbc, null);
        wall = new MovableClock(Instant.now());
        database = new CuttableDataSource(dataSource);
        pool = new CandidatePool(new VolunteerRepository(database), wall);
    }

    @Test
    void theSnapshotIsKeptWithinItsAgeThenReadWholeSoAVolunteerPausedOnAnotherNodeLeavesIt() {
        UUID paula = UUID.fromString(t.volunteer("Paula Elsewhere", Map.of()));
        CandidateSnapshot first = pool.snapshot();
        assertThat(first.indexOf(paula)).isNotNegative();

        // Another node pauses Paula and enters Nina: this node's pool is not told.
        assertThat(anotherNode.setStatus(paula, Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED)).isTrue();
        UUID nina = UUID.fromString(t.volunteer("Nina Newcomer", Map.of()));

        assertThat(pool.snapshot()).as("kept while younger than its limit").isSameAs(first);
        wall.move(CandidatePool.MAX_AGE);
        assertThat(pool.snapshot()).as("kept at its limit").isSameAs(first);

        wall.move(Duration.ofSeconds(1));
        CandidateSnapshot reread = pool.snapshot();
        assertThat(reread).isNotSameAs(first);
        assertThat(reread.indexOf(paula)).as("paused on another node").isNegative();
        assertThat(reread.indexOf(nina)).as("entered on another node").isNotNegative();
        assertThat(pool.snapshot()).as("the new snapshot is kept in turn").isSameAs(reread);
    }

    @Test
    void aChangeOnThisNodeIsReadAloneAndAReadThatFailsKeepsItsMarkForTheNextMatch() {
        UUID vera = UUID.fromString(t.volunteer("Vera Here", Map.of()));
        UUID oleg = UUID.fromString(t.volunteer("Oleg There", Map.of()));
        CandidateSnapshot first = pool.snapshot();
        assertThat(first.indexOf(vera)).isNotNegative();
        assertThat(first.indexOf(oleg)).isNotNegative();

        // Oleg is paused on another node (not told); Vera on this one, which marks her.
        assertThat(anotherNode.setStatus(oleg, Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED)).isTrue();
        assertThat(anotherNode.setStatus(vera, Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED)).isTrue();
        pool.changed(vera);

        database.cut = true;
        assertThatThrownBy(pool::snapshot).isInstanceOf(DataAccessException.class);
        database.cut = false;

        CandidateSnapshot patched = pool.snapshot();
        assertThat(patched.indexOf(vera)).as("still marked after the failed read, so read now").isNegative();
        assertThat(patched.indexOf(oleg)).as("only the marked volunteer is read: the rest is copied until the age limit")
                .isNotNegative();

        // A whole read that fails is tried again at the next match.
        wall.move(CandidatePool.MAX_AGE.plusSeconds(1));
        database.cut = true;
        assertThatThrownBy(pool::snapshot).isInstanceOf(DataAccessException.class);
        database.cut = false;
        assertThat(pool.snapshot().indexOf(oleg)).isNegative();
    }

    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A database cut: no connection while {@code cut}. */
    static final class CuttableDataSource extends DelegatingDataSource {

        volatile boolean cut;

        CuttableDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (cut) {
                throw new SQLException("The database is cut off");
            }
            return super.getConnection();
        }
    }
}
