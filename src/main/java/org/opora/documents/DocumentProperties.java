package org.opora.documents;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of documents ({@code opora.documents} in application.yaml, documented in the README).
 *
 * @param maxFileSize    the largest file accepted
 * @param maxCaseSize    the most all documents of one case (or one volunteer) may add up to
 * @param maxRequestSize the largest upload request, the file and its form fields; at least {@code maxFileSize}, so that
 *                       the file's own limit is what refuses a single large file (see {@link UploadLimits})
 * @param store          where the bytes go: {@code database} (the default); another store replaces it by this name
 * @param allowedTypes   the content types accepted, as Apache Tika detects them from the bytes
 * @param maxTextLength  how much extracted text of one document is kept for search
 */
@ConfigurationProperties("opora.documents")
public record DocumentProperties(
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("200MB") DataSize maxCaseSize,
        @DefaultValue("200MB") DataSize maxRequestSize,
        @DefaultValue("database") String store,
        @DefaultValue({
                "application/pdf",
                "image/jpeg", "image/png", "image/gif", "image/tiff", "image/webp", "image/heic", "image/heif",
                "text/plain",
                "application/rtf",
                "application/msword",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.ms-excel",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.ms-powerpoint",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "application/vnd.oasis.opendocument.text",
                "application/vnd.oasis.opendocument.spreadsheet",
                "application/vnd.oasis.opendocument.presentation"}) List<String> allowedTypes,
        @DefaultValue("1000000") int maxTextLength) {

    public DocumentProperties {
        if (maxRequestSize.compareTo(maxFileSize) < 0) {
            throw new IllegalArgumentException("opora.documents.max-request-size (" + maxRequestSize
                    + ") must be at least max-file-size (" + maxFileSize + ")");
        }
    }
}
