package org.opora.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opora.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CaseRepository {

    private static final String COLUMNS =
            "id, process_key, process_instance_id, centre_id, organisation_id, title, created_by, created_at";

    private final JdbcClient jdbc;

    public CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CaseRecord record) {
        jdbc.sql("INSERT INTO opora_case (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(record.id(), record.processKey(), record.processInstanceId(), record.centreId(),
                        record.organisationId(), record.title(), record.createdBy(), Timestamps.toDb(record.createdAt()))
                .update();
    }

    void attachProcessInstance(UUID caseId, String processInstanceId) {
        jdbc.sql("UPDATE opora_case SET process_instance_id = ? WHERE id = ?").params(processInstanceId, caseId).update();
    }

    public Optional<CaseRecord> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opora_case WHERE id = ?").param(id).query(CaseRepository::record).optional();
    }

    public Optional<CaseRecord> findByProcessInstance(String processInstanceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opora_case WHERE process_instance_id = ?")
                .param(processInstanceId)
                .query(CaseRepository::record)
                .optional();
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

    /** The cases of a scope, newest first. */
    List<CaseRecord> findPage(CaseScope scope, String processKey, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM opora_case WHERE ");
        var statement = where(scope, processKey, sql);
        sql.append(" ORDER BY created_at DESC, id LIMIT ").append(limit).append(" OFFSET ").append(offset);
        var query = jdbc.sql(sql.toString());
        for (var parameter : statement) {
            query = query.param(parameter.name(), parameter.value());
        }
        return query.query(CaseRepository::record).list();
    }

    long count(CaseScope scope, String processKey) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM opora_case WHERE ");
        var statement = where(scope, processKey, sql);
        var query = jdbc.sql(sql.toString());
        for (var parameter : statement) {
            query = query.param(parameter.name(), parameter.value());
        }
        return query.query(Long.class).single();
    }

    private record Parameter(String name, Object value) {
    }

    private static List<Parameter> where(CaseScope scope, String processKey, StringBuilder sql) {
        List<Parameter> parameters = new ArrayList<>();
        List<String> visible = new ArrayList<>();
        if (scope.everything()) {
            visible.add("1 = 1");
        }
        if (!scope.centreIds().isEmpty()) {
            visible.add("centre_id IN (:centres)");
            parameters.add(new Parameter("centres", scope.centreIds()));
        }
        if (scope.organisationId() != null) {
            visible.add("organisation_id = :organisation");
            parameters.add(new Parameter("organisation", scope.organisationId()));
        }
        if (!scope.processInstanceIds().isEmpty()) {
            visible.add("process_instance_id IN (:instances)");
            parameters.add(new Parameter("instances", scope.processInstanceIds()));
        }
        sql.append(visible.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", visible) + ")");
        if (processKey != null) {
            sql.append(" AND process_key = :processKey");
            parameters.add(new Parameter("processKey", processKey));
        }
        return parameters;
    }

    void insertEvent(CaseEvent event) {
        jdbc.sql("INSERT INTO case_event (id, case_id, occurred_at, kind, actor, detail) VALUES (?, ?, ?, ?, ?, ?)")
                .params(event.id(), event.caseId(), Timestamps.toDb(event.occurredAt()), event.kind(), event.actor(), event.detail())
                .update();
    }

    List<CaseEvent> findEvents(UUID caseId) {
        return jdbc.sql("SELECT id, case_id, occurred_at, kind, actor, detail FROM case_event WHERE case_id = ? ORDER BY occurred_at, id")
                .param(caseId)
                .query((rs, row) -> new CaseEvent(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                        Timestamps.fromDb(rs.getObject("occurred_at", OffsetDateTime.class)), rs.getString("kind"),
                        rs.getString("actor"), rs.getString("detail")))
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
