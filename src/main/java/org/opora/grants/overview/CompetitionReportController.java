package org.opora.grants.overview;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationService;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.committee.CommitteeService;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.grants.funding.FundingService;
import org.opora.grants.review.Review;
import org.opora.grants.review.ReviewService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.system.OporaTime;
import org.opora.system.CsvCells;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/grants/competitions/{id}")
@Tag(name = "Grant competitions")
class CompetitionReportController {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CompetitionService competitions;
    private final ApplicationService applications;
    private final ReviewService reviews;
    private final FundingService funding;
    private final OrganisationRepository organisations;
    private final CaseAccess access;
    private final OporaTime time;

    CompetitionReportController(CompetitionService competitions, ApplicationService applications, ReviewService reviews,
            FundingService funding, OrganisationRepository organisations, CaseAccess access,
            OporaTime time) {
        this.competitions = competitions;
        this.applications = applications;
        this.reviews = reviews;
        this.funding = funding;
        this.organisations = organisations;
        this.access = access;
        this.time = time;
    }

    record Admission(UUID applicationId, String projectTitle, String organisation, GrantApplication.State state,
            List<String> reasons) {
    }

    record LateReview(String expert, LocalDate dueOn) {
    }

    record ReviewProgress(UUID applicationId, String projectTitle, long submitted, long expected, List<LateReview> late) {
    }

    record RankedRow(int rank, UUID applicationId, String projectTitle, String organisation, BigDecimal score,
            BigDecimal passMark, BigDecimal requested, GrantApplication.Decision decision, BigDecimal approved) {
    }

    record OverdueReport(UUID applicationId, String projectTitle, int number, boolean finalReport, LocalDate dueOn) {
    }

    record Dashboard(UUID competitionId, String title, Map<GrantApplication.State, Long> countsByState,
            List<Admission> admission, List<ReviewProgress> reviewProgress, List<RankedRow> ranking, BigDecimal budgetPool,
            BigDecimal committed, BigDecimal left, List<OverdueReport> overdueReports) {
    }

    @GetMapping("/dashboard")
    @Operation(summary = "Where a competition stands (staff)",
            description = "Counts by state, admission results, review progress with late reviews, the ranked list, money "
                    + "committed against the pool, and overdue reports.")
    Dashboard dashboard(@PathVariable UUID id) {
        Competition competition = staffCompetition(id);
        // A competition has thousands of applications: each part below is computed from these few reads, no query per application.
        List<GrantApplication> all = applications.ofCompetition(id);
        Map<UUID, GrantApplication> byId = all.stream().collect(Collectors.toMap(GrantApplication::id, Function.identity()));
        Map<UUID, Organisation> organisationById = organisations.findAllById(all.stream().map(GrantApplication::organisationId).toList());
        Map<UUID, List<Review>> reviewsByApplication = reviews.ofCompetition(id).stream()
                .collect(Collectors.groupingBy(Review::applicationId, LinkedHashMap::new, Collectors.toList()));
        Map<GrantApplication.State, Long> counts = new LinkedHashMap<>();
        for (GrantApplication.State state : GrantApplication.State.values()) {
            long count = all.stream().filter(a -> a.state() == state).count();
            if (count > 0) {
                counts.put(state, count);
            }
        }
        LocalDate today = time.today();
        List<Admission> admission = all.stream().filter(a -> a.submittedAt() != null)
                .map(a -> new Admission(a.id(), a.details().projectTitle(), organisationName(organisationById, a), a.state(),
                        a.admissionReasons()))
                .toList();
        List<ReviewProgress> progress = new ArrayList<>();
        for (GrantApplication application : all) {
            List<Review> its = reviewsByApplication.getOrDefault(application.id(), List.of());
            if (its.isEmpty()) {
                continue;
            }
            long submitted = its.stream().filter(r -> r.state() == Review.State.SUBMITTED).count();
            long expected = its.stream().filter(r -> r.state() == Review.State.SUBMITTED || r.isOpen()).count();
            List<LateReview> late = its.stream().filter(r -> r.isOpen() && r.dueOn().isBefore(today))
                    .map(r -> new LateReview(r.expertId(), r.dueOn())).toList();
            progress.add(new ReviewProgress(application.id(), application.details().projectTitle(), submitted, expected, late));
        }
        BigDecimal committed = CommitteeService.committed(all);
        List<OverdueReport> overdue = funding.overdueReports(id).stream()
                .map(r -> new OverdueReport(r.applicationId(), byId.get(r.applicationId()).details().projectTitle(),
                        r.number(), r.finalReport(), r.dueOn()))
                .toList();
        return new Dashboard(id, competition.title(), counts, admission, progress,
                ranked(CommitteeService.ranking(all), organisationById), competition.budgetPool(), committed,
                competition.budgetPool().subtract(committed), overdue);
    }

    @GetMapping("/ranking")
    @Operation(summary = "Applications above the pass mark, best first, with the committee's decisions (staff)")
    List<RankedRow> ranking(@PathVariable UUID id) {
        staffCompetition(id);
        return ranked(id);
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

    private List<RankedRow> ranked(UUID id) {
        List<GrantApplication> all = applications.ofCompetition(id);
        return ranked(CommitteeService.ranking(all),
                organisations.findAllById(all.stream().map(GrantApplication::organisationId).toList()));
    }

    private static List<RankedRow> ranked(List<CommitteeService.Ranked> ranking, Map<UUID, Organisation> organisationById) {
        return ranking.stream().map(r -> {
            GrantApplication a = r.application();
            return new RankedRow(r.rank(), a.id(), a.details().projectTitle(), organisationName(organisationById, a), a.finalScore(),
                    a.passMark(), a.details().requestedAmount(), a.decision(), a.approvedAmount());
        }).toList();
    }

    private List<List<Object>> rankingTable(UUID id) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("rank", "application", "project", "organisation", "score", "pass_mark", "requested", "decision",
                "approved"));
        for (RankedRow r : ranked(id)) {
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
