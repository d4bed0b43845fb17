package org.opora.volunteering;

import org.opora.cases.CaseErasure;
import org.opora.cases.CaseRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At the end of a volunteer request's retention (ADR 16), the CSO's contact person is erased from it,
 * and the volunteers' feedback comments; the hours stay (they are the volunteers' and the centre's
 * record, and go when a volunteer leaves).
 */
@Component
class RequestErasure implements CaseErasure {

    static final String ERASED = "—";

    private final JdbcClient jdbc;

    RequestErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(CaseRecord record) {
        if (!MatchingService.PROCESS_KEY.equals(record.processKey())) {
            return;
        }
        jdbc.sql("UPDATE volunteer_request SET contact_name = ?, contact_email = ?, contact_phone = NULL WHERE id = ?")
                .params(ERASED, ERASED, record.id()).update();
        jdbc.sql("UPDATE volunteer_feedback SET comment = NULL WHERE request_id = ?").param(record.id()).update();
    }
}
