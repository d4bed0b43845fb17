package org.opora.documents;

import java.util.Map;
import java.util.UUID;

import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemType;
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
            @RequestParam(defaultValue = "/") String back) {
        String page = localPath(back);
        try {
            Document added = documents.addToCase(caseId, kind, DocumentService.Upload.of(file));
            return "redirect:" + UriComponentsBuilder.fromPath(page).queryParam("documentAdded", added.name())
                    .fragment("documents").encode().build().toUriString();
        } catch (ApiException refused) {
            String reason = REFUSALS.get(refused.type());
            if (reason == null) {
                // Not found (another organisation's case) and the like: the error page.
                throw refused;
            }
            return "redirect:" + UriComponentsBuilder.fromPath(page).queryParam("documentError", reason)
                    .fragment("documents").build().toUriString();
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
        return "redirect:" + UriComponentsBuilder.fromPath(localPath(back == null ? "/" : back))
                .queryParam("documentError", "too-large").fragment("documents").build().toUriString();
    }

    /** Only a path of this site: a form field must never send the user elsewhere. */
    private static String localPath(String back) {
        boolean local = back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") && !back.contains("://");
        return local ? back.split("[?#]", 2)[0] : "/";
    }
}
