package org.opora.search;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One kind of thing search finds: its table, how it joins its case (for the caller's scope), its
 * title and the columns searched, by weight (A: the title, B: where and what about, C: the text).
 *
 * @param caseJoin the join that brings the case's row in as {@code c}, or null for what belongs to no case
 */
record SearchSource(SearchHit.Type type, String table, String alias, String caseJoin, String caseId, String title,
        List<String> weightA, List<String> weightB, List<String> weightC) {

    static final List<SearchSource> ALL = List.of(
            new SearchSource(SearchHit.Type.LETTER, "letter", "l", "JOIN opora_case c ON c.id = l.id", "l.id", "l.subject",
                    List.of("subject"), List.of("topic", "region"), List.of("text", "answer_summary")),
            new SearchSource(SearchHit.Type.APPLICATION, "grant_application", "a", "JOIN opora_case c ON c.id = a.id", "a.id",
                    "COALESCE(a.project_title, c.title)",
                    List.of("project_title"), List.of("topic", "region", "target_group"), List.of("summary")),
            new SearchSource(SearchHit.Type.VOLUNTEER_REQUEST, "volunteer_request", "r", "JOIN opora_case c ON c.id = r.id",
                    "r.id", "r.title", List.of("title"), List.of("place", "district", "city"), List.of("what", "why")),
            new SearchSource(SearchHit.Type.PUBLIC_BODY, "public_body", "b", null, "CAST(NULL AS UUID)", "b.name",
                    List.of("name"), List.of("region", "topics"), List.of("address")),
            new SearchSource(SearchHit.Type.DOCUMENT, "document", "d", "JOIN opora_case c ON c.id = d.case_id", "d.case_id",
                    "d.name", List.of("name"), List.of(), List.of("text_content")));

    boolean scoped() {
        return caseJoin != null;
    }

    List<String> columns() {
        return Stream.of(weightA, weightB, weightC).flatMap(List::stream).map(column -> alias + "." + column).toList();
    }

    /** The columns' text joined by spaces, a missing value as nothing. */
    static String concat(List<String> columns) {
        return columns.size() == 1 ? "COALESCE(" + columns.get(0) + ", '')" : "CONCAT_WS(' ', " + String.join(", ", columns) + ")";
    }

    /** The columns other than the title's, where a fragment is found. */
    List<String> bodyColumns() {
        List<String> columns = columns();
        return columns.size() > 1 ? columns.subList(1, columns.size()) : columns;
    }

    /**
     * The weighted document vector, written exactly as the expression indexes of
     * {@code db/migration-postgresql/V31__search_indexes.sql}, so that PostgreSQL uses them.
     */
    String postgresVector() {
        List<String> parts = new ArrayList<>();
        addWeighted(parts, weightA, "A");
        addWeighted(parts, weightB, "B");
        addWeighted(parts, weightC, "C");
        return "(" + String.join(" || ", parts) + ")";
    }

    private void addWeighted(List<String> parts, List<String> columns, String weight) {
        if (!columns.isEmpty()) {
            String text = columns.stream().map(column -> "coalesce(" + alias + "." + column + ", '')")
                    .collect(Collectors.joining(" || ' ' || "));
            parts.add("setweight(to_tsvector('russian', " + text + "), '" + weight + "')");
        }
    }
}
