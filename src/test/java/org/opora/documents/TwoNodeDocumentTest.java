package org.opora.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Two Opora nodes share one PostgreSQL database and nothing else: what one node stored, the other
 * reads, while the first reads it too. The second node is a store of its own over its own
 * connection pool, as another JVM would have.
 */
@OporaIntegrationTest
@EnabledIfSystemProperty(named = "opora.test.database", matches = "postgres")
class TwoNodeDocumentTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSourceProperties database;

    @Test
    void bothNodesReadTheSameDocumentAtTheSameTime() throws Exception {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Read on two nodes");
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, content, 0, 9);
        // Random bytes after a PDF header are still detected as PDF: the header decides.
        Api.Response uploaded = api.upload("cso-a", "/api/cases/" + record.id() + "/documents", "scan.pdf", content,
                Map.of("kind", "other"));
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        UUID id = UUID.fromString(uploaded.json().path("id").asText());
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        String key = jdbc.sql("SELECT storage_key FROM document WHERE id = ?").param(id).query(String.class).single();
        // Stored in chunks: no single value, on either node, holds the whole file.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_content WHERE storage_key = ?").param(key).query(Long.class).single())
                .isEqualTo(13);

        try (HikariDataSource secondNode = database.initializeDataSourceBuilder().type(HikariDataSource.class).build()) {
            DocumentStore otherStore = new DatabaseDocumentStore(JdbcClient.create(secondNode));
            ExecutorService readers = Executors.newFixedThreadPool(4);
            try {
                Callable<String> throughTheApi = () -> sha256(api.download("cso-a", "/api/documents/" + id + "/content").body());
                Callable<String> onTheOtherNode = () -> {
                    try (InputStream in = otherStore.read(key)) {
                        return sha256(in.readAllBytes());
                    }
                };
                List<Future<String>> reads = readers.invokeAll(List.of(throughTheApi, onTheOtherNode, throughTheApi, onTheOtherNode));
                for (Future<String> read : reads) {
                    assertThat(read.get()).isEqualTo(expected);
                }
            } finally {
                readers.shutdown();
            }
        }
        assertThat(uploaded.json().path("sha256").asText()).isEqualTo(expected);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
