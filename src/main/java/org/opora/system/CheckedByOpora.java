package org.opora.system;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the signed-in user without the engine's authorization check, for work Opora has
 * already decided the user may do ({@code CaseAccess}, the task's assignee and candidates, the form
 * contract: ADR 35). Unlike {@link SystemAccess} the user stays authenticated, so the engine's user
 * operation log and the listeners that ask who is acting (the grant steps' actor, the task notifications)
 * still see them, and the engine's tenant check still runs.
 *
 * <p>The engine has no public API to skip its authorization check alone for one call; the command
 * context's switch ({@code CommandContext.runWithoutAuthorization}, what the engine uses for its own
 * internal reads) is that, so its impl classes are kept to this class. The switch belongs to the
 * command context this opens, and ends with it: the next engine call is checked again.
 */
@Component
public class CheckedByOpora {

    private final CommandExecutor commands;

    public CheckedByOpora(ProcessEngineConfigurationImpl engineConfiguration) {
        this.commands = engineConfiguration.getCommandExecutorTxRequired();
    }

    public <T> T call(Supplier<T> work) {
        Callable<T> callable = work::get;
        return commands.execute(context -> context.runWithoutAuthorization(callable));
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
