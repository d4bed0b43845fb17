package org.opora.system;

import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors of the portal's pages as pages: what a user may not see is "not found" (as in the API,
 * ADR 2), a refused action is "forbidden", anything unexpected is logged and shown as a plain
 * apology. Ordered before {@link ApiExceptionHandler}, which would answer with JSON.
 */
@ControllerAdvice(annotations = PortalPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ModelAndView handleApi(ApiException ex, HttpServletResponse response) {
        return switch (ex.type()) {
            case NOT_FOUND -> page(response, HttpStatus.NOT_FOUND);
            case FORBIDDEN, UNAUTHENTICATED -> page(response, HttpStatus.FORBIDDEN);
            case CONFLICT -> page(response, HttpStatus.CONFLICT);
            case VALIDATION -> page(response, HttpStatus.BAD_REQUEST);
            default -> unexpected(ex, response);
        };
    }

    @ExceptionHandler({AuthorizationException.class, AccessDeniedException.class})
    ModelAndView handleForbidden(RuntimeException ex, HttpServletResponse response) {
        return page(response, HttpStatus.FORBIDDEN);
    }

    /** A malformed id in an address is an address that leads nowhere. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView handleBadAddress(MethodArgumentTypeMismatchException ex, HttpServletResponse response) {
        return page(response, HttpStatus.NOT_FOUND);
    }

    /** A form without its file, or not sent as a multipart form at all, is a bad request, not a fault. */
    @ExceptionHandler({MissingServletRequestParameterException.class, org.springframework.web.multipart.MultipartException.class,
            org.springframework.web.multipart.support.MissingServletRequestPartException.class})
    ModelAndView handleMissingParameter(Exception ex, HttpServletResponse response) {
        return page(response, HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView handleUnexpected(Exception ex, HttpServletResponse response) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return handleApi(refused, response);
            }
        }
        return unexpected(ex, response);
    }

    private ModelAndView unexpected(Exception ex, HttpServletResponse response) {
        if (DatabaseOutage.causedBy(ex)) {
            log.warn("Database unreachable: {}", ex.getMessage());
            response.setHeader("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS);
            return page(response, HttpStatus.SERVICE_UNAVAILABLE);
        }
        log.error("Unexpected error on a portal page", ex);
        return page(response, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ModelAndView page(HttpServletResponse response, HttpStatus status) {
        response.setStatus(status.value());
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        return page;
    }
}
