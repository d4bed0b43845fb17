package org.opora.search;

import java.util.List;

import org.opora.system.PortalPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's search: the box in every page's header leads here. The same {@link SearchService} as
 * {@code GET /api/search}, so a member finds only what they may see.
 */
@Controller
@PortalPage
class SearchPage {

    private static final int RESULTS = 20;

    private final SearchService search;

    SearchPage(SearchService search) {
        this.search = search;
    }

    /** A hit with the address of its page (or its download), empty for a public body, which has no page yet. */
    record Result(SearchHit hit, String href) {
    }

    @GetMapping("/search")
    String results(@RequestParam(defaultValue = "") String q, Model model) {
        String query = q.strip();
        if (query.length() > 200) {
            query = query.substring(0, 200);
        }
        model.addAttribute("query", query);
        model.addAttribute("results", query.isEmpty() ? List.of()
                : search.search(query, RESULTS).stream().map(hit -> new Result(hit, href(hit))).toList());
        return "search/results";
    }

    private static String href(SearchHit hit) {
        return switch (hit.type()) {
            case LETTER -> "/letters/" + hit.id();
            case APPLICATION -> "/grants/applications/" + hit.id();
            case VOLUNTEER_REQUEST -> "/volunteering";
            case DOCUMENT -> "/api/documents/" + hit.id() + "/content";
            case PUBLIC_BODY -> "";
        };
    }
}
