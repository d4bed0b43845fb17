package org.opora.system;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The language of the pages: Russian unless the user chose English with {@code ?lang=en} (on any
 * page), remembered in a cookie. The API keeps answering in the language the client asks for
 * (Accept-Language), as before the portal.
 */
@Configuration(proxyBeanMethods = false)
public class PortalWebConfiguration implements WebMvcConfigurer {

    public static final String COOKIE = "opora-lang";

    /**
     * One resolver for pages and APIs. Pages: the language chosen on a page (the cookie), else Russian.
     * APIs (Opora's and the engine's): the cookie if a browser has one, else Accept-Language among the
     * languages Opora speaks, Russian when none of them is asked for.
     */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver acceptLanguage = new AcceptHeaderLocaleResolver();
        acceptLanguage.setDefaultLocale(SystemConfiguration.RUSSIAN);
        acceptLanguage.setSupportedLocales(List.of(SystemConfiguration.RUSSIAN, Locale.ENGLISH));
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setRejectInvalidCookies(true);
        resolver.setDefaultLocaleFunction(request -> isApi(request) ? acceptLanguage.resolveLocale(request) : SystemConfiguration.RUSSIAN);
        return resolver;
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        // Only the two languages Opora speaks; anything else in ?lang= is ignored.
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new SupportedLanguages(change)).excludePathPatterns("/api/**");
    }

    /** Lets through only {@code ru} and {@code en}, so a crafted {@code ?lang=} sets no odd cookie. */
    private record SupportedLanguages(LocaleChangeInterceptor delegate) implements org.springframework.web.servlet.HandlerInterceptor {

        @Override
        public boolean preHandle(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                Object handler) throws Exception {
            String lang = request.getParameter("lang");
            if ("ru".equals(lang) || "en".equals(lang)) {
                return delegate.preHandle(request, response, handler);
            }
            return true;
        }
    }
}
