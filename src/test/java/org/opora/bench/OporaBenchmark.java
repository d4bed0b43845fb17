package org.opora.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.opora.OporaApplication;
import org.opora.correspondence.PublicBody;
import org.opora.correspondence.PublicBodyRegistry;
import org.opora.mail.MailDispatcher;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.OrganisationService;
import org.opora.organisations.ResourceCentre;
import org.opora.security.Role;
import org.opora.tasks.OpenTasks;
import org.opora.tasks.TaskReminders;
import org.opora.users.NotificationMode;
import org.opora.users.UserAdministration;
import org.opora.users.UserSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Not a test: Opora's benchmark command (README, docs/performance.md).
 *
 * <pre>
 * ./mvnw -Pbench verify                        # the full sizes (about 25 minutes on 2 cores)
 * ./mvnw -Pbench verify -Dbench.scale=small    # the same figures at small sizes, to try it out
 * ./mvnw -Pbench verify -Dbench.sections=3,5   # only those sections (by number), on -Dbench.database=name
 * ./mvnw -Pbench verify -Dbench.sections=letters  # section 1's letters alone (1 also runs its grants)
 * </pre>
 *
 * It creates empty PostgreSQL databases of its own (dropping them first), starts Opora on one as
 * production does (PostgreSQL profile, job executor on), a plain Camunda engine on another and pgbench
 * on a third, generates its own data, and prints every figure beside its target and the reference
 * measured in the same run. PostgreSQL is reached through OPORA_DB_HOST/PORT/USER/PASSWORD (default
 * 127.0.0.1:5432, postgres, no password); -Dbench.smtp-port moves the embedded SMTP server.
 */
public final class OporaBenchmark {

    private static final String PASSWORD = "Kolokol-veter-2026";
    private static final int WORKERS = 4;

    private final BenchReport report = new BenchReport();
    private final boolean full = !"small".equals(System.getProperty("bench.scale", "full"));
    private final String host = env("OPORA_DB_HOST", "127.0.0.1");
    private final String port = env("OPORA_DB_PORT", "5432");
    private final String dbUser = env("OPORA_DB_USER", "postgres");
    private final String dbPassword = env("OPORA_DB_PASSWORD", "");
    private final String database = System.getProperty("bench.database", "opora_bench_run");
    private final int smtpPort = Integer.getInteger("bench.smtp-port", 3045);

    // sizes
    private final int seconds = full ? 15 : 6;
    private final int openTasks = Integer.getInteger("bench.tasks", full ? 1_000_000 : 20_000);
    private final int organisations = full ? 2_000 : 100;
    private final int staffGroups = 50;
    private final int centres = 10;
    private final int requests = full ? 1_000 : 100;
    private final int mails = full ? 5_000 : 500;
    private final int storm = Integer.getInteger("bench.storm", full ? 10_000 : 500);

    private ConfigurableApplicationContext app;
    private BenchHttp http;
    private JdbcClient jdbc;
    private final List<String> csoWriters = new ArrayList<>();
    private UUID bodyId;
    private UUID centreId;
    private boolean bulkGenerated;

    public static void main(String[] args) throws Exception {
        OporaBenchmark benchmark = new OporaBenchmark();
        int status = 0;
        try {
            benchmark.run();
        } catch (Exception | Error ex) {
            ex.printStackTrace();
            benchmark.report.note("The benchmark stopped early: " + ex);
            status = 1;
        }
        System.out.println(benchmark.report.print());
        System.exit(status);
    }

