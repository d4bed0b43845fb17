package org.opora.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opora.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DocumentRepository {

    private static final String COLUMNS = "id, case_id, volunteer_id, kind, name, content_type, size_bytes, sha256, "
            + "storage_key, uploaded_by, uploaded_at, part";

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Document document, String text) {
        jdbc.sql("INSERT INTO document (" + COLUMNS + ", text_content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(document.id(), document.caseId(), document.volunteerId(), document.kind(), document.name(),
                        document.contentType(), document.size(), document.sha256(), document.storageKey(),
                        document.uploadedBy(), Timestamps.toDb(document.uploadedAt()), document.part(), text)
                .update();
    }

    Optional<Document> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE id = ?").param(id).query(DocumentRepository::document)
                .optional();
    }

    List<Document> findByCase(UUID caseId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE case_id = ? ORDER BY uploaded_at, id").param(caseId)
                .query(DocumentRepository::document).list();
    }

    List<Document> findByVolunteer(UUID volunteerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE volunteer_id = ? ORDER BY uploaded_at, id")
                .param(volunteerId).query(DocumentRepository::document).list();
    }

    /**
     * Locks the case's row, so that concurrent uploads to one case are counted against its limit one
     * after the other, and returns the bytes its documents take already.
     */
    long lockCaseAndSumSizes(UUID caseId) {
        jdbc.sql("SELECT id FROM opora_case WHERE id = ? FOR UPDATE").param(caseId).query(UUID.class).single();
        return jdbc.sql("SELECT COALESCE(SUM(size_bytes), 0) FROM document WHERE case_id = ?").param(caseId)
                .query(Long.class).single();
    }

    /** Locks the volunteer's row (see {@link #lockCaseAndSumSizes}); empty when there is no such volunteer. */
    Optional<Long> lockVolunteerAndSumSizes(UUID volunteerId) {
        Optional<UUID> volunteer = jdbc.sql("SELECT id FROM volunteer WHERE id = ? AND status <> 'LEFT' FOR UPDATE")
                .param(volunteerId).query(UUID.class).optional();
        return volunteer.map(id -> jdbc.sql("SELECT COALESCE(SUM(size_bytes), 0) FROM document WHERE volunteer_id = ?")
                .param(id).query(Long.class).single());
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM document WHERE id = ?").param(id).update();
    }

    private static Document document(ResultSet rs, int row) throws SQLException {
        return new Document(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getObject("volunteer_id", UUID.class), rs.getString("kind"), rs.getString("name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("storage_key"),
                rs.getString("uploaded_by"), Timestamps.fromDb(rs.getObject("uploaded_at", OffsetDateTime.class)),
                rs.getString("part"));
    }
}
