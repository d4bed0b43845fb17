package org.opora.documents;

import java.util.Map;
import java.util.UUID;

import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemType;
import org.opora.system.ReturnPaths;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Adding a document from a case's page (the list and the form are the fragment
 * {@code documents/fragments :: documents}); the same {@link DocumentService} as the API, so the same
 * checks of access, kind, type and size. Downloads go through {@code GET /api/documents/{id}/content}.
 */
@Controller
@PortalPage
class DocumentPages {

    /** What the page says when the service refuses, by the refusal's kind. */
    private static final Map<ProblemType, String> REFUSALS = Map.of(
            ProblemType.PAYLOAD_TOO_LARGE, "too-large",
            ProblemType.UNSUPPORTED_MEDIA_TYPE, "wrong-type",
            ProblemType.VALIDATION, "kind",
            ProblemType.FORBIDDEN, "forbidden");

    private final DocumentService documents;

    DocumentPages(DocumentService documents) {
        this.documents = documents;
    }

    @PostMapping("/cases/{caseId}/documents")
    String add(@PathVariable UUID caseId, @RequestParam("file") MultipartFile file, @RequestParam String kind,
            @RequestParam(defaultValue = "/") String back, @RequestParam(required = false) String part) {
        String page = localPath(back);
        try {
            Document added = documents.addToCase(caseId, part == null || part.isBlank() ? null : part, kind,
                    DocumentService.Upload.of(file));
            // Built, then encoded: a file's name is a value, never a template ("x{y}.pdf" would be a variable).
            return "redirect:" + UriComponentsBuilder.fromPath(page).queryParam("documentAdded", added.name())
                    .fragment("documents").build().encode().toUriString();
        } catch (ApiException refused) {
            String reason = REFUSALS.get(refused.type());
            if (reason == null) {
                // Not found (another organisation's case) and the like: the error page.
                throw refused;
            }
            return refusedOn(page, reason, part);
        }
    }

    /**
     * A file over the container's limit, refused while it arrived (before {@link #add} could run): the
     * page again with the error beside the file field, as for the service's own refusal. The form's
     * fields before the file (the return path among them) were read before the refusal.
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request) {
        String back = request.getParameter("back");
        return refusedOn(localPath(back == null ? "/" : back), "too-large", request.getParameter("part"));
    }

    /** Back to the page with the refusal, beside the form it came from (the case's, or a part's). */
    private static String refusedOn(String page, String reason, String part) {
        boolean ofPart = part != null && part.matches("[a-z0-9-]{1,50}");
        UriComponentsBuilder target = UriComponentsBuilder.fromPath(page).queryParam("documentError", reason);
        if (ofPart) {
            target.queryParam("documentPart", part);
        }
        return "redirect:" + target.fragment(ofPart ? "documents-" + part : "documents").build().toUriString();
    }

    /** Only a path of this site: a form field must never send the user elsewhere. */
    private static String localPath(String back) {
        return ReturnPaths.local(back).map(path -> path.split("[?#]", 2)[0]).orElse("/");
    }
}
