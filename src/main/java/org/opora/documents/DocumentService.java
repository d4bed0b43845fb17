package org.opora.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.opora.cases.CaseAccess;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseService;
import org.opora.system.Text;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.ApiException.FieldProblem;
import org.opora.system.ProblemType;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents on cases and on volunteers' records: adding them within the limits, reading them only
 * where {@link CaseAccess} lets the user see the case, and deleting them with their owner's data.
 * The API and the pages call the same methods.
 */
@Service
public class DocumentService {

    /** The kind every case accepts. */
    public static final String OTHER = "other";
    /** What staff keep on a volunteer's record. */
    static final List<String> VOLUNTEER_KINDS = List.of("clearance-certificate", "consent", OTHER);

    private final DocumentRepository documents;
    private final DocumentStore store;
    private final DocumentInspector inspector;
    private final DocumentProperties properties;
    private final List<DocumentKinds> featureKinds;
    private final CaseAccess access;
    private final CaseService cases;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DocumentService(DocumentRepository documents, DocumentStore store, DocumentInspector inspector,
            DocumentProperties properties, List<DocumentKinds> featureKinds, CaseAccess access, CaseService cases,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.documents = documents;
        this.store = store;
        this.inspector = inspector;
        this.properties = properties;
        this.featureKinds = featureKinds;
        this.access = access;
        this.cases = cases;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A file as it arrives: the name the client gave, its size, and its bytes (readable more than once). */
    public record Upload(String originalName, long size, InputStreamSource content) {

        /** A file as the API and the pages receive it. */
        static Upload of(MultipartFile file) {
            return new Upload(file.getOriginalFilename(), file.getSize(), file);
        }
    }

    /** A document with its bytes, opened for one reader, who must close it. */
    public record Download(Document document, InputStream content) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    /** The kinds of document the case holds; the case must be visible to the user. */
    public List<String> kinds(UUID caseId) {
        return kindsOf(access.require(caseId));
    }

    /** The case's documents, oldest first; the case must be visible to the user. */
    public List<Document> ofCase(UUID caseId) {
        access.require(caseId);
        return documents.findByCase(caseId);
    }

    /** Adds a document to a case the user may see; CSO members, staff and administrators may, experts only read. */
    public Document addToCase(UUID caseId, String kind, Upload upload) {
        return addToCase(caseId, null, kind, upload);
    }

    /**
     * The documents of one part of a case (a grant's report), or with {@code null} those of the case as a
     * whole, oldest first; the case must be visible to the user.
     */
    public List<Document> ofPart(UUID caseId, String part) {
        return ofCase(caseId).stream().filter(document -> java.util.Objects.equals(part, document.part())).toList();
    }

    /** The kinds a part of the case holds; the case must be visible to the user, and have the part. */
    public List<String> partKinds(UUID caseId, String part) {
        return partKindsOf(access.require(caseId), part);
    }

    /**
     * Adds a document to a part of a case (a grant's report {@code report-1}), or to the case as a whole
     * when {@code part} is null: the same checks, the kinds the part holds.
     */
    public Document addToCase(UUID caseId, String part, String kind, Upload upload) {
        CaseRecord record = access.require(caseId);
        List<String> allowed = part == null ? kindsOf(record) : partKindsOf(record, part);
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin() && !user.has(Role.CSO)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Experts read the documents of a case; they do not add any");
        }
        String canonicalKind = allowed.stream().filter(known -> known.equalsIgnoreCase(kind == null ? "" : kind.strip()))
                .findFirst().orElseThrow(() -> ApiException.invalid("kind", "must be one of " + String.join(", ", allowed)));
        Inspected inspected = inspect(upload);
        Document document = transaction.execute(status -> {
            long stored = documents.lockCaseAndSumSizes(caseId);
            Document added = store(caseId, null, part, canonicalKind, upload, inspected, stored, user.id());
            // The kind in the reader's words; the part (a report's number) and the file's name as they are.
            cases.recordEvent(caseId, "document-added", user.id(), added.name(), Text.of("portal.documents.kind." + canonicalKind),
                    part == null ? "" : part);
            return added;
        });
        return document;
    }

    /** Staff keep documents on a volunteer's record (a certificate, say); they go when the volunteer leaves. */
    public Document addToVolunteer(UUID volunteerId, String kind, Upload upload) {
        OporaUser user = requireStaff();
        String canonicalKind = VOLUNTEER_KINDS.stream().filter(known -> known.equalsIgnoreCase(kind == null ? "" : kind.strip()))
                .findFirst().orElseThrow(() -> ApiException.invalid("kind", "must be one of " + String.join(", ", VOLUNTEER_KINDS)));
        Inspected inspected = inspect(upload);
        return transaction.execute(status -> {
            long stored = documents.lockVolunteerAndSumSizes(volunteerId).orElseThrow(() -> ApiException.notFound("Volunteer"));
            return store(null, volunteerId, null, canonicalKind, upload, inspected, stored, user.id());
        });
    }

    public List<Document> ofVolunteer(UUID volunteerId) {
        requireStaff();
        return documents.findByVolunteer(volunteerId);
    }

    /** One document's metadata; a document of a case the user may not see is not found, like the case. */
    public Document get(UUID id) {
        Document document = documents.find(id).orElseThrow(() -> ApiException.notFound("Document"));
        requireVisible(document);
        return document;
    }

