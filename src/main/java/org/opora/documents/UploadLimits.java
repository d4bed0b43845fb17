package org.opora.documents;

import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import jakarta.servlet.MultipartConfigElement;

/**
 * The servlet container's upload limits, taken from {@link DocumentProperties} so that they cannot
 * disagree with Opora's own checks: one setting ({@code opora.documents.max-file-size}) is both the
 * container's refusal of a file while it arrives and {@link DocumentService}'s.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    @Bean
    MultipartConfigElement multipartConfigElement(DocumentProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.maxFileSize());
        factory.setMaxRequestSize(properties.maxRequestSize());
        // Every part goes to a temporary file at once: nothing is held in memory.
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }
}
