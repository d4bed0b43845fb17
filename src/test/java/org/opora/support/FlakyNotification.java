package org.opora.support;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opora.mail.MailMessage;
import org.opora.mail.MailOutbox;
import org.springframework.boot.test.context.TestComponent;

/**
 * The step of {@code step-failure-check} and {@code timer-fan-out}: it writes an e-mail to the outbox and then, while broken,
 * fails as a misconfigured service would, after the write. Tests break and mend it.
 */
@TestComponent("flakyNotification")
public class FlakyNotification implements JavaDelegate {

    private final MailOutbox outbox;
    private final AtomicInteger executions = new AtomicInteger();
    private volatile boolean broken;

    public FlakyNotification(MailOutbox outbox) {
        this.outbox = outbox;
    }

    public void breakIt() {
        broken = true;
    }

    public void mend() {
        broken = false;
    }

    /** How often this node ran the step (failed runs included). */
    public int executions() {
        return executions.get();
    }

    @Override
    public void execute(DelegateExecution execution) {
        executions.incrementAndGet();
        outbox.enqueue(new MailMessage("notified:" + execution.getProcessBusinessKey(), "cso-a@opora.test", Locale.ENGLISH,
                "task-new", new Object[] {"Notify the organisation"}, Map.of("recipientName", "CSO A",
                        "taskName", "Notify the organisation", "caseTitle", "", "due", "", "taskUrl", "http://localhost/")));
        if (broken) {
            throw new IllegalStateException("The notification service is misconfigured");
        }
    }
}
