package org.opora.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opora.system.Timestamps;
import org.opora.system.TransactionReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CaseRepository {

    private static final String COLUMNS =
            "id, process_key, process_instance_id, centre_id, organisation_id, title, created_by, created_at";

    private final JdbcClient jdbc;
    /**
     * A step of a case asks for it several times (the candidate-group expression, the open-task view, the
     * notification, the visibility check before a completion); the columns read change only by {@link #insert}
     * and {@link #attachProcessInstance}, which forget everything read in their transaction. An absent case is
     * not remembered.
     */
    private final TransactionReads<UUID, CaseRecord> byId = new TransactionReads<>();
    private final TransactionReads<String, CaseRecord> byProcessInstance = new TransactionReads<>();

    public CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CaseRecord record) {
        forgetReads();
        jdbc.sql("INSERT INTO opora_case (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(record.id(), record.processKey(), record.processInstanceId(), record.centreId(),
                        record.organisationId(), record.title(), record.createdBy(), Timestamps.toDb(record.createdAt()))
                .update();
    }

    void attachProcessInstance(UUID caseId, String processInstanceId) {
        forgetReads();
        jdbc.sql("UPDATE opora_case SET process_instance_id = ? WHERE id = ?").params(processInstanceId, caseId).update();
    }

    /** The case, read once per transaction (see {@link #byId}). */
    public Optional<CaseRecord> find(UUID id) {
        CaseRecord found = byId.get(id, key -> jdbc.sql("SELECT " + COLUMNS + " FROM opora_case WHERE id = ?").param(key)
                .query(CaseRepository::record).optional().orElse(null));
        if (found != null && found.processInstanceId() != null) {
            byProcessInstance.remember(found.processInstanceId(), found);
        }
        return Optional.ofNullable(found);
    }

    /** The case of a process instance, read once per transaction (see {@link #byId}). */
    public Optional<CaseRecord> findByProcessInstance(String processInstanceId) {
        CaseRecord found = byProcessInstance.get(processInstanceId, key -> jdbc.sql("SELECT " + COLUMNS
                + " FROM opora_case WHERE process_instance_id = ?").param(key).query(CaseRepository::record).optional().orElse(null));
        if (found != null) {
            byId.remember(found.id(), found);
        }
        return Optional.ofNullable(found);
    }

    private void forgetReads() {
        byId.forgetAll();
        byProcessInstance.forgetAll();
    }

    public List<CaseRecord> findByProcessInstances(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM opora_case WHERE process_instance_id IN (:ids)")
                .param("ids", processInstanceIds)
                .query(CaseRepository::record)
                .list();
    }

    /**
     * The cases of a scope, newest first: for a centre or an organisation one range of an index in
     * this order (ADR 26), read up to the page's end.
     */
    List<CaseRecord> findPage(CaseScope scope, List<String> processKeys, int offset, int limit) {
        CaseScope.SqlCondition visible = scope.toCaseListSql("c");
        return jdbc.sql("SELECT " + COLUMNS + " FROM opora_case c WHERE " + visible.sql() + processFilter(processKeys)
                        + " ORDER BY c.created_at DESC, c.id LIMIT :limit OFFSET :offset")
                .params(visible.parameters())
                .params(processKeys == null ? Map.of() : Map.of("processKeys", processKeys.isEmpty() ? List.of("") : processKeys))
                .param("limit", limit)
                .param("offset", offset)
                .query(CaseRepository::record)
                .list();
    }

    long count(CaseScope scope, List<String> processKeys) {
        CaseScope.SqlCondition visible = scope.toCaseListSql("c");
        return jdbc.sql("SELECT COUNT(*) FROM opora_case c WHERE " + visible.sql() + processFilter(processKeys))
                .params(visible.parameters())
                .params(processKeys == null ? Map.of() : Map.of("processKeys", processKeys.isEmpty() ? List.of("") : processKeys))
                .query(Long.class)
                .single();
    }

    private static String processFilter(List<String> processKeys) {
        return processKeys == null ? "" : " AND c.process_key IN (:processKeys)";
    }

    void insertEvent(CaseEvent event) {
        jdbc.sql("INSERT INTO case_event (id, case_id, occurred_at, kind, actor, detail, args) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(event.id(), event.caseId(), Timestamps.toDb(event.occurredAt()), event.kind(), event.actor(), event.detail(),
                        event.args())
                .update();
    }

    List<CaseEvent> findEvents(UUID caseId) {
        return jdbc.sql("SELECT id, case_id, occurred_at, kind, actor, detail, args FROM case_event WHERE case_id = ?"
                + " ORDER BY occurred_at, id")
                .param(caseId)
                .query((rs, row) -> new CaseEvent(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                        Timestamps.fromDb(rs.getObject("occurred_at", OffsetDateTime.class)), rs.getString("kind"),
                        rs.getString("actor"), rs.getString("detail"), rs.getString("args")))
                .list();
    }

    private static CaseRecord record(ResultSet rs, int row) throws SQLException {
        return new CaseRecord(
                rs.getObject("id", UUID.class),
                rs.getString("process_key"),
                rs.getString("process_instance_id"),
                rs.getObject("centre_id", UUID.class),
                rs.getObject("organisation_id", UUID.class),
                rs.getString("title"),
                rs.getString("created_by"),
                Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)));
    }
}
