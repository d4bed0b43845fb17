package org.opora.search;

import java.util.List;

import javax.sql.DataSource;

import org.opora.cases.CaseAccess;
import org.opora.system.ApiException;
import org.opora.system.Databases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds letters, grant applications, volunteer requests, documents (by their extracted text) and
 * public bodies by their words, only among the cases the user may see: the scope of
 * {@link CaseAccess} is part of the SQL, so another organisation's case is never a hit, nor counted.
 * The API and the pages call the same method.
 */
@Service
public class SearchService {

    public static final int MAX_RESULTS = 50;

    private final SearchEngine engine;
    private final CaseAccess access;

    SearchService(DataSource dataSource, JdbcClient jdbc, CaseAccess access) {
        this.engine = Databases.isPostgres(dataSource) ? new PostgresSearch(jdbc) : new SimpleSearch(jdbc);
        this.access = access;
    }

    /** The best {@code limit} hits (at most {@value #MAX_RESULTS}) for the signed-in user, best first. */
    public List<SearchHit> search(String query, int limit) {
        return engine.search(query.strip(), access.currentScope(), Math.min(limit, MAX_RESULTS)).stream()
                .filter(this::visible).toList();
    }

    /** A feature's narrower rule (an expert sees an application only while reviewing it) applies to hits too. */
    private boolean visible(SearchHit hit) {
        if (hit.caseId() == null) {
            return true;
        }
        try {
            access.require(hit.caseId());
            return true;
        } catch (ApiException hidden) {
            return false;
        }
    }
}
