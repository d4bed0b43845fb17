package org.opora.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * No query ever makes the engine evaluate an expression, whoever sends it and however it is nested.
 * <p>
 * Camunda 7.24.0 checks {@code enableExpressionsInAdhocQueries} only on a task query's top level: the
 * branches of {@code orQueries}, and the or-branches of a stored filter, are evaluated unchecked (fixed
 * upstream only in paid patches). Two locks, both inside the engine so that no entry point skips them:
 * <ol>
 * <li>every task query that runs as a command has each of its branches checked first, and one that
 * carries an expression is refused as a bad request (HTTP 400 on the engine's REST API);</li>
 * <li>the expression manager refuses to build any expression on behalf of a query, which also covers
 * queries the engine runs inside another command (a filter's stored query, extended by the caller's).</li>
 * </ol>
 * Expressions in models (delegates, listeners, timers) are untouched. See docs/adr/0009-engine-api-for-staff-only.md.
 */
@Component
public class QueryExpressionRefusal extends AbstractProcessEnginePlugin {

    static final String REFUSAL = "Expressions are not allowed in queries";

    private final ApplicationContext applicationContext;

    public QueryExpressionRefusal(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new QueryRefusingExpressionManager(applicationContext, configuration.getBeans()));
        configuration.setCustomPostCommandInterceptorsTxRequired(withRefusal(configuration.getCustomPostCommandInterceptorsTxRequired()));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(withRefusal(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
    }

    private static List<CommandInterceptor> withRefusal(List<CommandInterceptor> interceptors) {
        List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
        all.add(new RefuseTaskQueryExpressions());
        return all;
    }

    /** The expressions a task query carries in any of its branches. */
    static List<String> expressionsOf(TaskQueryImpl query) {
        List<String> expressions = new ArrayList<>(query.getExpressions().values());
        for (TaskQueryImpl branch : query.getQueries()) {
            if (branch != query) {
                expressions.addAll(branch.getExpressions().values());
            }
        }
        return expressions;
    }

    /** Refuses a task query with an expression in any branch before it runs. */
    static class RefuseTaskQueryExpressions extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof TaskQueryImpl query && !expressionsOf(query).isEmpty()) {
                throw new BadUserRequestException(REFUSAL);
            }
            return next.execute(command);
        }
    }

    /**
     * Spring's expression manager, except for queries: {@link AbstractQuery} is the only caller that
     * builds expressions from a query's criteria, so a request for an expression coming straight from it
     * is refused, wherever the query came from.
     */
    static class QueryRefusingExpressionManager extends SpringExpressionManager {

        private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

        QueryRefusingExpressionManager(ApplicationContext applicationContext, Map<Object, Object> beans) {
            super(applicationContext, beans);
        }

        @Override
        public Expression createExpression(String expression) {
            boolean forAQuery = STACK.walk(frames -> frames.skip(1).findFirst())
                    .map(caller -> AbstractQuery.class.isAssignableFrom(caller.getDeclaringClass()))
                    .orElse(false);
            if (forAQuery) {
                // Not a ProcessEngineException, which the query would wrap into a generic engine error.
                throw new QueryExpressionRefused();
            }
            return super.createExpression(expression);
        }
    }

    /** A query asked for an expression; nothing was evaluated. */
    public static class QueryExpressionRefused extends ApiException {

        QueryExpressionRefused() {
            super(ProblemType.VALIDATION, REFUSAL);
        }
    }
}
