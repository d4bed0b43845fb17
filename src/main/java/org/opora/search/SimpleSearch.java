package org.opora.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opora.cases.CaseScope;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's search on H2 (docs/adr/0010-documents-and-search.md): every word of the query must
 * occur, case-insensitively, as written (no stems: "школы" does not find "школа"); hits are ranked by
 * how often the words occur, a word in the title counting more.
 */
class SimpleSearch implements SearchEngine {

    private static final int MAX_WORDS = 8;
    private static final int FRAGMENT_CHARS = 240;
    private static final int TITLE_WEIGHT = 5;

    private final JdbcClient jdbc;

    SimpleSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        for (String word : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !words.contains(word) && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        return words;
    }

    @Override
    public List<SearchHit> search(String query, CaseScope scope, int limit) {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        CaseScope.SqlCondition visible = scope.toCaseListSql("c");
        List<Candidate> candidates = new ArrayList<>();
        for (SearchSource source : SearchSource.ALL) {
            String text = "LOWER(" + SearchSource.concat(source.columns()) + ")";
            List<String> conditions = new ArrayList<>();
            Map<String, Object> parameters = new LinkedHashMap<>();
            for (int i = 0; i < words.size(); i++) {
                conditions.add(text + " LIKE :word" + i + " ESCAPE '\\'");
                parameters.put("word" + i, "%" + words.get(i).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (source.scoped()) {
                conditions.add(visible.sql());
                parameters.putAll(visible.parameters());
            }
            String sql = "SELECT " + source.alias() + ".id AS id, " + source.caseId() + " AS case_id, " + source.title()
                    + " AS title, " + SearchSource.concat(source.bodyColumns()) + " AS body FROM "
                    + source.table() + " " + source.alias() + (source.scoped() ? " " + source.caseJoin() : "")
                    + " WHERE " + String.join(" AND ", conditions) + " LIMIT :candidates";
            candidates.addAll(jdbc.sql(sql).params(parameters).param("candidates", limit * 5)
                    .query((rs, row) -> new Candidate(source.type(), rs.getObject("id", UUID.class),
                            rs.getObject("case_id", UUID.class), rs.getString("title"), rs.getString("body")))
                    .list());
        }
        return candidates.stream().map(candidate -> candidate.hit(words))
                .sorted(Comparator.comparingDouble(SearchHit::rank).reversed().thenComparing(hit -> hit.id().toString()))
                .limit(limit).toList();
    }

    private record Candidate(SearchHit.Type type, UUID id, UUID caseId, String title, String body) {

        SearchHit hit(List<String> words) {
            String plainTitle = Highlights.plain(title);
            String plainBody = Highlights.plain(body);
            Pattern anyWord = Pattern.compile(String.join("|", words.stream().map(Pattern::quote).toList()),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            double rank = TITLE_WEIGHT * occurrences(anyWord, plainTitle) + occurrences(anyWord, plainBody);
            Matcher first = anyWord.matcher(plainBody);
            String fragment;
            if (first.find()) {
                int from = Math.max(0, first.start() - FRAGMENT_CHARS / 3);
                int to = Math.min(plainBody.length(), from + FRAGMENT_CHARS);
                fragment = (from > 0 ? "… " : "") + plainBody.substring(from, to) + (to < plainBody.length() ? " …" : "");
            } else {
                fragment = plainTitle;
            }
            String marked = anyWord.matcher(fragment).replaceAll(match -> Matcher.quoteReplacement(
                    Highlights.START + match.group() + Highlights.STOP));
            return new SearchHit(type, id, caseId, title, Highlights.toHtml(marked), rank);
        }

        private static int occurrences(Pattern pattern, String text) {
            return (int) pattern.matcher(text).results().count();
        }
    }
}
