package org.opora.system;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
public class SystemConfiguration {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    @Bean
    Clock clock() {
        return new EngineClock();
    }

    /**
     * Russian first: a request without Accept-Language, or asking for a language Opora does not
     * speak, is answered in Russian; English on request. Data stays as entered.
     */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setDefaultLocale(RUSSIAN);
        resolver.setSupportedLocales(List.of(RUSSIAN, Locale.ENGLISH));
        return resolver;
    }

    /**
     * JSON is read as typed: a number is not text, nor a date (Jackson would read {@code 12345} as
     * the text "12345" or as the 12345th day after 1970).
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonTypes() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.setDefaultLeniency(Boolean.FALSE);
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.DateTime)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        });
    }

    /** Tests switch scheduling off and call the scheduled work directly, at a time they choose. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "opora.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class Scheduling {
    }
}
