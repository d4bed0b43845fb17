package org.opora.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.opora.system.SystemAccess;
import org.opora.system.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends the retention of cases whose process ended longer ago than their type's period (ADR 16): each
 * feature's {@link CaseErasure} erases the case's documents and personal data, the case's timeline
 * loses who did what, and the case keeps what statistics need (type, organisation, title, dates).
 * Runs daily on every node; a case is claimed by a conditional update, so two nodes never erase one
 * case twice, and each case is erased in one transaction.
 */
@Component
public class CaseRetention {

    private static final Logger log = LoggerFactory.getLogger(CaseRetention.class);

    private final JdbcClient jdbc;
    private final HistoryService historyService;
    private final RuntimeService runtimeService;
    private final SystemAccess system;
    private final List<CaseErasure> erasures;
    private final CaseRepository cases;
    private final RetentionProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    CaseRetention(JdbcClient jdbc, HistoryService historyService, RuntimeService runtimeService, SystemAccess system, List<CaseErasure> erasures,
            CaseRepository cases, RetentionProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.system = system;
        this.erasures = erasures;
        this.cases = cases;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(cron = "${opora.retention.cron:0 30 3 * * *}", zone = "${opora.time-zone}")
    void scheduled() {
        int erased = endDueRetentions();
        if (erased > 0) {
            log.info("Retention ended for {} cases: their documents and personal data are erased", erased);
        }
    }

    /** Erases every case whose retention has ended by now (the engine's clock); returns how many. */
    public int endDueRetentions() {
        Instant now = clock.instant();
        int erased = 0;
        List<String> processKeys = jdbc.sql("SELECT DISTINCT process_key FROM opora_case WHERE retention_ended_at IS NULL")
                .query(String.class).list();
        for (String processKey : processKeys) {
            Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(properties.periodOf(processKey)).toInstant();
            erased += endRetentions(processKey, cutoff, now);
        }
        return erased;
    }

    /**
     * Cases of one type whose process ended before the cutoff. Only cases opened before the cutoff can
     * have ended before it, which keeps the candidates few; the engine's history says which ended.
     */
    private int endRetentions(String processKey, Instant cutoff, Instant now) {
        int erased = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            List<Candidate> candidates = jdbc.sql("SELECT id, process_instance_id FROM opora_case WHERE process_key = ? "
                            + "AND retention_ended_at IS NULL AND process_instance_id IS NOT NULL AND created_at < ? AND id > ? "
                            + "ORDER BY id LIMIT ?")
                    .params(processKey, Timestamps.toDb(cutoff), after, properties.batch()).query((rs, row) ->
                            new Candidate(rs.getObject("id", UUID.class), rs.getString("process_instance_id")))
                    .list();
            if (candidates.isEmpty()) {
                return erased;
            }
            after = candidates.get(candidates.size() - 1).id();
            Map<String, UUID> byInstance = candidates.stream().collect(Collectors.toMap(Candidate::processInstanceId,
                    Candidate::id, (a, b) -> a));
            List<HistoricProcessInstance> known = system.call(() -> historyService.createHistoricProcessInstanceQuery()
                    .processInstanceIds(byInstance.keySet()).list());
            Set<String> ended = known.stream().filter(instance -> instance.getEndTime() != null
                    && instance.getEndTime().toInstant().isBefore(cutoff)).map(HistoricProcessInstance::getId)
                    .collect(Collectors.toCollection(HashSet::new));
            // A process the history no longer knows ended longer ago than its historyTimeToLive: erase it too.
            Set<String> forgotten = new HashSet<>(byInstance.keySet());
            known.forEach(instance -> forgotten.remove(instance.getId()));
            if (!forgotten.isEmpty()) {
                system.call(() -> runtimeService.createProcessInstanceQuery().processInstanceIds(forgotten).list())
                        .forEach(running -> forgotten.remove(running.getId()));
                ended.addAll(forgotten);
            }
            for (String instance : ended) {
                if (erase(byInstance.get(instance), now)) {
                    erased++;
                }
            }
            if (candidates.size() < properties.batch()) {
                return erased;
            }
        }
    }

    private record Candidate(UUID id, String processInstanceId) {
    }

    /** Erases one case in one transaction; false if another node did it first. */
    private boolean erase(UUID caseId, Instant now) {
        Boolean done = transaction.execute(status -> {
            int claimed = jdbc.sql("UPDATE opora_case SET retention_ended_at = ? WHERE id = ? AND retention_ended_at IS NULL")
                    .params(Timestamps.toDb(now), caseId).update();
            if (claimed == 0) {
                return false;
            }
            CaseRecord record = cases.find(caseId).orElseThrow();
            erasures.forEach(erasure -> erasure.erase(record));
            // The timeline keeps what happened and when, no longer who or with which words.
            jdbc.sql("UPDATE case_event SET actor = NULL, detail = NULL WHERE case_id = ?").param(caseId).update();
            jdbc.sql("INSERT INTO case_event (id, case_id, occurred_at, kind, actor, detail) VALUES (?, ?, ?, ?, NULL, NULL)")
                    .params(UUID.randomUUID(), caseId, Timestamps.toDb(now), "retention-ended").update();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /** When the case's retention ended, if it has. */
    public java.util.Optional<Instant> endedAt(UUID caseId) {
        return jdbc.sql("SELECT retention_ended_at FROM opora_case WHERE id = ?").param(caseId)
                .query((rs, row) -> Timestamps.fromDb(rs.getObject(1, OffsetDateTime.class))).optional()
                .filter(java.util.Objects::nonNull);
    }
}