    private void run() throws Exception {
        machine();
        recreate(database);
        recreate(database + "_bare");
        recreate(database + "_pgbench");
        if (!System.getProperty("bench.options", "").contains("skip-h2")) {
            startUpOnH2();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            start();
            setUp();
            double pgbenchTps = pgbench();
            section("1/2/letters throughput", () -> throughput(pgbenchTps));
            section("1/2/grants grants", () -> new GrantThroughput(app, report, http, ((WebServerApplicationContext) app).getWebServer().getPort(),
                    PASSWORD, this::pass, this::commits, database, url(database + "_bare"), dbUser, dbPassword).run(pgbenchTps));
            section("9 memory", this::footprint);
            section("8 history cleanup", this::historyCleanup);
            section("8 cleanup under load", () -> new CleanupUnderLoad(app, jdbc, report,
                    threads -> pass(threads, worker -> letter(csoWriters.get(worker))), 2, full ? 1_000_000 : 200_000).run());
            section("5 mail", () -> outbox(smtp));
            section("6 matching", this::matching);
            section("3 task lists", this::taskLists);
            section("7 statistics", this::statistics);
            section("4 reminders", this::reminders);
            section("4 deadline storm", this::deadlineStorm);
        } finally {
            if (app != null) {
                app.close();
            }
            smtp.stop();
        }
    }

    /** A section's numbers are its name's first word ("1/2/letters throughput" is sections 1, 2 and letters). */
    private static boolean selected(String name) {
        String only = System.getProperty("bench.sections", "all");
        if ("all".equals(only)) {
            return true;
        }
        List<String> wanted = List.of(only.replace(" ", "").split(","));
        return List.of(name.split(" ")[0].split("/")).stream().anyMatch(wanted::contains);
    }

    interface Section {
        void run() throws Exception;
    }

    /** A section that fails is reported, and the others still run; -Dbench.sections=3,7 runs only those. */
    private void section(String name, Section section) {
        if (!selected(name)) {
            return;
        }
        System.out.println("[bench] " + java.time.Instant.now() + " section " + name + " starts");
        try {
            section.run();
        } catch (Exception | AssertionError ex) {
            ex.printStackTrace();
            report.note("Section " + name + " failed: " + ex);
        }
        System.out.println("[bench] " + java.time.Instant.now() + " section " + name + " ends");
    }

    // ---- machine, versions, settings ----

    private void machine() throws IOException {
        report.context("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + memInfo("MemTotal") / 1024 + " MiB memory; load average at start "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        report.context("Java " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; Camunda " + ProcessEngine.class.getPackage().getImplementationVersion()
                + "; Spring Boot " + SpringApplication.class.getPackage().getImplementationVersion());
        report.context("Scale: " + (full ? "full" : "small") + " (" + String.format(Locale.ROOT, "%,d", openTasks) + " open tasks, "
                + organisations + " organisations, " + staffGroups + " staff groups, " + centres + " centres; "
                + seconds + " s per throughput pass)");
    }

