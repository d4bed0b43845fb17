package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.OporaApplication;
import org.opora.support.FlakyNotification;
import org.opora.support.TestSmtp;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

/**
 * Two Opora nodes on one PostgreSQL database, job executors and mail dispatchers on, as a cluster runs:
 * a thousand timers due at the same moment fire exactly once between them, and a thousand e-mails reach
 * the SMTP server exactly once. On a database of its own (created here), so that the nodes' executors
 * never touch the rest of the suite's jobs.
 */
@EnabledIfSystemProperty(named = "opora.test.database", matches = "postgres")
class TwoNodesTest {

    private static final int TIMERS = 1000;

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    private static String clusterUrl;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String suiteUrl = System.getenv().getOrDefault("OPORA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/opora_test");
        String database = suiteUrl.substring(suiteUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "") + "_cluster";
        clusterUrl = suiteUrl.substring(0, suiteUrl.lastIndexOf('/') + 1) + database;
        try (Connection connection = DriverManager.getConnection(suiteUrl, user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
        nodeA = node("nodeA");
        nodeB = node("nodeB");
    }

    @AfterAll
    static void stopTwoNodes() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static JobExecutor jobExecutorOf(ConfigurableApplicationContext node) {
        return ((ProcessEngineConfigurationImpl) node.getBean(ProcessEngine.class).getProcessEngineConfiguration()).getJobExecutor();
    }

    private static ConfigurableApplicationContext node(String name) {
        // As command-line arguments, which outrank the profiles' settings and the environment.
        return new SpringApplicationBuilder(OporaApplication.class, FlakyNotification.class)
                .profiles("test", "postgres")
                .run("--server.port=0", "--spring.datasource.url=" + clusterUrl,
                        "--camunda.bpm.process-engine-name=" + name,
                        "--camunda.bpm.job-execution.enabled=true",
                        // A short lock: a node that dies gives its jobs back soon.
                        "--camunda.bpm.job-execution.lock-time-in-millis=20000",
                        // Both nodes poll often, so that both take part (with the defaults one node did it all).
                        "--camunda.bpm.job-execution.max-jobs-per-acquisition=5",
                        "--camunda.bpm.job-execution.wait-time-in-millis=200",
                        "--opora.scheduling.enabled=true",
                        "--opora.mail.dispatch-interval=PT1S",
                        // The webapps keep their runtime in static fields, which closing a node would clear
                        // for the rest of the suite's application too.
                        "--camunda.bpm.webapp.enabled=false");
    }

    @Test
    void aThousandTimersDueAtOnceFireOnceAcrossTwoNodesAndEachSendsOneEmail() throws Exception {
        RuntimeService runtime = nodeA.getBean(RuntimeService.class);
        Date dueAt = Date.from(Instant.now().plusSeconds(15));
        // Node A starts late: when one node's acquisition is ahead, it can take every job before the other
        // polls (seen in one run in three), and the test would then prove nothing about two nodes.
        JobExecutor executorOfA = jobExecutorOf(nodeA);
        executorOfA.shutdown();
        for (int i = 0; i < TIMERS; i++) {
            runtime.startProcessInstanceByKey("timer-fan-out", "fan-" + i, Variables.putValue("dueAt", dueAt));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> nodeB.getBean(FlakyNotification.class).executions() > 0);
        executorOfA.start();

        HistoryService history = nodeA.getBean(HistoryService.class);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("timer-fan-out").finished().count())
                    .isEqualTo(TIMERS);
            assertThat(smtp.getReceivedMessages()).hasSize(TIMERS);
        });

        int byA = nodeA.getBean(FlakyNotification.class).executions();
        int byB = nodeB.getBean(FlakyNotification.class).executions();
        assertThat(byA + byB).as("each timer's step ran once").isEqualTo(TIMERS);
        assertThat(byA).as("node A took part").isPositive();
        assertThat(byB).as("node B took part").isPositive();
        assertThat(runtime.createIncidentQuery().count()).isZero();

        Set<String> messageIds = new HashSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            messageIds.add(message.getHeader("X-Opora-Message-Id")[0]);
        }
        assertThat(messageIds).as("no e-mail sent twice").hasSize(TIMERS);
        JdbcClient jdbc = JdbcClient.create(nodeA.getBean(DataSource.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'").query(Long.class).single()).isEqualTo(TIMERS);
        // A few dispatch intervals later: still one of each.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(smtp.getReceivedMessages()).hasSize(TIMERS));
    }

    private static String user() {
        return System.getenv().getOrDefault("OPORA_DB_USER", "postgres");
    }

    private static String password() {
        return System.getenv().getOrDefault("OPORA_DB_PASSWORD", "");
    }
}
