package org.opora.correspondence;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opora.cases.CaseAccess;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.ProblemType;
import org.opora.system.CsvCells;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** How public bodies answer, for staff; the letters as CSV; and the due dates as a calendar feed. */
@RestController
@RequestMapping("/api/letters")
@Tag(name = "Letters")
class LetterReportController {

    private static final DateTimeFormatter ICS_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final LetterService letters;
    private final PublicBodyRegistry registry;
    private final CaseAccess access;
    private final OporaTime time;

    private final LetterStatistics statistics;

    LetterReportController(LetterService letters, PublicBodyRegistry registry, CaseAccess access, OporaTime time,
            LetterStatistics statistics) {
        this.statistics = statistics;
        this.letters = letters;
        this.registry = registry;
        this.access = access;
        this.time = time;
    }

    @GetMapping("/statistics")
    @Operation(summary = "Per public body: letters, answers on time, average answer time, overdue letters (staff)")
    List<LetterStatistics.BodyStatistics> statistics() {
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Statistics are for the resource centre's staff");
        }
        return statistics.of(access.currentScope());
    }

    @GetMapping(value = "/export.csv", produces = "text/csv")
    @Operation(summary = "The letters I may see, as CSV", description = "With overdue=true, only the overdue ones.")
    ResponseEntity<String> export(@RequestParam(defaultValue = "false") boolean overdue) throws IOException {
        LocalDate today = today();
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setHeader("id", "body", "subject", "request_kind",
                "channel", "sent_on", "registration_number", "registered_on", "answer_due", "extended", "answered_on",
                "answer_rating").get())) {
            for (Letter letter : letters.all(access.currentScope())) {
                if (overdue && letter.stateOn(today) != Letter.State.OVERDUE) {
                    continue;
                }
                printer.printRecord(CsvCells.inert(letter.id(), registry.find(letter.bodyId()).map(PublicBody::name).orElse(""),
                        letter.subject(), letter.requestKind(), letter.channel(), letter.sentOn(), letter.registrationNumber(),
                        letter.registeredOn(), letter.answerDue(), letter.extended(), letter.answeredOn(), letter.answerRating()));
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"letters.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    @GetMapping(value = "/calendar.ics", produces = "text/calendar")
    @Operation(summary = "The answer due dates of my letters as an iCalendar feed (RFC 5545)")
    ResponseEntity<String> calendar() {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Opora//Letters//RU");
        line(ics, "X-WR-CALNAME:" + escape("Opora: answers due"));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(time.now());
        for (Letter letter : letters.all(access.currentScope())) {
            if (letter.answerDue() == null || letter.answeredOn() != null) {
                continue;
            }
            String body = registry.find(letter.bodyId()).map(PublicBody::name).orElse("");
            line(ics, "BEGIN:VEVENT");
            line(ics, "UID:letter-" + letter.id() + "@opora");
            line(ics, "DTSTAMP:" + stamp);
            line(ics, "DTSTART;VALUE=DATE:" + ICS_DATE.format(letter.answerDue()));
            line(ics, "DTEND;VALUE=DATE:" + ICS_DATE.format(letter.answerDue().plusDays(1)));
            line(ics, "SUMMARY:" + escape("Answer due: " + letter.subject()));
            line(ics, "DESCRIPTION:" + escape(body + (letter.registrationNumber() == null ? ""
                    : ", No. " + letter.registrationNumber()) + (letter.extended() ? ", extended" : "")));
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ResponseEntity.ok().contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .body(ics.toString());
    }

    private LocalDate today() {
        return time.today();
    }

    /** RFC 5545 text: backslash, semicolon, comma and line breaks escaped. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n");
    }

    /** A content line, folded before 75 octets of UTF-8 as RFC 5545 asks, ending in CRLF. */
    private static void line(StringBuilder ics, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            if (octets + size > 75) {
                ics.append("\r\n ");
                octets = 1;
            }
            ics.append(c);
            octets += size;
        }
        ics.append("\r\n");
    }
}
