package org.opora.mail;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

/** The real SMTP transport, counting the connections it opens (a test installs it with {@code mail.smtp.class}). */
public class CountingSmtpTransport extends SMTPTransport {

    static final AtomicInteger CONNECTIONS = new AtomicInteger();

    public CountingSmtpTransport(Session session, URLName urlname) {
        super(session, urlname);
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password) throws MessagingException {
        boolean connected = super.protocolConnect(host, port, user, password);
        if (connected) {
            CONNECTIONS.incrementAndGet();
        }
        return connected;
    }
}
