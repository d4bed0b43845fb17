package org.opora.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's table: each figure beside its target and the reference measured in the same run. */
final class BenchReport {

    record Row(String item, String figure, String value, String target, String reference, String verdict) {
    }

    private final List<String> context = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void context(String line) {
        context.add(line);
        System.out.println("[bench] " + line);
    }

    void row(String item, String figure, String value, String target, String reference, String verdict) {
        Row row = new Row(item, figure, value, target, reference, verdict);
        rows.add(row);
        System.out.printf("[bench] %s %s: %s (target %s; reference %s) %s%n", item, figure, value, target, reference, verdict);
    }

    void note(String line) {
        notes.add(line);
        System.out.println("[bench] note: " + line);
    }

    static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    static String f(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A Markdown table, so that a run can be pasted into docs/performance.md as it is. */
    String print() {
        StringBuilder out = new StringBuilder("\n## Opora benchmark\n\n");
        context.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n| # | Figure | Measured | Target | Same-run reference | |\n|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.item()).append(" | ").append(row.figure()).append(" | ").append(row.value()).append(" | ")
                    .append(row.target()).append(" | ").append(row.reference()).append(" | ").append(row.verdict()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        return out.toString();
    }
}
