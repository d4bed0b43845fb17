package org.opora.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The SMTP server tests send to: GreenMail on port 3025, or on {@code -Dopora.test.smtp-port} so that
 * two builds can run side by side on one machine (application-test.yaml reads the same property).
 */
public final class TestSmtp {

    public static final ServerSetup SETUP = ServerSetupTest.SMTP.port(Integer.getInteger("opora.test.smtp-port", 3025));

    private TestSmtp() {
    }

    public static GreenMailExtension server() {
        return new GreenMailExtension(SETUP);
    }
}
