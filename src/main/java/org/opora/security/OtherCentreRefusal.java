package org.opora.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.opora.system.ProblemType;
import org.opora.system.Problems;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Another centre's task or process instance is "not found" on the engine's APIs, as on Opora's (ADR 23).
 * The engine's tenant check refuses a single read or write of another tenant's instance with a plain
 * engine exception (ENGINE-13034, "... belongs to no authenticated tenant"), which its REST API answers
 * as a 500 that also confirms the instance exists. Only a server error is held back and looked at;
 * every other answer streams through untouched.
 */
class OtherCentreRefusal extends OncePerRequestFilter {

    /** The engine's code for "the instance belongs to a tenant the user is not a member of". */
    static final String TENANT_CHECK_FAILED = "ENGINE-13034";

    private final Problems problems;

    OtherCentreRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorHolding holding = new ErrorHolding(response);
        chain.doFilter(request, holding);
        if (holding.heldStatus == 0) {
            holding.flushWriter();
            return;
        }
        holding.flushWriter();
        byte[] body = holding.held.toByteArray();
        if (new String(body, StandardCharsets.UTF_8).contains(TENANT_CHECK_FAILED) && !response.isCommitted()) {
            // Nothing of the engine's answer was sent: drop its headers too (its Content-Length among them).
            response.reset();
            problems.write(request, response, ProblemType.NOT_FOUND, "Not found");
            return;
        }
        response.setStatus(holding.heldStatus);
        response.getOutputStream().write(body);
    }

    /** Passes everything through, except the body of a server error, which it keeps. */
    private static final class ErrorHolding extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private int heldStatus;
        private ServletOutputStream stream;
        private PrintWriter writer;

        ErrorHolding(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            if (status >= 500) {
                heldStatus = status;
            } else {
                super.setStatus(status);
            }
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (status >= 500) {
                heldStatus = status;
                held.writeBytes(String.valueOf(message).getBytes(StandardCharsets.UTF_8));
            } else {
                super.sendError(status, message);
            }
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, "");
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    private ServletOutputStream target;

                    private java.io.OutputStream target() throws IOException {
                        if (heldStatus != 0) {
                            return held;
                        }
                        if (target == null) {
                            target = ErrorHolding.super.getOutputStream();
                        }
                        return target;
                    }

                    @Override
                    public void write(int b) throws IOException {
                        target().write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        target().write(bytes, offset, length);
                    }

                    @Override
                    public void flush() throws IOException {
                        if (heldStatus == 0 && target != null) {
                            target.flush();
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String encoding = getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(),
                        encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (heldStatus == 0) {
                if (writer != null) {
                    writer.flush();
                }
                super.flushBuffer();
            }
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }
    }
}
