package org.opora.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from            the sender address of every Opora e-mail
 * @param dispatchInterval how often the dispatcher looks for due messages
 * @param maxAttempts     attempts before a message is marked FAILED for an administrator to look at
 */
@ConfigurationProperties("opora.mail")
public record MailProperties(String from, Duration dispatchInterval, int maxAttempts) {
}
