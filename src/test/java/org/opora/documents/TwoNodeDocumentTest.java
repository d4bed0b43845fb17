package org.opora.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opora.OporaApplication;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Opora nodes share one PostgreSQL database and nothing else: a document uploaded through one
 * node's API is downloaded, byte for byte, from the other's, while the first serves it too. Node A is
 * the suite's application; node B a second application on the same database, started as
 * {@code TwoNodesTest} starts its nodes (another engine name, no webapps, no background work).
 */
@OporaIntegrationTest
@EnabledIfSystemProperty(named = "opora.test.database", matches = "postgres")
class TwoNodeDocumentTest {

    private static ConfigurableApplicationContext nodeB;

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startNodeB() {
        // As command-line arguments, which outrank the profiles' settings; the database is the suite's.
        nodeB = new SpringApplicationBuilder(OporaApplication.class)
                .profiles("test", "postgres")
                .run("--server.port=0", "--camunda.bpm.process-engine-name=documentsNodeB",
                        "--camunda.bpm.job-execution.enabled=false", "--opora.scheduling.enabled=false",
                        // The webapps keep their runtime in static fields, which closing a node would clear
                        // for the rest of the suite's application too.
                        "--camunda.bpm.webapp.enabled=false");
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aDocumentUploadedThroughOneNodeIsDownloadedByteIdenticalFromTheOtherWhileBothServeIt() throws Exception {
        Api onNodeB = new Api(nodeB.getEnvironment());
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Read on two nodes");
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, content, 0, 9);
        // Random bytes after a PDF header are still detected as PDF: the header decides.
        Api.Response uploaded = api.upload("cso-a", "/api/cases/" + record.id() + "/documents", "scan.pdf", content,
                Map.of("kind", "other"));
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        UUID id = UUID.fromString(uploaded.json().path("id").asText());
        String expected = sha256(content);
        assertThat(uploaded.json().path("sha256").asText()).isEqualTo(expected);
        String key = jdbc.sql("SELECT storage_key FROM document WHERE id = ?").param(id).query(String.class).single();
        // Stored in chunks: no single value, on either node, holds the whole file.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_content WHERE storage_key = ?").param(key).query(Long.class).single())
                .isEqualTo(13);

        assertThat(onNodeB.get("cso-a", "/api/cases/" + record.id() + "/documents").json().get(0).path("id").asText())
                .isEqualTo(id.toString());
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            Callable<Api.Binary> fromA = () -> api.download("cso-a", "/api/documents/" + id + "/content");
            Callable<Api.Binary> fromB = () -> onNodeB.download("cso-a", "/api/documents/" + id + "/content");
            List<Future<Api.Binary>> reads = readers.invokeAll(List.of(fromA, fromB, fromA, fromB));
            for (Future<Api.Binary> read : reads) {
                Api.Binary download = read.get();
                assertThat(download.status()).isEqualTo(200);
                assertThat(download.headers().getContentType()).hasToString("application/pdf");
                assertThat(sha256(download.body())).isEqualTo(expected);
            }
        } finally {
            readers.shutdown();
        }
        // Node B keeps the rules too: another organisation's member finds nothing there either.
        assertThat(onNodeB.download("cso-b", "/api/documents/" + id + "/content").status()).isEqualTo(404);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