    private static long memInfo(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private String url(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    private void recreate(String db) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + db);
        }
    }

    private long commits(String db) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            // Backends publish their counters at most once a second.
            Thread.sleep(1_500);
            var rows = statement.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = '" + db + "'");
            rows.next();
            return rows.getLong(1);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    // ---- 9. start-up ----

    /** Opora on its embedded H2 database, in a JVM of its own, until its log says it has started. */
    private void startUpOnH2() throws Exception {
        Path dir = Files.createTempDirectory("opora-bench-h2");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), OporaApplication.class.getName(),
                "--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("opora") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--opora.scheduling.enabled=false", "--camunda.bpm.job-execution.enabled=false")
                .redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        Pattern started = Pattern.compile("Started OporaApplication in ([0-9.]+) seconds");
        Double seconds = null;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher matcher = started.matcher(line);
                if (matcher.find()) {
                    seconds = Double.parseDouble(matcher.group(1));
                    break;
                }
            }
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        report.row("9", "Start-up to ready, H2 (demo data), JVM start to 'Started'",
                seconds == null ? "did not start" : BenchReport.f(wall) + " s (Spring's own count " + seconds + " s)",
                "< 15 s", "-", BenchReport.verdict(seconds != null && wall < 15));
    }

    private void start() {
        // Command-line arguments: they override the postgres profile's OPORA_* defaults.
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", url(database));
        properties.put("spring.datasource.username", dbUser);
        properties.put("spring.datasource.password", dbPassword);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", smtpPort);
        properties.put("camunda.bpm.admin-user.password", PASSWORD);
        // The benchmark runs the mail dispatcher and the reminder scan itself, to time them.
        properties.put("opora.scheduling.enabled", false);
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.opora", "INFO");
        long start = System.nanoTime();
        String[] args = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
        app = new SpringApplicationBuilder(OporaApplication.class).profiles("postgres").run(args);
        double startUp = (System.nanoTime() - start) / 1e9;
        report.row("9", "Start-up to ready, PostgreSQL (empty database: schema and migrations)", BenchReport.f(startUp) + " s",
                "< 15 s", "-", BenchReport.verdict(startUp < 15));
        int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
        http = new BenchHttp(httpPort, PASSWORD);
        jdbc = app.getBean(JdbcClient.class);
        report.context("PostgreSQL " + jdbc.sql("SHOW server_version").query(String.class).single()
                + " on the same machine; shared_buffers " + jdbc.sql("SHOW shared_buffers").query(String.class).single()
                + ", synchronous_commit " + jdbc.sql("SHOW synchronous_commit").query(String.class).single()
                + "; Opora's pool " + app.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", "10 (Hikari default)")
                + " connections; history level " + app.getEnvironment().getProperty("camunda.bpm.history-level"));
    }

    private void setUp() {
        OrganisationService organisationService = app.getBean(OrganisationService.class);
        UserAdministration users = app.getBean(UserAdministration.class);
        ResourceCentre centre = organisationService.registerCentre("Бенчмарк", "Тверская область");
        centreId = centre.id();
        bodyId = app.getBean(PublicBodyRegistry.class).save(new PublicBody(UUID.randomUUID(), null, "Министерство социальной защиты",
                PublicBody.Kind.MINISTRY, PublicBody.Level.REGIONAL, "Тверская область", List.of("социальная защита"), null, null,
                null, false, null)).id();
        for (int i = 1; i <= WORKERS; i++) {
            Organisation organisation = organisationService.register(centre.id(), "Организация " + i, "Орг " + i,
                    Organisation.Kind.INITIATIVE_GROUP, null, null, null, "Тверская область", null);
            String id = "writer-" + i;
            users.create(new UserAdministration.NewUser(id, PASSWORD, "Автор", "Писем " + i, id + "@bench.test", Role.CSO,
                    centre.id(), organisation, new UserSettings("ru", NotificationMode.IMMEDIATE)));
            csoWriters.add(id);
        }
    }

    // ---- 2. the physical limit ----

    private double pgbench() throws Exception {
        String db = database + "_pgbench";
        exec(List.of("pgbench", "-h", host, "-p", port, "-U", dbUser, "-i", "-q", "-s", "10", db));
        String out = exec(List.of("pgbench", "-h", host, "-p", port, "-U", dbUser, "-N", "-n", "-c", "2", "-j", "2",
                "-T", String.valueOf(seconds), db));
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        double value = tps.find() ? Double.parseDouble(tps.group(1)) : Double.NaN;
        report.context("pgbench -N -c 2 -j 2 -T " + seconds + " (scale 10) on the same PostgreSQL: " + BenchReport.f(value) + " tps");
        return value;
    }

    private String exec(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", dbPassword);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }

    // ---- 1. process throughput ----

    private void throughput(double pgbenchTps) throws Exception {
        letter(csoWriters.get(0));
        ServiceLetters services = new ServiceLetters(app, bodyId);
        List<org.opora.security.OporaUser> signedIn = csoWriters.stream().map(services::signIn).toList();
        services.letter(signedIn.get(0));
        try (BareEngine bare = new BareEngine(url(database + "_bare"), dbUser, dbPassword, 10)) {
            bare.oneLetter("warm-up");
            for (int threads : new int[] {1, 2, 4}) {
                long servicesBefore = commits(database);
                Pass inProcess = pass(threads, worker -> services.letter(signedIn.get(worker)));
                long servicesCommits = commits(database) - servicesBefore;
                long commitsBefore = commits(database);
                Pass opora = pass(threads, worker -> letter(csoWriters.get(worker)));
                long oporaCommits = commits(database) - commitsBefore;
                long bareBefore = commits(database + "_bare");
                Pass reference = pass(threads, worker -> bare.oneLetter(UUID.randomUUID().toString()));
                long bareCommits = commits(database + "_bare") - bareBefore;
                double servicesRatio = inProcess.perSecond() / reference.perSecond();
                report.row("1", "Letters (draft, send, registration, answer) through Opora's services in-process, " + threads
                                + " thread(s), " + BenchReport.f((double) servicesCommits / Math.max(1, inProcess.done)) + " commits/letter",
                        BenchReport.f(inProcess.perSecond()) + " letters/s (" + inProcess.errors + " errors); "
                                + BenchReport.f(100 * servicesRatio) + "% of bare",
                        ">= 80% of bare", "bare engine " + BenchReport.f(reference.perSecond()) + " instances/s",
                        BenchReport.verdict(servicesRatio >= 0.8));
                double ratio = opora.perSecond() / reference.perSecond();
                report.row("1", "Letters through the HTTP API (7 requests with Basic credentials: + per-request overhead "
                                + BenchReport.f(1000 * (1 / opora.perSecond() - 1 / inProcess.perSecond()) * threads / 7) + " ms), "
                                + threads + " thread(s)",
                        BenchReport.f(opora.perSecond()) + " letters/s (" + opora.errors + " errors); "
                                + BenchReport.f(100 * ratio) + "% of bare, " + BenchReport.f(100 * opora.perSecond() / inProcess.perSecond())
                                + "% of the services pass",
                        "-", "bare engine " + BenchReport.f(reference.perSecond()) + " instances/s", "");
                double oporaPerInstance = (double) oporaCommits / Math.max(1, opora.done);
                double barePerInstance = (double) bareCommits / Math.max(1, reference.done);
                double commitRate = oporaCommits / opora.seconds;
                report.row("2", "Commits per letter through the HTTP API, " + threads + " thread(s); commit rate as share of pgbench",
                        BenchReport.f(oporaPerInstance) + " commits/letter; " + BenchReport.f(commitRate) + " commits/s = "
                                + BenchReport.f(100 * commitRate / pgbenchTps) + "% of pgbench",
                        "-", "bare " + BenchReport.f(barePerInstance) + " commits/instance; pgbench " + BenchReport.f(pgbenchTps) + " tps",
                        "");
            }
        }
    }

    record Pass(int done, int errors, double seconds) {
        double perSecond() {
            return done / seconds;
        }
    }

    interface Work {
        void run(int worker) throws Exception;
    }

    /** As many instances as the threads complete in the pass's seconds. */
    private Pass pass(int threads, Work work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            futures.add(pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        work.run(worker);
                        done.incrementAndGet();
                    } catch (Exception | AssertionError ex) {
                        if (errors.incrementAndGet() <= 3) {
                            System.out.println("[bench] error: " + ex);
                        }
                    }
                }
                return null;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> future : futures) {
            future.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Pass(done.get(), errors.get(), elapsed);
    }

    /** A letter as a CSO member takes it through the API: draft, then each task found in their list and completed. */
    private void letter(String writer) {
        String id = letterDraft(writer);
        String today = LocalDate.now().toString();
        complete(writer, id, Map.of("channel", "ONLINE", "sentOn", today));
        complete(writer, id, Map.of("registrationNumber", "Вх-1", "registeredOn", today));
        complete(writer, id, Map.of("outcome", "answered", "answeredOn", today, "rating", "PARTIAL", "summary", "Частично"));
    }

    private String letterDraft(String writer) {
        Map<String, Object> draft = new HashMap<>();
        draft.put("bodyId", bodyId);
        draft.put("subject", "Автобус для экскурсии");
        draft.put("topic", "социальная защита");
        draft.put("text", "Просим выделить автобус.");
        draft.put("requestKind", "IN_KIND");
        return http.post(writer, "/api/letters", draft, 201).path("letter").path("id").asText();
    }

    private void complete(String user, String caseId, Map<String, Object> fields) {
        JsonNode items = http.get(user, "/api/tasks?caseId=" + caseId).path("items");
        if (items.size() != 1) {
            throw new IllegalStateException("expected one task of " + caseId + ", found " + items);
        }
        http.post(user, "/api/tasks/" + items.get(0).path("id").asText() + "/complete", fields, 204);
    }

    // ---- 8. history cleanup ----

    /**
     * The finished letters of the throughput passes, as if their time to live had run out: their
     * removal time is moved into the past, then the engine's cleanup job runs (the configured batch
     * size) until nothing is left to remove.
     */
    private void historyCleanup() throws Exception {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.columns WHERE column_name = 'removal_time_'"
                + " AND table_schema = current_schema() AND (table_name LIKE 'act_hi_%' OR table_name = 'act_ge_bytearray')"
                // the cleanup job's own log grows with every run of it
                + " AND table_name <> 'act_hi_job_log'")
                .query(String.class).list();
        long before = historyRows(tables);
        for (String table : tables) {
            jdbc.sql("UPDATE " + table + " SET REMOVAL_TIME_ = now() - interval '1 day' WHERE REMOVAL_TIME_ IS NOT NULL").update();
        }
        org.camunda.bpm.engine.HistoryService history = app.getBean(org.camunda.bpm.engine.HistoryService.class);
        org.camunda.bpm.engine.ManagementService management = app.getBean(org.camunda.bpm.engine.ManagementService.class);
        String job = history.cleanUpHistoryAsync(true).getId();
        long start = System.nanoTime();
        long left = before;
        for (int run = 0; run < 10_000; run++) {
            try {
                management.executeJob(job);
            } catch (RuntimeException lockedOrGone) {
                // the job executor may hold it for a moment
            }
            long now = historyRows(tables);
            if (now >= left) {
                break;
            }
            left = now;
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        long removed = before - left;
        report.row("8", "History cleanup (removal time 'end', batch 500, window 22:00-06:00): finished letters' history",
                String.format(Locale.ROOT, "%,d", removed) + " rows removed, " + BenchReport.f(removed / minutes) + " rows/min",
                "finished cases leave after historyTimeToLive", before + " history rows before", "");
    }

    private long historyRows(List<String> tables) {
        long rows = 0;
        for (String table : tables) {
            rows += jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
        }
        return rows;
    }

    // ---- 9. memory ----

    private void footprint() throws IOException {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        report.row("9", "Memory after the throughput passes (benchmark and Opora in one JVM)",
                "heap used " + heap.getUsed() / (1024 * 1024) + " MiB of max " + heap.getMax() / (1024 * 1024) + " MiB; resident " + rss + " MiB",
                "runs in -Xmx512m", "-", BenchReport.verdict(heap.getMax() <= 512L * 1024 * 1024 + 1));
    }

    // ---- 5. mail ----

    private void outbox(GreenMail smtp) throws Exception {
        MailDispatcher dispatcher = app.getBean(MailDispatcher.class);
        while (dispatcher.dispatchDue() > 0) {
            // the throughput passes' notifications first
        }
        // GreenMail keeps every message it receives in this JVM's heap: tens of thousands of notifications
        // by now, which section 6 ran out of heap beside. They are not counted here, so they go.
        smtp.purgeEmailFromAllMailboxes();
        int before = smtp.getReceivedMessages().length;
        // As MailOutbox writes them: the subject rendered, the body to render from its model when sent (ADR 29).
        jdbc.sql("INSERT INTO mail_outbox (id, idempotency_key, recipient, language, template, subject, model, status, attempts,"
                + " next_attempt_at, created_at) SELECT gen_random_uuid(), 'bench:' || n, 'bench' || (n % 100) || '@bench.test', 'ru',"
                + " 'task-new', 'Новая задача: Напоминание ' || n, '{\"recipientName\":\"Участник ' || n || '\",\"taskName\":\"Напоминание '"
                + " || n || '\",\"caseTitle\":\"Дело ' || n || '\",\"due\":\"\",\"taskUrl\":\"http://localhost/t/' || n || '\"}',"
                + " 'PENDING', 0, now(), now() FROM generate_series(1, ?) n")
                .param(mails).update();
        long start = System.nanoTime();
        int sent = 0;
        int round;
        while ((round = dispatcher.dispatchDue()) > 0) {
            sent += round;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        var received = smtp.getReceivedMessages();
        java.util.Set<String> ids = new java.util.HashSet<>();
        int duplicates = 0;
        for (int i = before; i < received.length; i++) {
            if (!ids.add(received[i].getHeader("X-Opora-Message-Id")[0])) {
                duplicates++;
            }
        }
        double rate = sent / elapsed;
        report.row("5", "Outbox dispatch to SMTP (GreenMail), one dispatcher, batches of "
                        + app.getBean(org.opora.mail.MailProperties.class).batchSize() + " over one connection each",
                BenchReport.f(rate) + " messages/s ("
                        + (received.length - before) + " received of " + mails + ", " + duplicates + " duplicates)",
                ">= 200/s, no duplicate", "-", BenchReport.verdict(rate >= 200 && duplicates == 0 && received.length - before == mails));
        // Counted: the messages leave the heap before the sections after this one.
        smtp.purgeEmailFromAllMailboxes();
    }

    // ---- 3. task lists at scale ----

    private void taskLists() throws Exception {
        bulkData();
        list("CSO member", BulkData.CSO_USER, "/api/tasks");
        list("staff", BulkData.STAFF_USER, "/api/tasks");
        list("CSO member", BulkData.CSO_USER, "/api/letters");
        list("staff", BulkData.STAFF_USER, "/api/letters");
        list("CSO member", BulkData.CSO_USER, "/api/cases");
        list("staff", BulkData.STAFF_USER, "/api/cases");
    }

    /** The open tasks, letters, centres and organisations of sections 3 and 7, generated once: section 7 may run alone. */
    private void bulkData() throws Exception {
        if (bulkGenerated) {
            return;
        }
        bulkGenerated = true;
        BulkData data = new BulkData(app, jdbc, organisations, staffGroups, centres, PASSWORD);
        // The permissions the engine gives a candidate group on a task, read from a real open letter's task.
        letterDraft(csoWriters.get(0));
        int permissions = jdbc.sql("SELECT PERMS_ FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = 7 AND GROUP_ID_ IS NOT NULL"
                + " AND RESOURCE_ID_ IN (SELECT ID_ FROM ACT_RU_TASK) LIMIT 1").query(Integer.class).single();
        long start = System.nanoTime();
        data.generate(openTasks, bodyId, permissions);
        report.context("Generated in bulk by SQL in " + BenchReport.f((System.nanoTime() - start) / 1e9) + " s: "
                + String.format(Locale.ROOT, "%,d", openTasks) + " open tasks (letters' process instances, cases and letters), "
                + "80% for the organisations' groups, 20% for " + staffGroups + " staff groups");
        start = System.nanoTime();
        app.getBean(OpenTasks.class).rebuild();
        report.context("Open-task view rebuilt from the engine's tables in " + BenchReport.f((System.nanoTime() - start) / 1e9) + " s");
        // As autovacuum leaves a database in production: statistics, and the visibility map that lets
        // PostgreSQL answer from an index alone (the letter statistics, ADR 26). Right after a bulk load
        // of a million rows autovacuum has not come round yet, and the first reads set hint bits.
        start = System.nanoTime();
        jdbc.sql("VACUUM (ANALYZE)").update();
        report.context("VACUUM (ANALYZE) after the bulk load in " + BenchReport.f((System.nanoTime() - start) / 1e9) + " s");
    }

    private void list(String who, String user, String path) throws Exception {
        String reference = "-";
        if (path.equals("/api/tasks")) {
            Latencies engine = engineTaskQuery(user);
            reference = "engine TaskQuery (count + first page, with authorization): " + engine.describe();
        }
        Latencies api = Latencies.measure(5, requests, full ? 90_000L : 30_000L, () -> http.get(user, path));
        // The measured requests ask for a page, as the lists do since ADR 26; the total is counted once, for the label.
        JsonNode first = http.get(user, path + "?count=true");
        report.row("3", "GET " + path + " as " + who + " (total " + first.path("total").asLong() + ")", api.describe(),
                "p99 < 50 ms", reference, BenchReport.verdict(api.percentile(99) < 50 && !api.cutShort));
    }

    /** The engine's own query for "my tasks" with the user's authorizations, as Opora ran it before the view. */
    private Latencies engineTaskQuery(String userId) throws Exception {
        IdentityService identity = app.getBean(IdentityService.class);
        TaskService tasks = app.getBean(TaskService.class);
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
        return Latencies.measure(1, requests, full ? 45_000L : 20_000L, () -> {
            identity.setAuthentication(userId, groups);
            try {
                TaskQuery query = tasks.createTaskQuery().active().or().taskAssignee(userId).taskCandidateUser(userId)
                        .taskCandidateGroupIn(groups).endOr();
                query.count();
                return query.orderByDueDate().asc().orderByTaskCreateTime().asc().listPage(0, 20);
            } finally {
                identity.clearAuthentication();
            }
        });
    }

    // ---- 6. matching in the running application ----

    /** Top 50 of the pool through the staff's API, the pool's history read from the database on every call. */
    private void matching() throws Exception {
        int pool = full ? 100_000 : 20_000;
        long start = System.nanoTime();
        BulkVolunteers.generate(jdbc, pool);
        jdbc.sql("ANALYZE volunteer").update();
        report.context("Generated in bulk by SQL in " + BenchReport.f((System.nanoTime() - start) / 1e9) + " s: "
                + String.format(Locale.ROOT, "%,d", pool) + " active volunteers, a tenth with offers or no-shows");
        String staff = "bench-staff";
        app.getBean(UserAdministration.class).create(new UserAdministration.NewUser(staff, PASSWORD, "Сотрудник", "Центра",
                staff + "@bench.test", Role.STAFF, centreId, null, new UserSettings("ru", NotificationMode.IMMEDIATE)));
        java.time.LocalDate saturday = java.time.LocalDate.now().plusWeeks(2).with(java.time.DayOfWeek.SATURDAY);
        Map<String, Object> request = new java.util.HashMap<>(Map.of("title", "Разобрать склад", "what", "Разобрать и рассортировать одежду",
                "why", "Склад переполнен", "place", "Тверь, ул. Советская, 1", "firstDate", saturday.toString(), "startTime", "10:00",
                "endTime", "14:00", "needed", 5));
        request.put("requiredSkills", List.of(org.opora.volunteering.Tags.SKILLS.get(0)));
        request.put("contactName", "Анна");
        request.put("contactEmail", "anna@bench.test");
        String path = "/api/volunteering/requests/" + http.post(csoWriters.get(0), "/api/volunteering/requests", request, 201)
                .path("id").asText() + "/matches?top=50";
        int ranked = http.get(staff, path).size();
        Latencies steady = Latencies.measure(5, requests, full ? 120_000L : 30_000L, () -> http.get(staff, path));
        report.row("6", "GET top 50 matches (" + ranked + " returned) of " + String.format(Locale.ROOT, "%,d", pool)
                + " volunteers, with explanations, as staff", steady.describe(), "p99 < 100 ms", "-",
                BenchReport.verdict(steady.percentile(99) < 100 && !steady.cutShort));
        java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
        Latencies rebuilt = Latencies.measure(1, full ? 30 : 10, 120_000L, () -> {
            int n = entered.incrementAndGet();
            http.post(staff, "/api/volunteering/volunteers", Map.of("name", "Новый доброволец " + n, "email", "new-" + n + "@bench.test",
                    "language", "ru", "district", "Район 1", "skills", List.of(org.opora.volunteering.Tags.SKILLS.get(0)),
                    "maxPerMonth", 2), 201);
            return http.get(staff, path);
        });
        report.row("6", "A profile change (staff enter a volunteer), then the top 50 again (the pool's snapshot brought up to date)", rebuilt.describe(),
                "-", "steady p50 " + BenchReport.f(steady.percentile(50)) + " ms", "-");
    }

    // ---- 7. statistics ----

    private void statistics() throws Exception {
        bulkData();
        long letters = jdbc.sql("SELECT COUNT(*) FROM letter l JOIN opora_case c ON c.id = l.id JOIN resource_centre r ON r.id = c.centre_id"
                + " WHERE r.name = ?").param(BulkData.centreName(0)).query(Long.class).single();
        Latencies stats = Latencies.measure(2, full ? 100 : 20, 2 * 60_000L, () -> http.get(BulkData.STAFF_USER, "/api/letters/statistics"));
        report.row("7", "GET /api/letters/statistics as staff of a centre with " + String.format(Locale.ROOT, "%,d", letters) + " letters",
                stats.describe(), "p99 < 200 ms", "-", BenchReport.verdict(stats.percentile(99) < 200 && !stats.cutShort));
        int applications = Integer.getInteger("bench.applications", full ? 10_000 : 1_000);
        UUID competition = new BulkCompetition(jdbc).generate(applications);
        jdbc.sql("VACUUM (ANALYZE)").update();
        Latencies dashboard = Latencies.measure(2, full ? 100 : 20, 2 * 60_000L,
                () -> http.get(BulkData.STAFF_USER, "/api/grants/competitions/" + competition + "/dashboard"));
        report.row("7", "GET /api/grants/competitions/{id}/dashboard as staff, " + String.format(Locale.ROOT, "%,d", applications)
                + " applications", dashboard.describe(), "p99 < 200 ms", "-", BenchReport.verdict(dashboard.percentile(99) < 200 && !dashboard.cutShort));
    }

    // ---- 4. reminder scan ----

    private void reminders() throws Exception {
        long due = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_TASK WHERE DUE_DATE_ BETWEEN now() - interval '7 days' AND now() + interval '1 day'")
                .query(Long.class).single();
        long mailsBefore = jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single();
        long commitsBefore = commits(database);
        long start = System.nanoTime();
        app.getBean(TaskReminders.class).sendReminders();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long commits = commits(database) - commitsBefore;
        long written = jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single() - mailsBefore;
        report.row("4", "Reminder scan over " + String.format(Locale.ROOT, "%,d", openTasks) + " open tasks ("
                        + String.format(Locale.ROOT, "%,d", due) + " due soon or overdue)",
                BenchReport.f(elapsed) + " s, " + written + " e-mails, " + commits + " commits",
                "no O(n) scan per open task", "-", "see docs/performance.md");
    }

    // ---- 4. deadline storm ----

    private void deadlineStorm() throws Exception {
        new DeadlineStorm(app, jdbc, report, database, () -> commits(database))
                .run(new BulkData(app, jdbc, organisations, staffGroups, centres, PASSWORD), storm, bodyId, csoWriters.get(0));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