    public Download open(UUID id) {
        Document document = get(id);
        return new Download(document, store.read(document.storageKey()));
    }

    /** Removes a document added by mistake: its uploader or staff. */
    public void delete(UUID id) {
        Document document = get(id);
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin() && !user.id().equals(document.uploadedBy())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only the person who added a document, or staff, may remove it");
        }
        transaction.executeWithoutResult(status -> {
            remove(document);
            if (document.caseId() != null) {
                cases.recordEvent(document.caseId(), "document-removed", user.id(), document.name(),
                        Text.of("portal.documents.kind." + document.kind()));
            }
        });
    }

    /** The kinds of the documents a case holds, lower case; for rules such as a grant's admission (no access check). */
    public Set<String> kindsPresent(UUID caseId) {
        return documents.findByCase(caseId).stream().map(document -> document.kind().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** Erases a case's documents, metadata and bytes, when the case's data is deleted (no access check). */
    public void deleteOfCase(UUID caseId) {
        transaction.executeWithoutResult(status -> documents.findByCase(caseId).forEach(this::remove));
    }

    /** Erases a volunteer's documents when they leave (no access check). */
    public void deleteOfVolunteer(UUID volunteerId) {
        transaction.executeWithoutResult(status -> documents.findByVolunteer(volunteerId).forEach(this::remove));
    }

    /** Whether the user may see the document; for callers that list documents they found elsewhere (search). */
    public boolean visible(Document document) {
        try {
            requireVisible(document);
            return true;
        } catch (ApiException hidden) {
            return false;
        }
    }

    private void requireVisible(Document document) {
        if (document.caseId() != null) {
            try {
                access.require(document.caseId());
            } catch (ApiException hidden) {
                throw ApiException.notFound("Document");
            }
        } else if (!CurrentUser.get().isStaffOrAdmin()) {
            throw ApiException.notFound("Document");
        }
    }

    private void remove(Document document) {
        documents.delete(document.id());
        store.delete(document.storageKey());
    }

    private List<String> kindsOf(CaseRecord record) {
        Set<String> kinds = new LinkedHashSet<>();
        featureKinds.stream().filter(feature -> feature.appliesTo(record)).forEach(feature -> kinds.addAll(feature.kinds(record)));
        kinds.add(OTHER);
        return new ArrayList<>(kinds);
    }

    /** A part's kinds, as its feature says; a part no feature knows is refused, naming the field. */
    private List<String> partKindsOf(CaseRecord record, String part) {
        List<String> kinds = featureKinds.stream().filter(feature -> feature.appliesTo(record))
                .flatMap(feature -> feature.partKinds(record, part).stream()).distinct().toList();
        if (kinds.isEmpty()) {
            throw ApiException.invalid("part", "is not a part of this case");
        }
        return kinds;
    }

    private static OporaUser requireStaff() {
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin()) {
            throw ApiException.notFound("Volunteer");
        }
        return user;
    }

    private record Inspected(String contentType, String text) {
    }

    /** Type and text, before any transaction: Tika may take a while over a large PDF. */
    private Inspected inspect(Upload upload) {
        long maxFile = properties.maxFileSize().toBytes();
        if (upload.size() > maxFile) {
            throw tooLarge("The file is larger than " + properties.maxFileSize().toMegabytes() + " MB");
        }
        if (upload.size() == 0) {
            throw ApiException.invalid("file", "is empty");
        }
        try {
            String type;
            try (InputStream content = upload.content().getInputStream()) {
                type = inspector.detect(content);
            }
            if (!properties.allowedTypes().contains(type)) {
                throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Files of type " + type + " are not accepted; "
                        + "send PDF, an image, an office document or plain text",
                        List.of(new FieldProblem("file", "is of type " + type + ", which is not accepted")));
            }
            String text;
            try (InputStream content = upload.content().getInputStream()) {
                text = inspector.extractText(content, type, properties.maxTextLength());
            }
            return new Inspected(type, text);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private Document store(UUID caseId, UUID volunteerId, String part, String kind, Upload upload, Inspected inspected,
            long alreadyStored, String by) {
        if (alreadyStored + upload.size() > properties.maxCaseSize().toBytes()) {
            throw tooLarge("The documents of one case may take up to " + properties.maxCaseSize().toMegabytes()
                    + " MB; " + (alreadyStored / (1024 * 1024)) + " MB are taken");
        }
        MessageDigest sha256 = sha256();
        String key;
        long size;
        try (InputStream content = upload.content().getInputStream();
                CountingStream counted = new CountingStream(new DigestInputStream(content, sha256),
                        properties.maxFileSize().toBytes())) {
            key = store.write(counted);
            size = counted.count;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        Document document = new Document(UUID.randomUUID(), caseId, volunteerId, kind, FileNames.sanitize(upload.originalName()),
                inspected.contentType(), size, HexFormat.of().formatHex(sha256.digest()), key, by, clock.instant(), part);
        documents.insert(document, inspected.text());
        return document;
    }

    private ApiException tooLarge(String detail) {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, detail, List.of(new FieldProblem("file", detail)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Counts what passes and refuses more than the limit, whatever size the client declared. */
    private final class CountingStream extends FilterInputStream {

        private final long limit;
        private long count;

        CountingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge("The file is larger than " + properties.maxFileSize().toMegabytes() + " MB");
            }
        }
    }
}
