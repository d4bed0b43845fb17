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
 * Section 8's second figure: the letters' pass of (1) without and with the engine's history cleanup
 * running on a backlog of finished history, in turn in the same run, and the rows the cleanup
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

    private static final int ROUNDS = 3;

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
        // The cleanup job exists from here on, put off: the job executor runs it only in the passes with it, and after.
        String job = history.cleanUpHistoryAsync(true).getId();
        park(job);
        // A first pass leaves finished letters to copy; it counts as a pass without.
        List<OporaBenchmark.Pass> without = new ArrayList<>(List.of(pass.run(threads)));
        List<String> loads = new ArrayList<>(List.of(load()));
        long copies = backlog();
        long backlog = backlogLeft();
        if (backlog == 0) {
            report.note("8: no finished history to copy into a backlog; the cleanup under load was not measured.");
            return;
        }

        // Passes without and with the cleanup in turn, so that the machine's load (shared, 2 cores) falls on both alike.
        // The cleanup as production runs it: the engine's job, by the job executor, again at once while batches come back full.
        List<OporaBenchmark.Pass> with = new ArrayList<>();
        long removed = 0;
        long backlogAfter = backlog;
        for (int round = 0; round < ROUNDS; round++) {
            due();
            long started = waitUntilBelow(Math.max(1, backlogAfter), 30_000L);
            with.add(pass.run(threads));
            backlogAfter = backlogLeft();
            removed += started - backlogAfter;
            park(job);
            loads.add(load());
            without.add(pass.run(threads));
            loads.add(load());
        }

        double withRate = rate(with);
        double withoutRate = rate(without);
        double perMinuteDuring = removed / (with.stream().mapToDouble(OporaBenchmark.Pass::seconds).sum() / 60);
        report.row("8", "Letters through the API, " + threads + " threads, while the history cleanup (job executor) removes a backlog of "
                        + String.format(Locale.ROOT, "%,d", backlog) + " finished history rows (" + copies
                        + " copies of the run's finished letters); " + ROUNDS + " passes with, " + without.size() + " without, in turn",
                BenchReport.f(withRate) + " letters/s (" + with.stream().mapToInt(OporaBenchmark.Pass::errors).sum() + " errors) = "
                        + BenchReport.f(100 * withRate / withoutRate) + "% of the passes without; "
                        + String.format(Locale.ROOT, "%,d", removed) + " rows removed during them = "
                        + String.format(Locale.ROOT, "%,.0f", perMinuteDuring) + " rows/min"
                        + (backlogAfter == 0 ? " (backlog emptied before the last pass ended)" : ""),
                "measure", "without cleanup: " + BenchReport.f(withoutRate) + " letters/s (passes "
                        + String.join(", ", without.stream().map(p -> BenchReport.f(p.perSecond())).toList()) + "; with: "
                        + String.join(", ", with.stream().map(p -> BenchReport.f(p.perSecond())).toList()) + "); load average "
                        + String.join(" / ", loads),
                "");

        // The rest of the backlog with nothing else running: the cleanup's own pace.
        due();
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

    private static double rate(List<OporaBenchmark.Pass> passes) {
        return passes.stream().mapToInt(OporaBenchmark.Pass::done).sum() / passes.stream().mapToDouble(OporaBenchmark.Pass::seconds).sum();
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

    /** Due at once: the job executor runs it, and again at once while its batches come back full. */
    private void due() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                history.cleanUpHistoryAsync(true);
                return;
            } catch (RuntimeException busy) {
                // a run of it that was under way when it was put off is finishing
                pause(200);
            }
        }
        throw new IllegalStateException("The history cleanup job could not be made due");
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
