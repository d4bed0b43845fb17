package org.opora.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Looks inside uploads with Apache Tika: what a file is, from its bytes alone (the name and the
 * client's content type are never asked), and its text for search.
 */
@Component
class DocumentInspector {

    private static final Logger log = LoggerFactory.getLogger(DocumentInspector.class);

    /** Types whose text is worth extracting; images have none without OCR. */
    private static final Set<String> TEXT_TYPES = Set.of("application/pdf", "text/plain", "application/rtf",
            "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation");

    /** Tika loads its parsers (PDFBox, POI) on first use, not while Opora starts. */
    private static final class Tika {
        static final TikaConfig CONFIG = TikaConfig.getDefaultConfig();
        static final Detector DETECTOR = CONFIG.getDetector();
        static final Parser PARSER = new AutoDetectParser(CONFIG);
    }

    /** The content type of the bytes, without parameters ("application/pdf"). */
    String detect(InputStream content) throws IOException {
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            MediaType type = Tika.DETECTOR.detect(stream, new Metadata());
            return type.getBaseType().toString();
        }
    }

    /** The document's text, at most {@code maxLength} characters, or null when it has none or cannot be read. */
    String extractText(InputStream content, String contentType, int maxLength) {
        if (!TEXT_TYPES.contains(contentType)) {
            return null;
        }
        BodyContentHandler handler = new BodyContentHandler(maxLength);
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, contentType);
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            Tika.PARSER.parse(stream, handler, metadata, new ParseContext());
        } catch (Exception failure) {
            if (!WriteLimitReachedException.isWriteLimitReached(failure)) {
                // A damaged or encrypted file is still kept; it is only not found by its words.
                log.warn("No text extracted from a {} document: {}", contentType, failure.toString());
                return null;
            }
        } catch (LinkageError notShipped) {
            // A parser needing a library left out of the build (Bouncy Castle, for certificate-encrypted files).
            log.warn("No text extracted from a {} document: {}", contentType, notShipped.toString());
            return null;
        }
        String text = handler.toString().replace('\u0000', ' ').strip();
        return text.isEmpty() ? null : text;
    }
}
