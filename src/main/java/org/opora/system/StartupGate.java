package org.opora.system;

import java.io.IOException;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web server is up before the start-up work is done (role groups, the committee's group, the
 * demo's users and cases: application runners run after it starts). Until Spring Boot declares the
 * application ready, every request but the health probes is answered 503 with Retry-After, so a
 * newcomer who signs in at once is asked to wait instead of being refused, and a load balancer
 * that reads {@code /actuator/health/readiness} sends nobody before then.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupGate extends OncePerRequestFilter {

    private final ApplicationAvailability availability;
    private final Problems problems;

    StartupGate(ApplicationAvailability availability, Problems problems) {
        this.availability = availability;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", "5");
        problems.write(request, response, ProblemType.UNAVAILABLE, "Opora is starting; try again in a few seconds");
    }
}
