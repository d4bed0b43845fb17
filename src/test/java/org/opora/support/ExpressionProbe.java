package org.opora.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestComponent;

/**
 * A bean an attacker's expression would call ({@code ${expressionProbe.fire()}}): it counts the calls,
 * so a test can tell that an expression was never evaluated.
 */
@TestComponent("expressionProbe")
public class ExpressionProbe {

    private final AtomicInteger fired = new AtomicInteger();

    public String fire() {
        fired.incrementAndGet();
        return "staff";
    }

    public int fired() {
        return fired.get();
    }
}
