package org.opora.system;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
public class SystemConfiguration {

    @Bean
    Clock clock() {
        return new EngineClock();
    }

    /** Tests switch scheduling off and call the scheduled work directly, at a time they choose. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "opora.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class Scheduling {
    }
}
