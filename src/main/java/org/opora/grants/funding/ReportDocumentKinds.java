package org.opora.grants.funding;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opora.cases.CaseRecord;
import org.opora.documents.DocumentKinds;
import org.opora.grants.application.ApplicationService;
import org.springframework.stereotype.Component;

/**
 * A grant's reports hold their evidence: each report of an application is a part of its case
 * ({@code report-1}, {@code report-2}, ...) holding receipts and photos, once the report exists.
 */
@Component
class ReportDocumentKinds implements DocumentKinds {

    static final List<String> KINDS = List.of("receipt", "photo");
    private static final Pattern REPORT = Pattern.compile("report-(\\d{1,3})");

    private final FundingService funding;

    ReportDocumentKinds(FundingService funding) {
        this.funding = funding;
    }

    /** The part of an application's case that is its report {@code number}. */
    static String part(int number) {
        return "report-" + number;
    }

    @Override
    public boolean appliesTo(CaseRecord record) {
        return ApplicationService.PROCESS_KEY.equals(record.processKey());
    }

    @Override
    public List<String> kinds(CaseRecord record) {
        return List.of();
    }

    @Override
    public List<String> partKinds(CaseRecord record, String part) {
        Matcher report = REPORT.matcher(part == null ? "" : part);
        if (!report.matches()) {
            return List.of();
        }
        int number = Integer.parseInt(report.group(1));
        return funding.reports(record.id()).stream().anyMatch(existing -> existing.number() == number) ? KINDS : List.of();
    }
}
