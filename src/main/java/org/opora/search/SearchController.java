package org.opora.search;

import java.util.List;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@Tag(name = "Search", description = "Find cases, documents and public bodies by their words")
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    record SearchResults(String query, List<SearchHit> items) {
    }

    @GetMapping("/api/search")
    @Operation(summary = "Letters, applications, volunteer requests, documents and public bodies I may see, best first",
            description = "On PostgreSQL words match by their Russian stems (\"школы\" finds \"школа\"); quoted phrases, "
                    + "\"or\" and -excluded words work. Each hit's fragment is HTML-escaped with the matching words in <mark>.")
    SearchResults search(@RequestParam @NotBlank @Size(max = 200) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(SearchService.MAX_RESULTS) int size) {
        return new SearchResults(q, search.search(q, size));
    }
}
