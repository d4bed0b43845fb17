package org.opora.security;

import java.io.IOException;

import org.opora.system.ProblemType;
import org.opora.system.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses an upload from someone not signed in before its body is read. The CSRF check looks for its
 * token among the form's fields, and reading a field of a multipart request makes the container spool
 * every part to disk first, up to the whole request's limit (a case's worth of documents): without this,
 * anyone could make the server write that much per request. No page open without a login takes a file,
 * so none is exempt (the login form's and the sign-up's fields are read the same way). A request with
 * Basic credentials is left to the Basic filter, which refuses wrong ones before any body is read.
 */
class SignedInUploadsOnly extends OncePerRequestFilter {

    private final RequestMatcher api;
    private final Problems problems;

    SignedInUploadsOnly(RequestMatcher api, Problems problems) {
        this.api = api;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isMultipart(request) || hasBasicCredentials(request) || signedIn()) {
            chain.doFilter(request, response);
            return;
        }
        // Nothing of the body will be read: the connection is not kept for another request after it.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        if (api.matches(request)) {
            problems.write(response, ProblemType.UNAUTHENTICATED, "Sign in, or send HTTP Basic credentials");
        } else {
            response.sendRedirect(request.getContextPath() + "/login");
        }
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    private static boolean hasBasicCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
