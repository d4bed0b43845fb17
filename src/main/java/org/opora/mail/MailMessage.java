package org.opora.mail;

import java.util.Locale;
import java.util.Map;

/**
 * An e-mail to write to the outbox.
 *
 * @param idempotencyKey names the event the message tells of (say {@code task-created:<task>:<user>});
 *                       a second message with the same key is not written, so nothing is sent twice
 * @param template       a Thymeleaf template under {@code templates/mail/}, with its subject in the
 *                       messages as {@code mail.<template>.subject}
 * @param subjectArguments arguments of the subject message
 * @param model          the template's variables; everything is HTML-escaped when rendered
 */
public record MailMessage(String idempotencyKey, String recipient, Locale locale, String template,
        Object[] subjectArguments, Map<String, Object> model) {
}
