package org.opora.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

@TestConfiguration(proxyBeanMethods = false)
public class ApiConfiguration {

    /** Lazy: the server's port is known only once it has started. */
    @Bean
    @Lazy
    Api api(Environment environment) {
        return new Api(environment);
    }

    @Bean
    OutboxMail outboxMail(org.springframework.jdbc.core.simple.JdbcClient jdbc, org.opora.mail.MailOutbox outbox) {
        return new OutboxMail(jdbc, outbox);
    }
}
