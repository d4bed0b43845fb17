package org.opora.system;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of the pages: Russian unless the user chose English with {@code ?lang=en} (on any
 * page), remembered in a cookie. The API keeps answering in the language the client asks for
 * (Accept-Language), as before the portal.
 */
@Configuration(proxyBeanMethods = false)
public class PortalWebConfiguration implements WebMvcConfigurer {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    public static final String COOKIE = "opora-lang";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setRejectInvalidCookies(true);
        resolver.setDefaultLocaleFunction(request ->
                request.getRequestURI().startsWith(request.getContextPath() + "/api/") ? request.getLocale() : RUSSIAN);
        return resolver;
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
