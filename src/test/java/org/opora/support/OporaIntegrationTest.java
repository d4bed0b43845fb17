package org.opora.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.opora.mail.MailModelRoundTrip;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port with the real engine and database. Every test class
 * uses exactly this configuration, so they share one application context. Every mail a test makes the code write
 * is checked to render alike before and after its model is kept ({@link MailModelRoundTrip}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = OporaTestProfiles.class)
@Import({TestFixtures.class, ApiConfiguration.class, ExpressionProbe.class, FlakyNotification.class, MailModelRoundTrip.class})
@ExtendWith({EngineClockReset.class, MailModelRoundTrip.Check.class})
public @interface OporaIntegrationTest {
}
