package org.opora.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import org.camunda.bpm.engine.IdentityService;
import org.opora.system.Problems;
import org.opora.system.ProblemType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
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

    @Bean
    @Order(1)
    SecurityFilterChain engineRestChain(HttpSecurity http, IdentityService identityService) throws Exception {
        http.securityMatcher(withDefaults().matcher("/engine-rest/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(Role.ADMIN.name(), Role.STAFF.name()))
                .httpBasic(basic -> basic.realmName("Opora"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappChain(HttpSecurity http) throws Exception {
        RequestMatcher webappApi = withDefaults().matcher("/camunda/api/**");
        http.securityMatcher(withDefaults().matcher("/camunda/**"))
                .authorizeHttpRequests(requests -> requests
                        // Admins are created from configuration; the first-admin setup page stays closed.
                        .requestMatchers(withDefaults().matcher("/camunda/api/admin/setup/**")).denyAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Opora"))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), webappApi)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE))
                .csrf(csrf -> csrf.disable());
        return http.build();
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
                        // Everyone signed in reads the registry of public bodies; staff keep it.
                        .requestMatchers(withDefaults().matcher(HttpMethod.GET, "/api/public-bodies/**")).authenticated()
                        .requestMatchers(withDefaults().matcher("/api/public-bodies/**"))
                                .hasAnyRole(Role.STAFF.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                // No WWW-Authenticate challenge on the API: browsers then never cache Basic credentials,
                // so a request that carries an Authorization header was sent on purpose and needs no CSRF token.
                .httpBasic(basic -> basic.authenticationEntryPoint(apiUnauthenticated))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> {
                    String authorization = request.getHeader("Authorization");
                    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
                }))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(apiUnauthenticated, API)
                        .defaultAccessDeniedHandlerFor(apiForbidden, API)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE))
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
        return http.build();
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
                withDefaults().matcher("/v/{token}"));
    }
}
