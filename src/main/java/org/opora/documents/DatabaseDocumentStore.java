package org.opora.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps documents in Opora's database, in chunks of {@value #CHUNK_SIZE} bytes: every node reads
 * what any node wrote, a document commits or rolls back with its metadata, and neither writing nor
 * reading holds more than one chunk in memory (PostgreSQL returns a {@code bytea} value whole, so
 * one value per file would).
 */
@Component
@ConditionalOnProperty(name = "opora.documents.store", havingValue = "database", matchIfMissing = true)
class DatabaseDocumentStore implements DocumentStore {

    static final int CHUNK_SIZE = 256 * 1024;

    private final JdbcClient jdbc;

    DatabaseDocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String write(InputStream content) throws IOException {
        String key = "db:" + UUID.randomUUID();
        int position = 0;
        byte[] chunk;
        while ((chunk = content.readNBytes(CHUNK_SIZE)).length > 0) {
            jdbc.sql("INSERT INTO document_content (storage_key, position, data) VALUES (?, ?, ?)")
                    .params(key, position++, chunk).update();
        }
        return key;
    }

    @Override
    public InputStream read(String key) {
        return new ChunkStream(key);
    }

    @Override
    public void delete(String key) {
        jdbc.sql("DELETE FROM document_content WHERE storage_key = ?").param(key).update();
    }

    /** Reads one chunk at a time, each by its own short query, as the consumer gets to it. */
    private final class ChunkStream extends InputStream {

        private final String key;
        private int nextPosition;
        private byte[] chunk = new byte[0];
        private int offset;
        private boolean ended;

        ChunkStream(String key) {
            this.key = key;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (offset == chunk.length) {
                if (ended) {
                    return -1;
                }
                Optional<byte[]> next = jdbc.sql("SELECT data FROM document_content WHERE storage_key = ? AND position = ?")
                        .params(key, nextPosition).query((rs, row) -> rs.getBytes(1)).optional();
                if (next.isEmpty()) {
                    ended = true;
                    return -1;
                }
                nextPosition++;
                chunk = next.get();
                offset = 0;
            }
            int count = Math.min(length, chunk.length - offset);
            System.arraycopy(chunk, offset, buffer, from, count);
            offset += count;
            return count;
        }
    }
}
