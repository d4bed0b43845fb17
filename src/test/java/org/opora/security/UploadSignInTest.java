package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opora.support.OporaIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An upload from someone not signed in is refused from its headers alone: the server answers while the
 * body is still on its way, so it never spooled the parts to disk to look for a CSRF token among them.
 */
@OporaIntegrationTest
class UploadSignInTest {

    @LocalServerPort
    int port;

    @Test
    void aPageUploadWithoutASignInIsSentToTheLoginBeforeItsBodyIsRead() throws IOException {
        assertThat(statusLineOfAnUploadThatNeverEnds("/cases/" + UUID.randomUUID() + "/documents")).startsWith("HTTP/1.1 302");
    }

    @Test
    void anApiUploadWithoutCredentialsIsRefusedBeforeItsBodyIsRead() throws IOException {
        assertThat(statusLineOfAnUploadThatNeverEnds("/api/cases/" + UUID.randomUUID() + "/documents")).startsWith("HTTP/1.1 401");
    }

    @Test
    void theLoginFormSentAsAnUploadIsNotReadEither() throws IOException {
        assertThat(statusLineOfAnUploadThatNeverEnds("/login")).startsWith("HTTP/1.1 302");
    }

    /** Announces 50 MB, sends the first part's start and waits for the answer (a server reading the body would wait too). */
    private String statusLineOfAnUploadThatNeverEnds(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: multipart/form-data; boundary=opora\r\nContent-Length: 50000000\r\n\r\n"
                    + "--opora\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\n" + "x".repeat(8192)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }
}
