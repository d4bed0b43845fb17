package org.opora.support;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The engine clock is static: a test that moves it must not move the next test's. */
public class EngineClockReset implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        ClockUtil.reset();
    }
}
