package org.opora.grants.overview;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationRepository;
import org.opora.grants.application.ApplicationService;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.committee.CommitteeService;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.grants.funding.FundingService;
import org.opora.grants.review.ReviewService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.system.CsvCells;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Validated
@RequestMapping("/api/grants/competitions/{id}")
@Tag(name = "Grant competitions")
class CompetitionReportController {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CompetitionService competitions;
    private final ApplicationService applications;
    private final ReviewService reviews;
    private final CommitteeService committee;
    private final FundingService funding;
    private final OrganisationRepository organisations;
    private final CaseAccess access;

    CompetitionReportController(CompetitionService competitions, ApplicationService applications, ReviewService reviews,
            CommitteeService committee, FundingService funding, OrganisationRepository organisations, CaseAccess access) {
        this.competitions = competitions;
        this.applications = applications;
        this.reviews = reviews;
        this.committee = committee;
        this.funding = funding;
        this.organisations = organisations;
        this.access = access;
    }

    /** The dashboard shows the head of the ranking and of the late reviews; their whole lists are paged or exported. */
    static final int HEAD = 50;

    /**
     * A competition at a glance: figures, and lists cut to their head, so that its size does not grow with the
     * competition (docs/performance.md, 7); the long lists are {@code /admission}, {@code /review-progress}, {@code /ranking}.
     */
    record Dashboard(UUID competitionId, String title, Map<GrantApplication.State, Long> countsByState,
            ApplicationRepository.AdmissionCounts admission, ReviewService.ReviewTotals reviews,
            List<ReviewService.LateRow> lateReviews, List<ApplicationRepository.RankedRow> ranking, long rankedCount,
            BigDecimal budgetPool, BigDecimal committed, BigDecimal left, List<FundingService.OverdueReport> overdueReports) {
    }

    /** {@code total} only when asked for ({@code count=true}); {@code hasMore} says whether rows follow (ADR 26). */
    record RowPage<T>(List<T> items, int page, int size, @JsonInclude(JsonInclude.Include.NON_NULL) Long total, boolean hasMore) {

        /** From a page read with one row more than its size, to tell whether more follow. */
        static <T> RowPage<T> of(List<T> found, int page, int size, Long total) {
            boolean hasMore = found.size() > size;
            return new RowPage<>(hasMore ? found.subList(0, size) : found, page, size, total, hasMore);
        }
    }

    @GetMapping("/dashboard")
    @Operation(summary = "Where a competition stands (staff)",
            description = "Counts by state, admission in figures, review totals with the late reviews (at most 50, longest "
                    + "overdue first), the first 50 of the ranking and how many are ranked, money committed against the pool, "
                    + "and overdue reports. The whole lists: /admission, /review-progress (paged), /ranking (and .csv, .xlsx).")
    Dashboard dashboard(@PathVariable UUID id) {
        Competition competition = staffCompetition(id);
        // A competition has thousands of applications: each part is its own projection, counted in SQL where it is a count,
        // with only the columns shown (ADR 33); none reads an application's budget lines, attachments or review scores.
        BigDecimal committed = committee.committed(id);
        return new Dashboard(id, competition.title(), applications.countsByState(id), applications.admissionCounts(id),
                reviews.progressTotals(id), reviews.lateReviews(id, HEAD), applications.ranking(id, HEAD),
                applications.rankedCount(id), competition.budgetPool(), committed, competition.budgetPool().subtract(committed),
                funding.overdueReports(id));
    }

    @GetMapping("/admission")
    @Operation(summary = "The admission result of each submitted application, in order of submission (staff, paged)")
    RowPage<ApplicationRepository.Admission> admission(@PathVariable UUID id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @Parameter(description = "Also count the whole list (total); pages alone say only hasMore")
            @RequestParam(defaultValue = "false") boolean count) {
        staffCompetition(id);
        return RowPage.of(applications.admissionPage(id, page * size, size + 1), page, size,
                count ? applications.admissionCounts(id).submitted() : null);
    }

    @GetMapping("/review-progress")
    @Operation(summary = "Each reviewed application's reviews submitted of those expected, and its late ones, in order of "
            + "submission (staff, paged)")
    RowPage<ReviewService.ReviewProgress> reviewProgress(@PathVariable UUID id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @Parameter(description = "Also count the whole list (total); pages alone say only hasMore")
            @RequestParam(defaultValue = "false") boolean count) {
        staffCompetition(id);
        return RowPage.of(reviews.progressPage(id, page * size, size + 1), page, size, count ? reviews.progressCount(id) : null);
    }

