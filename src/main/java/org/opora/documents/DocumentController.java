package org.opora.documents;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@Tag(name = "Documents", description = "Files kept on cases: upload, list, download")
class DocumentController {

    private final DocumentService documents;
    private final DocumentMapper mapper;

    DocumentController(DocumentService documents, DocumentMapper mapper) {
        this.documents = documents;
        this.mapper = mapper;
    }

    /**
     * A document as the API shows it. {@code uploadedBy} names a person only to staff, or to the
     * person themselves, as everywhere in a case.
     */
    record DocumentView(UUID id, UUID caseId, UUID volunteerId, String kind, String name, String contentType, long size,
            String sha256, String uploadedBy, Instant uploadedAt, String part) {
    }

    @GetMapping("/api/cases/{caseId}/documents")
    @Operation(summary = "The documents of a case I may see, oldest first; part=report-1 those of a grant's first report")
    List<DocumentView> ofCase(@PathVariable UUID caseId, @RequestParam(required = false) @Size(max = 50) String part) {
        return (part == null ? documents.ofCase(caseId) : documents.ofPart(caseId, part)).stream().map(this::view).toList();
    }

    @GetMapping("/api/cases/{caseId}/documents/kinds")
    @Operation(summary = "The kinds of document the case holds (for a grant application, the competition's required ones)")
    List<String> kinds(@PathVariable UUID caseId, @RequestParam(required = false) @Size(max = 50) String part) {
        return part == null ? documents.kinds(caseId) : documents.partKinds(caseId, part);
    }

    @PostMapping(path = "/api/cases/{caseId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Add a document to a case (multipart: file, kind; part=report-1 for a grant's report: receipt, photo)",
            description = "The type is detected from the content; PDF, images, office documents and plain text are accepted. "
                    + "Too large: 413; another type: 415; nothing is stored then.")
    ResponseEntity<DocumentView> addToCase(@PathVariable UUID caseId, @RequestPart("file") MultipartFile file,
            @RequestParam @NotBlank @Size(max = 100) String kind, @RequestParam(required = false) @Size(max = 50) String part) {
        Document added = documents.addToCase(caseId, part, kind, DocumentService.Upload.of(file));
        return ResponseEntity.created(URI.create("/api/documents/" + added.id())).body(view(added));
    }

    @GetMapping("/api/volunteering/volunteers/{volunteerId}/documents")
    @Operation(summary = "Staff: the documents kept on a volunteer's record")
    List<DocumentView> ofVolunteer(@PathVariable UUID volunteerId) {
        return documents.ofVolunteer(volunteerId).stream().map(this::view).toList();
    }

    @PostMapping(path = "/api/volunteering/volunteers/{volunteerId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Staff: keep a document on a volunteer's record (kind clearance-certificate, consent or other)",
            description = "Erased when the volunteer leaves.")
    ResponseEntity<DocumentView> addToVolunteer(@PathVariable UUID volunteerId, @RequestPart("file") MultipartFile file,
            @RequestParam @NotBlank @Size(max = 100) String kind) {
        Document added = documents.addToVolunteer(volunteerId, kind, DocumentService.Upload.of(file));
        return ResponseEntity.created(URI.create("/api/documents/" + added.id())).body(view(added));
    }

    @GetMapping("/api/documents/{id}")
    @Operation(summary = "A document's metadata")
    DocumentView get(@PathVariable UUID id) {
        return view(documents.get(id));
    }

    /**
     * The bytes, always as an attachment with the type detected at upload and {@code nosniff}: a
     * browser never renders an upload in Opora's origin.
     */
    @GetMapping("/api/documents/{id}/content")
    @Operation(summary = "Download a document")
    void content(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        try (DocumentService.Download download = documents.open(id)) {
            Document document = download.document();
            response.setContentType(document.contentType());
            response.setContentLengthLong(document.size());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(document.name(), StandardCharsets.UTF_8).build().toString());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            response.setHeader(HttpHeaders.ETAG, "\"" + document.sha256() + "\"");
            response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
            download.content().transferTo(response.getOutputStream());
        }
    }

    @DeleteMapping("/api/documents/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a document added by mistake (its uploader or staff)")
    void delete(@PathVariable UUID id) {
        documents.delete(id);
    }

    private DocumentView view(Document document) {
        OporaUser user = CurrentUser.get();
        boolean named = user.isStaffOrAdmin() || user.id().equals(document.uploadedBy());
        return mapper.toView(document, named ? document.uploadedBy() : null);
    }
}
