package org.opora.cases;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Steps that failed all their retries, with the case they stopped, for administrators: the same
 * incidents Cockpit shows, and a retry once the cause is fixed ({@link Incidents}; the
 * administration page {@code /admin/incidents} calls the same).
 */
@RestController
@RequestMapping("/api/admin/incidents")
@Validated
@Tag(name = "Incidents", description = "Failed steps of the processes, for administrators")
class IncidentController {

    private final Incidents incidents;

    IncidentController(Incidents incidents) {
        this.incidents = incidents;
    }

    @GetMapping
    @Operation(summary = "Open incidents, newest first, with the case each one holds up")
    List<Incidents.IncidentView> list(@RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return incidents.list(size);
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Give the failed step one more attempt, once its cause is fixed")
    void retry(@PathVariable String id) {
        incidents.retry(id);
    }
}
