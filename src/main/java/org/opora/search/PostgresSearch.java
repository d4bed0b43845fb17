package org.opora.search;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.opora.cases.CaseScope;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL full-text search with the {@code russian} configuration: words are matched by their
 * stems ("школы" finds "школа"), ranked by {@code ts_rank} over the weighted columns, and the
 * fragment comes from {@code ts_headline}. The query syntax is that of {@code websearch_to_tsquery}
 * ("quoted phrases", {@code or}, {@code -excluded}).
 */
class PostgresSearch implements SearchEngine {

    /** ts_headline reads no more of a long document than this. */
    private static final int HEADLINE_CHARS = 100_000;

    private final JdbcClient jdbc;

    PostgresSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<SearchHit> search(String query, CaseScope scope, int limit) {
        CaseScope.SqlCondition visible = scope.toCaseListSql("c");
        List<String> selects = new ArrayList<>();
        for (SearchSource source : SearchSource.ALL) {
            String vector = source.postgresVector();
            selects.add("SELECT '" + source.type().name() + "' AS type, " + source.alias() + ".id AS id, " + source.caseId()
                    + " AS case_id, " + source.title() + " AS title, ts_rank(" + vector + ", q.query) AS rank, "
                    + "left(" + SearchSource.concat(source.bodyColumns()) + ", " + HEADLINE_CHARS + ") AS body"
                    + " FROM " + source.table() + " " + source.alias() + (source.scoped() ? " " + source.caseJoin() : "")
                    + " CROSS JOIN q WHERE " + vector + " @@ q.query" + (source.scoped() ? " AND " + visible.sql() : ""));
        }
        String sql = "WITH q AS (SELECT websearch_to_tsquery('russian', :query) AS query) "
                + "SELECT hit.type, hit.id, hit.case_id, hit.title, hit.rank, ts_headline('russian', hit.title || ' · ' || hit.body, "
                + "q.query, :headlineOptions) AS fragment FROM ("
                + String.join(" UNION ALL ", selects)
                + " ORDER BY rank DESC, id LIMIT :limit) hit CROSS JOIN q ORDER BY hit.rank DESC, hit.id";
        return jdbc.sql(sql)
                .params(visible.parameters())
                .param("query", query)
                .param("limit", limit)
                .param("headlineOptions", "StartSel=" + Highlights.START + ", StopSel=" + Highlights.STOP
                        + ", MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"")
                .query((rs, row) -> new SearchHit(SearchHit.Type.valueOf(rs.getString("type")), rs.getObject("id", UUID.class),
                        rs.getObject("case_id", UUID.class), rs.getString("title"),
                        Highlights.toHtml(rs.getString("fragment")), rs.getDouble("rank")))
                .list();
    }
}
