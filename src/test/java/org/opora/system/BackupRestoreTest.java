package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.OporaApplication;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.FlakyNotification;
import org.opora.support.TestDocuments;
import org.opora.support.TestFixtures;
import org.opora.support.TestSmtp;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

/**
 * Backup and restore as the README describes them: {@code pg_dump -Fc} of a running installation while
 * processes start and timers fire, {@code pg_restore} into a fresh database, and a new node on it finds
 * every case, task, timer, outbox message and document the dump held; a timer due after the dump fires
 * there exactly once, and every process instance of the dump goes on to its end.
 */
@EnabledIfSystemProperty(named = "opora.test.database", matches = "postgres")
class BackupRestoreTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    /** As the README gives it. */
    static final String RELEASE_LOCKS = "UPDATE act_ru_job SET lock_owner_ = NULL, lock_exp_time_ = NULL; "
            + "UPDATE mail_outbox SET status = 'PENDING', locked_until = NULL WHERE status = 'SENDING';";

    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterAll
    static void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aDumpTakenUnderLoadRestoresEverythingAndATimerDueAfterTheDumpFiresOnceAfterTheRestore() throws Exception {
        String suiteUrl = System.getenv().getOrDefault("OPORA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/opora_test");
        String base = suiteUrl.substring(0, suiteUrl.lastIndexOf('/') + 1);
        String suite = suiteUrl.substring(suiteUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String original = suite + "_backup";
        String restored = suite + "_restored";
        recreate(suiteUrl, original);
        recreate(suiteUrl, restored);

        ConfigurableApplicationContext running = node(base + original, "original");
        TestFixtures fixtures = running.getBean(TestFixtures.class);
        Api api = new Api(running.getEnvironment());
        RuntimeService runtime = running.getBean(RuntimeService.class);
        Map<String, String> documents = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Backed up " + i);
            if (i % 3 == 0) {
                Api.Response uploaded = api.upload("cso-a", "/api/cases/" + record.id() + "/documents", "minutes-" + i + ".pdf",
                        TestDocuments.pdf("Minutes " + i), Map.of("kind", "other"));
                assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
                String id = uploaded.json().path("id").asText();
                documents.put(id, api.get("cso-a", "/api/documents/" + id + "/content").raw());
            }
        }
        Instant dueAfterTheDump = Instant.now().plusSeconds(90);
        runtime.startProcessInstanceByKey("timer-fan-out", "after-dump", Variables.putValue("dueAt", Date.from(dueAfterTheDump)));
        for (int i = 0; i < 20; i++) {
            runtime.startProcessInstanceByKey("timer-fan-out", "before-" + i, Variables.putValue("dueAt", new Date()));
        }
        JdbcClient originalDb = JdbcClient.create(new DriverManagerDataSource(base + original, user(), password()));
        await().atMost(Duration.ofMinutes(1)).until(() -> originalDb.sql(
                "SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'").query(Long.class).single() > 0);
        // Timers due a minute from now cannot fire before the dump is taken: each must be in it.
        Map<String, List<String>> beforeTheDump = contents(originalDb, Instant.now().plusSeconds(60));

        // Under load: instances keep starting (and their timers firing, their e-mails going) while pg_dump runs.
        AtomicBoolean dumping = new AtomicBoolean(true);
        AtomicInteger startedDuringTheDump = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (dumping.get() && startedDuringTheDump.get() < 2000) {
                runtime.startProcessInstanceByKey("timer-fan-out", "load-" + startedDuringTheDump.getAndIncrement(),
                        Variables.putValue("dueAt", new Date()));
            }
        });
        load.start();
        File dump = File.createTempFile("opora-", ".dump");
        dump.deleteOnExit();
        Instant dumpStarted = Instant.now();
        run("pg_dump", "-Fc", "-f", dump.getPath(), "-d", original);
        Duration dumpTime = Duration.between(dumpStarted, Instant.now());
        dumping.set(false);
        load.join();
        // The disaster: the installation is gone before the timer is due.
        running.close();
        nodes.remove(running);
        assertThat(Instant.now()).as("the timer is due after the dump and the loss").isBefore(dueAfterTheDump);

        Instant restoreStarted = Instant.now();
        run("pg_restore", "--no-owner", "-d", restored, dump.getPath());
        // The README's last step: what the lost installation had in hand is free at once, not after its locks expire.
        run("psql", "-X", "-v", "ON_ERROR_STOP=1", "-d", restored, "-c", RELEASE_LOCKS);
        Duration restoreTime = Duration.between(restoreStarted, Instant.now());
        JdbcClient restoredDb = JdbcClient.create(new DriverManagerDataSource(base + restored, user(), password()));
        Map<String, List<String>> afterTheRestore = contents(restoredDb, Instant.EPOCH);
        beforeTheDump.forEach((what, ids) -> assertThat(afterTheRestore.get(what)).as(what).containsAll(ids));

        ConfigurableApplicationContext back = node(base + restored, "restored");
        Api restoredApi = new Api(back.getEnvironment());
        documents.forEach((id, content) -> assertThat(restoredApi.get("cso-a", "/api/documents/" + id + "/content").raw())
                .as("document " + id).isEqualTo(content));
        assertThat(restoredApi.get("staff", "/api/tasks?size=100&count=true").json().path("total").asInt())
                .isGreaterThanOrEqualTo(10);

        HistoryService history = back.getBean(HistoryService.class);
        long inTheDump = restoredDb.sql("SELECT COUNT(*) FROM act_hi_procinst WHERE proc_def_key_ = 'timer-fan-out'")
                .query(Long.class).single();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("timer-fan-out").finished().count())
                    .as("every instance of the dump finishes").isEqualTo(inTheDump);
            assertThat(restoredDb.sql("SELECT COUNT(*) FROM mail_outbox WHERE status <> 'SENT'").query(Long.class).single())
                    .isZero();
        });
        String afterDumpMail = restoredDb.sql("SELECT CAST(id AS VARCHAR) FROM mail_outbox WHERE idempotency_key = 'notified:after-dump'")
                .query(String.class).single();
        int received = 0;
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (afterDumpMail.equals(message.getHeader("X-Opora-Message-Id")[0])) {
                received++;
            }
        }
        assertThat(received).as("the timer due after the dump fired once, after the restore").isEqualTo(1);
        assertThat(restoredDb.sql("SELECT COUNT(*) FROM act_hi_job_log j JOIN act_hi_procinst p ON p.id_ = j.process_instance_id_ "
                + "WHERE p.business_key_ = 'after-dump' AND j.job_def_type_ = 'timer-intermediate-transition' AND j.job_state_ = 2")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(back.getBean(RuntimeService.class).createIncidentQuery().count()).isZero();
        System.out.printf("BACKUP pg_dump under load (%d instances started during it) %d ms, pg_restore %d ms; restored %s; "
                + "%d instances of the dump finished on the restored node%n", startedDuringTheDump.get(), dumpTime.toMillis(),
                restoreTime.toMillis(), sizes(beforeTheDump), inTheDump);
    }

    /** The ids of what an installation holds: cases, open tasks, timers, outbox messages, documents. */
    private static Map<String, List<String>> contents(JdbcClient db, Instant timersDueAfter) {
        Map<String, List<String>> contents = new HashMap<>();
        contents.put("cases", db.sql("SELECT CAST(id AS VARCHAR) FROM opora_case").query(String.class).list());
        contents.put("tasks", db.sql("SELECT id_ FROM act_ru_task").query(String.class).list());
        contents.put("timers", db.sql("SELECT id_ FROM act_ru_job WHERE type_ = 'timer' AND duedate_ > ?")
                .param(java.sql.Timestamp.from(timersDueAfter)).query(String.class).list());
        contents.put("outbox", db.sql("SELECT CAST(id AS VARCHAR) FROM mail_outbox").query(String.class).list());
        contents.put("documents", db.sql("SELECT CAST(id AS VARCHAR) FROM document").query(String.class).list());
        return contents;
    }

    private static String sizes(Map<String, List<String>> contents) {
        StringBuilder text = new StringBuilder();
        contents.forEach((what, ids) -> text.append(ids.size()).append(' ').append(what).append(", "));
        return text.toString();
    }

    private static ConfigurableApplicationContext node(String url, String name) {
        ConfigurableApplicationContext node = new SpringApplicationBuilder(OporaApplication.class, FlakyNotification.class,
                TestFixtures.class, org.opora.support.ApiConfiguration.class)
                .profiles("test", "postgres")
                .run("--server.port=0", "--spring.datasource.url=" + url,
                        "--camunda.bpm.process-engine-name=" + name,
                        "--camunda.bpm.job-execution.enabled=true",
                        "--camunda.bpm.job-execution.wait-time-in-millis=200",
                        "--opora.scheduling.enabled=true",
                        "--opora.mail.dispatch-interval=PT1S",
                        "--camunda.bpm.webapp.enabled=false");
        nodes.add(node);
        return node;
    }

    private static void recreate(String suiteUrl, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(suiteUrl, user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
    }

    /** A PostgreSQL client program against the suite's server, as an operator runs it. */
    private static void run(String program, String... arguments) throws Exception {
        URI server = URI.create(System.getenv().getOrDefault("OPORA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/opora_test")
                .substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(program, "-h", server.getHost(),
                "-p", String.valueOf(server.getPort() < 0 ? 5432 : server.getPort()), "-U", user()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(program + ": " + output).isZero();
    }

    private static String user() {
        return System.getenv().getOrDefault("OPORA_DB_USER", "postgres");
    }

    private static String password() {
        return System.getenv().getOrDefault("OPORA_DB_PASSWORD", "");
    }
}
