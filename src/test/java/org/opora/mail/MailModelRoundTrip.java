package org.opora.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.test.context.TestComponent;

import jakarta.annotation.PostConstruct;

/**
 * A model is kept as JSON from the step that writes a message to the dispatcher that renders it (ADR 29). Every message
 * any integration test makes the code write, whichever step or template, is rendered here in Russian and in English
 * from the model as the code built it and from the model as the dispatcher reads it back; the two must be equal. A
 * difference fails the test that wrote the message ({@link Check}, after each test), naming the template.
 */
@TestComponent
public class MailModelRoundTrip implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(MailModelRoundTrip.class);
    private static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("ru"), Locale.ENGLISH);
    private static final List<String> DIFFERENCES = java.util.Collections.synchronizedList(new ArrayList<>());

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final Set<String> checked = new ConcurrentSkipListSet<>();

    MailModelRoundTrip(MailOutbox outbox, MailTemplates templates) {
        this.outbox = outbox;
        this.templates = templates;
    }

    /** MailOutbox is a transactional proxy: the check joins its advice, after the transaction's. */
    @PostConstruct
    void watchTheOutbox() {
        ((Advised) outbox).addAdvice(this);
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object result = invocation.proceed();
        if (invocation.getMethod().getName().equals("enqueue") && invocation.getArguments()[0] instanceof MailMessage message) {
            check(message);
        }
        return result;
    }

    void check(MailMessage message) {
        var kept = templates.model(templates.modelJson(message));
        for (Locale language : LANGUAGES) {
            String original = templates.render(message.template(), language, message.model());
            String readBack = templates.render(message.template(), language, kept);
            if (!original.equals(readBack)) {
                DIFFERENCES.add(message.template() + " (" + language + "): model " + message.model() + " read back as " + kept
                        + "\n--- as written:\n" + original + "\n--- as it would be sent:\n" + readBack);
            }
        }
        if (checked.add(message.template())) {
            // Which templates a run covered, for a reader of the build (target/ is the working directory's).
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail-round-trip-templates.txt"),
                        String.join("\n", new TreeSet<>(checked)) + "\n");
            } catch (java.io.IOException ex) {
                log.warn("Could not list the templates checked: {}", ex.getMessage());
            }
        }
    }

    /** Fails a test whose messages would be sent other than the code wrote them. */
    public static class Check implements AfterEachCallback {

        @Override
        public void afterEach(ExtensionContext context) {
            List<String> found;
            synchronized (DIFFERENCES) {
                found = new ArrayList<>(DIFFERENCES);
                DIFFERENCES.clear();
            }
            if (!found.isEmpty()) {
                throw new AssertionError("A mail's model renders differently once kept as JSON:\n" + String.join("\n\n", found));
            }
        }
    }
}
