package org.opora.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.opora.system.Problems;
import org.opora.system.ProblemType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three filter chains, most specific first. Everything needs a login except the login page,
 * static assets and health, and the volunteer's sign-up page and signed links.
 * <ol>
 * <li>{@code /engine-rest/**}: the engine's own REST API, for staff and administrators only, HTTP Basic.</li>
 * <li>{@code /camunda/**}: Tasklist, Cockpit and Admin, signed in through Opora's login (single sign-on);
 * the webapps keep their own CSRF protection, so Spring's is off there.</li>
 * <li>everything else: Opora's pages (form login) and API ({@code /api/**}, HTTP Basic or the session;
 * errors as problem+json).</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final RequestMatcher API = withDefaults().matcher("/api/**");
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * No observation around every security filter, authentication and authorization: nothing reads those
     * spans (no tracing, no metrics endpoint), and in the API's requests they cost about as much CPU as the
     * password check (JFR, docs/performance.md). {@code http.server.requests} is still observed.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRestChain(HttpSecurity http, IdentityService identityService, Problems problems,
            List<EngineApiGuard> featureGuards) throws Exception {
        http.securityMatcher(withDefaults().matcher("/engine-rest/**"))
                .authorizeHttpRequests(requests -> requests
                        // Checks any user's password, past the login throttle; Opora signs people in itself.
                        .requestMatchers(withDefaults().matcher("/engine-rest/identity/verify"),
                                withDefaults().matcher("/engine-rest/engine/{engine}/identity/verify")).denyAll()
                        .requestMatchers(new AdministratorsEngineOperations()).hasRole(Role.ADMIN.name())
                        .anyRequest().hasAnyRole(Role.ADMIN.name(), Role.STAFF.name()))
                .httpBasic(basic -> basic.realmName("Opora").authenticationEntryPoint(throttledOr(basicChallenge(), problems)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        engineApiGuards(http, identityService, problems, featureGuards);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappChain(HttpSecurity http, IdentityService identityService, Problems problems,
            List<EngineApiGuard> featureGuards) throws Exception {
        RequestMatcher webappApi = withDefaults().matcher("/camunda/api/**");
        http.securityMatcher(withDefaults().matcher("/camunda/**"))
                .authorizeHttpRequests(requests -> requests
                        // Admins are created from configuration; the first-admin setup page stays closed.
                        .requestMatchers(withDefaults().matcher("/camunda/api/admin/setup/**"),
                                withDefaults().matcher("/camunda/api/engine/engine/{engine}/identity/verify")).denyAll()
                        .requestMatchers(new AdministratorsEngineOperations()).hasRole(Role.ADMIN.name())
                        // Tasklist, Cockpit, Admin and the engine's API are the centre's tools (ADR 9): CSO members
                        // and experts do their work in Opora's pages.
                        .anyRequest().hasAnyRole(Role.ADMIN.name(), Role.STAFF.name()))
                .httpBasic(basic -> basic.realmName("Opora").authenticationEntryPoint(throttledOr(basicChallenge(), problems)))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), webappApi)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor((request, response, ex) ->
                                problems.write(response, ProblemType.FORBIDDEN, "You are not allowed to do this"), webappApi))
                .csrf(csrf -> csrf.disable());
        engineApiGuards(http, identityService, problems, featureGuards);
        return http.build();
    }

    /**
     * What stands between a signed-in user and the engine's API, after the door has let them in: the
     * engine learns who asks; no query expression or Java-serialized value gets through; tasks keep their form contract.
     */
    private static void engineApiGuards(HttpSecurity http, IdentityService identityService, Problems problems,
            List<EngineApiGuard> featureGuards) {
        http.addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
                .addFilterAfter(new EngineRequestGuard(problems), EngineAuthenticationFilter.class)
                .addFilterAfter(new OtherCentreRefusal(problems), EngineRequestGuard.class);
        for (EngineApiGuard guard : featureGuards) {
            http.addFilterAfter(guard.filter(), EngineRequestGuard.class);
        }
    }

    @Bean
    @Order(3)
    SecurityFilterChain applicationChain(HttpSecurity http, IdentityService identityService, Problems problems) throws Exception {
        AuthenticationEntryPoint apiUnauthenticated = (request, response, ex) ->
                problems.write(response, ProblemType.UNAUTHENTICATED, "Sign in, or send HTTP Basic credentials");
        AccessDeniedHandler apiForbidden = (request, response, ex) ->
                problems.write(response, ProblemType.FORBIDDEN, "You are not allowed to do this");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(publicPaths()).permitAll()
                        .requestMatchers(withDefaults().matcher("/api/admin/**")).hasRole(Role.ADMIN.name())
                        .requestMatchers(withDefaults().matcher("/admin/**")).hasRole(Role.ADMIN.name())
                        // Everyone signed in reads the registry of public bodies; staff keep it.
                        .requestMatchers(withDefaults().matcher(HttpMethod.GET, "/api/public-bodies/**")).authenticated()
                        .requestMatchers(withDefaults().matcher("/api/public-bodies/**"))
                                .hasAnyRole(Role.STAFF.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
                        .failureHandler((request, response, ex) -> response.sendRedirect(request.getContextPath()
                                + (ex instanceof LoginThrottle.Throttled ? "/login?throttled" : "/login?error"))))
                // No WWW-Authenticate challenge on the API: browsers then never cache Basic credentials,
                // so a request that carries an Authorization header was sent on purpose and needs no CSRF token.
                .httpBasic(basic -> basic.authenticationEntryPoint(throttledOr(apiUnauthenticated, problems)))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // Opora's pages load scripts and styles from Opora only and run no inline code. No address of
                // Opora's (an upload form's carries its CSRF token) ever leaves for another site as a Referer.
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> {
                    String authorization = request.getHeader("Authorization");
                    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
                }))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(apiUnauthenticated, API)
                        .defaultAccessDeniedHandlerFor(apiForbidden, API)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE))
                .addFilterBefore(new SignedInUploadsOnly(API, problems), CsrfFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
        return http.build();
    }

    private static AuthenticationEntryPoint basicChallenge() {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName("Opora");
        return challenge;
    }

    /** A login refused for too many failures is a 429 with the time to wait, whatever the chain. */
    private static AuthenticationEntryPoint throttledOr(AuthenticationEntryPoint otherwise, Problems problems) {
        return (request, response, ex) -> {
            if (ex instanceof LoginThrottle.Throttled throttled) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfter().toSeconds()));
                problems.write(response, ProblemType.TOO_MANY_REQUESTS, "Too many failed sign-ins; try again in "
                        + throttled.retryAfter().toMinutesPart() + " min " + throttled.retryAfter().toSecondsPart() + " s");
            } else {
                otherwise.commence(request, response, ex);
            }
        };
    }

    /** The only routes open without a login. */
    static RequestMatcher publicPaths() {
        return new OrRequestMatcher(
                withDefaults().matcher("/login"),
                withDefaults().matcher("/css/**"),
                // The portal's CSS framework and htmx, served from their WebJars (the login page needs them too).
                withDefaults().matcher("/webjars/**"),
                withDefaults().matcher("/favicon.ico"),
                withDefaults().matcher("/error"),
                withDefaults().matcher("/actuator/health"),
                withDefaults().matcher("/actuator/health/**"),
                // Volunteers have no account: the public sign-up, and the pages behind the single-purpose links
                // e-mailed to them, whose unguessable token is the credential (docs/adr/0007-volunteer-links.md).
                withDefaults().matcher("/volunteer/signup"),
                withDefaults().matcher("/v/{token}"),
                // A centre's public page, empty (not found) until the centre publishes something (ADR 22).
                withDefaults().matcher(HttpMethod.GET, "/public/{centreId}"));
    }
}
