package org.opora.system;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The database cannot be reached (down, restarting, the network cut, the pool waited in vain): every
 * request that needed it is answered 503 problem+json with Retry-After, wherever it failed (signing in
 * reads the identity tables before any controller runs). Nothing else is done: the connection pool and
 * the job executor reconnect by themselves once the database is back (docs/reliability.md).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutage extends OncePerRequestFilter {

    static final String DETAIL = "The database cannot be reached; try again in a few seconds";
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private final Problems problems;

    DatabaseOutage(Problems problems) {
        this.problems = problems;
    }

    /** Whether this failure is the database being out of reach, rather than a fault of the request or the code. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            // SQL state class 08: connection exception (SQL standard), as PostgreSQL's driver reports a lost connection.
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // The engine rolls back after a lost connection; when the rollback fails too, the cause is kept aside.
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && causedBy(rollback.getApplicationException())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException ex) {
            if (!causedBy(ex) || response.isCommitted()) {
                throw ex;
            }
            log.warn("Database unreachable while answering {} {}: {}", request.getMethod(), request.getRequestURI(),
                    ex.getMessage());
            response.reset();
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            problems.write(response, ProblemType.UNAVAILABLE, DETAIL);
        }
    }
}
