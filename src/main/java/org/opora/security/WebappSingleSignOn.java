package org.opora.security;

import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets Tasklist, Cockpit and Admin trust Opora's login: the webapps take the user that Spring
 * Security has already authenticated instead of asking for a password again.
 */
@Configuration(proxyBeanMethods = false)
public class WebappSingleSignOn {


    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthenticationFilter() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("Opora Single Sign-On Filter");
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        // After Spring Security (-100), which provides the user, and before the webapp starter's own
        // authentication filter, which then finds the user in the session.
        registration.setOrder(-90);
        return registration;
    }
}