    @GetMapping("/ranking")
    @Operation(summary = "Applications above the pass mark, best first, with the committee's decisions (staff)")
    List<ApplicationRepository.RankedRow> ranking(@PathVariable UUID id) {
        staffCompetition(id);
        return applications.ranking(id);
    }

    @GetMapping(value = "/ranking.csv", produces = "text/csv")
    @Operation(summary = "The ranked list as CSV (staff)")
    ResponseEntity<String> rankingCsv(@PathVariable UUID id) throws IOException {
        staffCompetition(id);
        return csv("ranking.csv", rankingTable(id));
    }

    @GetMapping(value = "/ranking.xlsx")
    @Operation(summary = "The ranked list as an XLSX spreadsheet (staff)")
    ResponseEntity<byte[]> rankingXlsx(@PathVariable UUID id) throws IOException {
        staffCompetition(id);
        return xlsx("ranking.xlsx", "Ranking", rankingTable(id));
    }

    @GetMapping(value = "/applications.csv", produces = "text/csv")
    @Operation(summary = "All applications of the competition as CSV (staff)")
    ResponseEntity<String> applicationsCsv(@PathVariable UUID id) throws IOException {
        staffCompetition(id);
        return csv("applications.csv", applicationsTable(id));
    }

    @GetMapping(value = "/applications.xlsx")
    @Operation(summary = "All applications of the competition as an XLSX spreadsheet (staff)")
    ResponseEntity<byte[]> applicationsXlsx(@PathVariable UUID id) throws IOException {
        staffCompetition(id);
        return xlsx("applications.xlsx", "Applications", applicationsTable(id));
    }

    private List<List<Object>> rankingTable(UUID id) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("rank", "application", "project", "organisation", "score", "pass_mark", "requested", "decision",
                "approved"));
        for (ApplicationRepository.RankedRow r : applications.ranking(id)) {
            rows.add(java.util.Arrays.asList(r.rank(), r.applicationId(), r.projectTitle(), r.organisation(), r.score(),
                    r.passMark(), r.requested(), r.decision(), r.approved()));
        }
        return rows;
    }

    private List<List<Object>> applicationsTable(UUID id) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("application", "organisation", "inn", "project", "region", "state", "requested", "months",
                "beneficiaries", "submitted_at", "admission_reasons", "score", "pass_mark", "decision", "approved"));
        List<GrantApplication> all = applications.ofCompetition(id);
        Map<UUID, Organisation> organisationById = organisations.findAllById(all.stream().map(GrantApplication::organisationId).toList());
        for (GrantApplication a : all) {
            GrantApplication.Details d = a.details();
            rows.add(java.util.Arrays.asList(a.id(), organisationName(organisationById, a), d.inn(), d.projectTitle(), d.region(), a.state(),
                    d.requestedAmount(), d.durationMonths(), d.beneficiaries(), a.submittedAt(),
                    String.join("; ", a.admissionReasons()), a.finalScore(), a.passMark(), a.decision(), a.approvedAmount()));
        }
        return rows;
    }

    private static ResponseEntity<String> csv(String name, List<List<Object>> table) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            for (List<Object> row : table) {
                printer.printRecord(CsvCells.inert(row));
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out.toString());
    }

    private static ResponseEntity<byte[]> xlsx(String name, String sheet, List<List<Object>> table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Opora", "1.0");
        Worksheet worksheet = workbook.newWorksheet(sheet);
        for (int r = 0; r < table.size(); r++) {
            List<Object> row = table.get(r);
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c);
                if (value instanceof Number number) {
                    worksheet.value(r, c, number);
                } else if (value != null) {
                    worksheet.value(r, c, value.toString());
                }
            }
        }
        workbook.finish();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(XLSX)
                .body(out.toByteArray());
    }

    private Competition staffCompetition(UUID id) {
        GrantSteps.requireStaff();
        return competitions.visible(id, access.currentScope(), null);
    }

    private static String organisationName(Map<UUID, Organisation> organisationById, GrantApplication application) {
        Organisation organisation = organisationById.get(application.organisationId());
        return organisation == null ? null : organisation.name();
    }
}
