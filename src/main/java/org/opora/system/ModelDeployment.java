package org.opora.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultDeploymentConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.UrlResource;

/**
 * Deploys the models of {@code processes/} and {@code forms/} under names relative to those
 * folders ({@code processes/grants/grant-application.bpmn}), the same from an IDE, from Maven and
 * from the jar. The engine would otherwise name a resource read from a directory by its absolute
 * path, which differs per machine and makes every start look like a change.
 */
@Configuration(proxyBeanMethods = false)
public class ModelDeployment {

    static final List<String> MODEL_FOLDERS = List.of("processes", "forms");

    @Bean
    CamundaDeploymentConfiguration camundaDeploymentConfiguration() {
        return new DefaultDeploymentConfiguration() {
            @Override
            public Set<Resource> getDeploymentResources() {
                Set<Resource> named = new LinkedHashSet<>();
                for (Resource resource : super.getDeploymentResources()) {
                    named.add(withStableName(resource));
                }
                return named;
            }
        };
    }

    static Resource withStableName(Resource resource) {
        try {
            String url = resource.getURL().toString();
            for (String folder : MODEL_FOLDERS) {
                for (URL root : Collections.list(ModelDeployment.class.getClassLoader().getResources(folder))) {
                    String prefix = root.toString();
                    if (url.startsWith(prefix)) {
                        return new NamedResource(resource.getURL(), folder + url.substring(prefix.length()));
                    }
                }
            }
            return resource;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A resource whose engine name is its path on the classpath. */
    static final class NamedResource extends UrlResource implements ContextResource {

        private final String name;

        NamedResource(URL url, String name) {
            super(url);
            this.name = name;
        }

        @Override
        public String getPathWithinContext() {
            return name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NamedResource named && named.name.equals(name) && super.equals(other);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }
}
