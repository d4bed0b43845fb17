package org.opora.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Section 8's second figure: the letters' pass of (1) without, with and again without the engine's
 * history cleanup running on a backlog of finished history, in the same run, and the rows the cleanup
 * removes per minute while the letters go through and alone. The backlog is the finished letters'
 * own history copied by SQL (new ids, removal time in the past), so its rows have the shapes the
 * cleanup meets in production. The cleanup is the engine's job run by the job executor (not due
 * during the passes without it); the pass with it starts once the first rows are gone.
 */
final class CleanupUnderLoad {

    /** The letters' pass of section (1) with the given number of threads. */
    interface LetterPass {
        OporaBenchmark.Pass run(int threads) throws Exception;
    }

    /** The columns whose values identify a history row or its instance: each copy gets its own. */
    private static final List<String> IDENTITIES = List.of("id_", "proc_inst_id_", "root_proc_inst_id_", "bytearray_id_");

    private final JdbcClient jdbc;
    private final BenchReport report;
    private final HistoryService history;
    private final ManagementService management;
    private final LetterPass pass;
    private final int threads;
    private final long backlogRows;
    private final List<String> tables;

    CleanupUnderLoad(ConfigurableApplicationContext app, JdbcClient jdbc, BenchReport report, LetterPass pass, int threads,
            long backlogRows) {
        this.jdbc = jdbc;
        this.report = report;
        this.history = app.getBean(HistoryService.class);
        this.management = app.getBean(ManagementService.class);
        this.pass = pass;
        this.threads = threads;
        this.backlogRows = backlogRows;
        this.tables = jdbc.sql("SELECT table_name FROM information_schema.columns WHERE column_name = 'removal_time_'"
                + " AND table_schema = current_schema() AND (table_name LIKE 'act_hi_%' OR table_name = 'act_ge_bytearray')"
                // the cleanup job's own log grows with every run of it
                + " AND table_name <> 'act_hi_job_log'").query(String.class).list();
    }

    void run() throws Exception {
        // The cleanup job exists from here on, put off: the job executor runs it only during the middle pass and after.
        String job = history.cleanUpHistoryAsync(true).getId();
        park(job);
        OporaBenchmark.Pass before = pass.run(threads);
        String loadBefore = load();
        long copies = backlog();
        long backlog = backlogLeft();
        if (backlog == 0) {
            report.note("8: no finished history to copy into a backlog; the cleanup under load was not measured.");
            return;
        }

        // The engine's cleanup as production runs it: its job, by the job executor, again at once while batches come back full.
        history.cleanUpHistoryAsync(true);
        long started = waitUntilBelow(backlog, 30_000L);
        OporaBenchmark.Pass during = pass.run(threads);
        long backlogAfter = backlogLeft();
        String loadDuring = load();
        park(job);
        OporaBenchmark.Pass after = pass.run(threads);
        String loadAfter = load();

        double without = (before.perSecond() + after.perSecond()) / 2;
        long removedDuring = started - backlogAfter;
        double perMinuteDuring = removedDuring / (during.seconds() / 60);
        report.row("8", "Letters through the API, " + threads + " threads, while the history cleanup (job executor) removes a backlog of "
                        + String.format(Locale.ROOT, "%,d", backlog) + " finished history rows (" + copies + " copies of the run's finished letters)",
                BenchReport.f(during.perSecond()) + " letters/s (" + during.errors() + " errors) = "
                        + BenchReport.f(100 * during.perSecond() / without) + "% of the passes without; "
                        + String.format(Locale.ROOT, "%,d", removedDuring) + " rows removed during the pass = "
                        + String.format(Locale.ROOT, "%,.0f", perMinuteDuring) + " rows/min"
                        + (backlogAfter == 0 ? " (backlog emptied before the pass ended)" : ""),
                "measure", "without cleanup: " + BenchReport.f(before.perSecond()) + " letters/s before, "
                        + BenchReport.f(after.perSecond()) + " after; load average " + loadBefore + " / " + loadDuring + " / " + loadAfter,
                "");

        // The rest of the backlog with nothing else running: the cleanup's own pace.
        history.cleanUpHistoryAsync(true);
        long start = System.nanoTime();
        long left = waitUntilBelow(1, 120_000L);
        double minutes = (System.nanoTime() - start) / 6e10;
        long removedAlone = backlogAfter - left;
        park(job);
        if (removedAlone > 0) {
            report.row("8", "History cleanup (job executor) alone, the rest of the backlog",
                    String.format(Locale.ROOT, "%,d", removedAlone) + " rows in " + BenchReport.f(minutes * 60) + " s = "
                            + String.format(Locale.ROOT, "%,.0f", removedAlone / minutes) + " rows/min"
                            + (left > 0 ? " (" + String.format(Locale.ROOT, "%,d", left) + " left at the time limit)" : ""),
                    "measure", "load average " + load(), "");
        }
    }

    /** Polls the backlog until it is below {@code rows} or the time is up; returns the last count. */
    private long waitUntilBelow(long rows, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        long left = backlogLeft();
        while (left >= rows && System.currentTimeMillis() < deadline) {
            pause(250);
            left = backlogLeft();
        }
        return left;
    }

    /**
     * Copies the finished history (rows with a removal time) until the backlog holds about
     * {@code backlogRows} rows, every copy with new ids and a removal time of yesterday.
     *
     * @return the number of copies
     */
    private long backlog() {
        long finished = 0;
        for (String table : tables) {
            finished += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE removal_time_ IS NOT NULL").query(Long.class).single();
        }
        if (finished == 0) {
            return 0;
        }
        long copies = Math.max(1, (backlogRows + finished - 1) / finished);
        for (String table : tables) {
            List<String> columns = jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                    + " AND table_schema = current_schema() ORDER BY ordinal_position").param(table).query(String.class).list();
            List<String> values = new ArrayList<>();
            for (String column : columns) {
                if (IDENTITIES.contains(column)) {
                    values.add(column + " || ':' || c");
                } else if (column.equals("removal_time_")) {
                    values.add("now() - interval '1 day'");
                } else {
                    values.add(column);
                }
            }
            jdbc.sql("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values) + " FROM "
                    + table + " CROSS JOIN generate_series(1, " + copies + ") c WHERE removal_time_ > now()").update();
            jdbc.sql("ANALYZE " + table).update();
        }
        return copies;
    }

    private long backlogLeft() {
        long rows = 0;
        for (String table : tables) {
            rows += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE removal_time_ <= now()").query(Long.class).single();
        }
        return rows;
    }

    /** Not due for a day: the job executor leaves it alone. */
    private void park(String job) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                management.setJobDuedate(job, new Date(System.currentTimeMillis() + 86_400_000L));
                return;
            } catch (RuntimeException busy) {
                pause(200);
            }
        }
        report.note("8: the history cleanup job could not be put off; the passes without cleanup may include some.");
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException ex) {
            return "?";
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
