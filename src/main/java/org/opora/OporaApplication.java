package org.opora;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OporaApplication {

    public static void main(String[] args) {
        SpringApplication.run(OporaApplication.class, args);
    }
}
