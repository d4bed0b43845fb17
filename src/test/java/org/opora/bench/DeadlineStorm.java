package org.opora.bench;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Section 4's deadline storm: letters started at "Record the answer" through the engine, every answer
 * timer made due in one statement, timed until every escalation task and its e-mail exist. Besides the
 * time it reports what the database did per escalation (pg_stat_user_tables: scans started and rows
 * written, by table), so a change can be judged by its statements as well as by a noisy clock.
 * With {@code -Dbench.options=statement-log} every statement of the storm is also written to the
 * server's log ({@code log_statement = all} for this database only, pool connections renewed).
 */
final class DeadlineStorm {

    interface Commits {
        long now() throws Exception;
    }

    private final ConfigurableApplicationContext app;
    private final JdbcClient jdbc;
    private final BenchReport report;
    private final String database;
    private final Commits commits;

    DeadlineStorm(ConfigurableApplicationContext app, JdbcClient jdbc, BenchReport report, String database, Commits commits) {
        this.app = app;
        this.jdbc = jdbc;
        this.report = report;
        this.database = database;
        this.commits = commits;
    }

    void run(BulkData data, int storm, UUID bodyId, String writer) throws Exception {
        long start = System.nanoTime();
        data.lettersAwaitingAnswer(storm, bodyId, writer);
        report.context(String.format(Locale.ROOT, "%,d", storm) + " letters awaiting their answer started at RecordAnswer through the"
                + " engine (4 threads, 50 per transaction) in " + BenchReport.f((System.nanoTime() - start) / 1e9) + " s");
        OffsetDateTime mailsAfter = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
        long tasksBefore = reviewComplaintTasks();
        long incidentsBefore = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_INCIDENT").query(Long.class).single();
        boolean statementLog = System.getProperty("bench.options", "").contains("statement-log");
        if (statementLog) {
            logStatements(true);
        }
        Map<String, long[]> tablesBefore = tableCounters();
        long commitsBefore = commits.now();
        String env = app.getEnvironment().getProperty("camunda.bpm.job-execution.core-pool-size", "3") + " job threads, "
                + app.getEnvironment().getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition", "3") + " jobs per acquisition, queue "
                + app.getEnvironment().getProperty("camunda.bpm.job-execution.queue-capacity", "3");
        // The same moment for all: every one of these answers is due yesterday, and its timer falls due now, in one statement.
        jdbc.sql("UPDATE letter SET answer_due = current_date - 1 WHERE id IN (SELECT id FROM opora_case WHERE title LIKE 'Шторм %')").update();
        jdbc.sql("UPDATE ACT_RU_JOB SET DUEDATE_ = now() - interval '1 second' WHERE JOB_DEF_ID_ IN"
                + " (SELECT ID_ FROM ACT_RU_JOBDEF WHERE ACT_ID_ = 'AnswerOverdue') AND PROCESS_INSTANCE_ID_ IN"
                + " (SELECT process_instance_id FROM opora_case WHERE title LIKE 'Шторм %')").update();
        start = System.nanoTime();
        long deadline = System.currentTimeMillis() + 15 * 60_000L;
        long escalated = 0;
        long mails = 0;
        double tasksDone = Double.NaN;
        while (System.currentTimeMillis() < deadline) {
            escalated = reviewComplaintTasks() - tasksBefore;
            if (escalated >= storm && Double.isNaN(tasksDone)) {
                tasksDone = (System.nanoTime() - start) / 1e9;
            }
            mails = jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE created_at >= ? AND idempotency_key LIKE 'task-%'")
                    .param(mailsAfter).query(Long.class).single();
            if (escalated >= storm && mails >= storm) {
                break;
            }
            Thread.sleep(200);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long committed = commits.now() - commitsBefore;
        Map<String, long[]> tablesAfter = tableCounters();
        if (statementLog) {
            logStatements(false);
        }
        long incidents = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_INCIDENT").query(Long.class).single() - incidentsBefore;
        long duplicates = jdbc.sql("SELECT COUNT(*) FROM (SELECT PROC_INST_ID_ FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'ReviewComplaint'"
                + " GROUP BY PROC_INST_ID_ HAVING COUNT(*) > 1) d").query(Long.class).single();
        // The same e-mail twice: to the same person, with the same subject and body (or, not rendered yet, the same model).
        long duplicateMails = jdbc.sql("SELECT COUNT(*) FROM (SELECT recipient, subject, COALESCE(body_html, model) AS body FROM mail_outbox"
                + " WHERE created_at >= ? GROUP BY recipient, subject, COALESCE(body_html, model) HAVING COUNT(*) > 1) d")
                .param(mailsAfter).query(Long.class).single();
        report.row("4", "Deadline storm: " + String.format(Locale.ROOT, "%,d", storm) + " answer deadlines at one moment, until every"
                        + " escalation task exists and every e-mail is in the outbox (" + env + ")",
                BenchReport.f(elapsed) + " s (tasks all there at " + BenchReport.f(tasksDone) + " s; "
                        + BenchReport.f(escalated / elapsed) + " escalations/s); " + escalated + " escalation tasks, " + mails
                        + " e-mails, " + incidents + " incidents, " + duplicates + " duplicate tasks, " + duplicateMails
                        + " duplicate e-mails; " + committed + " commits",
                "< 60 s (10,000 letters), 0 incidents, 0 duplicates", "-",
                BenchReport.verdict(escalated >= storm && mails >= storm && incidents == 0 && duplicates == 0 && duplicateMails == 0
                        && elapsed * 10_000 / storm < 60));
        report.note("Deadline storm, the database's work per escalation (pg_stat_user_tables, scans started and rows written): "
                + perEscalation(tablesBefore, tablesAfter, Math.max(escalated, 1)));
        if (storm < 10_000) {
            report.note("The deadline storm ran with " + storm + " letters, not 10,000 (small scale or -Dbench.storm); the verdict scales"
                    + " the measured time linearly.");
        }
    }

    private long reviewComplaintTasks() {
        return jdbc.sql("SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'ReviewComplaint'").query(Long.class).single();
    }

    /** Per table: scans started (sequential and by index) and rows inserted, updated, deleted. */
    private Map<String, long[]> tableCounters() throws InterruptedException {
        // Backends publish their counters at most once a second.
        Thread.sleep(1_500);
        Map<String, long[]> counters = new HashMap<>();
        jdbc.sql("SELECT relname, COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0) AS scans, n_tup_ins + n_tup_upd + n_tup_del AS written"
                        + " FROM pg_stat_user_tables")
                .query((rs, row) -> counters.put(rs.getString("relname"), new long[] {rs.getLong("scans"), rs.getLong("written")}))
                .list();
        return counters;
    }

    private static String perEscalation(Map<String, long[]> before, Map<String, long[]> after, long escalations) {
        List<String[]> lines = new ArrayList<>();
        double scans = 0;
        double written = 0;
        for (Map.Entry<String, long[]> table : after.entrySet()) {
            long[] was = before.getOrDefault(table.getKey(), new long[2]);
            double s = (table.getValue()[0] - was[0]) / (double) escalations;
            double w = (table.getValue()[1] - was[1]) / (double) escalations;
            scans += s;
            written += w;
            if (s >= 0.05 || w >= 0.05) {
                lines.add(new String[] {table.getKey(), String.format(Locale.ROOT, "%.1f", s), String.format(Locale.ROOT, "%.1f", w),
                        String.valueOf(s + w)});
            }
        }
        lines.sort(Comparator.comparingDouble((String[] line) -> Double.parseDouble(line[3])).reversed());
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.1f scans, %.1f rows written; ", scans, written));
        lines.forEach(line -> text.append(line[0].toLowerCase(Locale.ROOT)).append(' ').append(line[1]).append('/').append(line[2]).append(", "));
        return text.substring(0, text.length() - 2);
    }

    /** log_statement for this database only; the pool's connections are renewed so that they take it up. */
    private void logStatements(boolean on) {
        jdbc.sql("ALTER DATABASE " + database + (on ? " SET log_statement = 'all'" : " RESET log_statement")).update();
        DataSource dataSource = app.getBean(DataSource.class);
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }
}
