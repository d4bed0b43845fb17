package org.opora.grants.funding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opora.cases.CaseService;
import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationService;
import org.opora.tasks.FormInput;
import org.opora.tasks.JsonVariables;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task listeners of the agreement, tranches and reports (grant-application.bpmn). Each
 * reads the business key and the fields its form just submitted, and hands them to the stage's services; the
 * gateways ask those services, so the processes carry no business data. The bean names are the BPMN files'
 * delegate expressions: keep them when moving a bean.
 */
@Configuration(proxyBeanMethods = false)
class FundingDelegates {

    @Bean
    JavaDelegate prepareAgreement(FundingService funding) {
        return execution -> funding.prepareAgreement(GrantSteps.applicationId(execution));
    }

    /** On completing "Sign the agreement". */
    @Bean
    TaskListener signAgreement(FundingService funding) {
        return task -> {
            FormInput form = FormInput.of(task);
            funding.sign(GrantSteps.applicationId(task), form.text("bankAccount"), form.text("bankBik"), form.text("signatory"),
                    form.ticked("signed"), GrantSteps.actor(task));
            form.consume();
        };
    }

    @Bean
    JavaDelegate lapseGrant(FundingService funding) {
        return execution -> funding.lapse(GrantSteps.applicationId(execution));
    }

    @Bean
    JavaDelegate releaseTranche(FundingService funding) {
        return execution -> funding.releaseTranche(GrantSteps.applicationId(execution));
    }

    @Bean
    TaskListener showReportDue(FundingService funding, ApplicationService applications, MessageSource messages) {
        return task -> {
            UUID id = GrantSteps.applicationId(task);
            task.setVariableLocal("reportInfo", JsonVariables.text(ReportSheet.describeReportDue(applications.get(id),
                    funding.currentReport(id), messages)));
            // Tasklist's form shows a row per budget line, named, for the amount spent on it.
            task.setVariableLocal("spending", JsonVariables.json(applications.get(id).details().budgetLines().stream()
                    .map(line -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("item", line.item());
                        row.put("spent", null);
                        return row;
                    }).toList()));
        };
    }

    /** On completing "Submit the report". */
    @Bean
    TaskListener saveReport(FundingService funding) {
        return task -> {
            FormInput form = FormInput.of(task);
            String narrative = form.text("narrative");
            Long reached = form.number("beneficiariesReached");
            List<BigDecimal> spending = new ArrayList<>();
            List<Map<String, Object>> rows = form.rows("spending");
            for (int i = 0; i < rows.size(); i++) {
                Object spent = rows.get(i).get("spent");
                if (spent != null && !(spent instanceof Number)) {
                    form.problem("spending[" + i + "].spent", "must be a number");
                }
                spending.add(spent instanceof Number number ? new BigDecimal(number.toString()) : null);
            }
            form.requireValid();
            funding.submitReport(GrantSteps.applicationId(task), narrative, reached, spending, GrantSteps.actor(task));
            form.consume();
        };
    }

    @Bean
    JavaDelegate remindReport(FundingService funding) {
        return execution -> funding.remindReport(GrantSteps.applicationId(execution));
    }

    @Bean
    TaskListener showReport(FundingService funding, ApplicationService applications, MessageSource messages) {
        return task -> {
            UUID id = GrantSteps.applicationId(task);
            task.setVariableLocal("reportSummary", JsonVariables.text(ReportSheet.describeReport(applications.get(id),
                    funding.currentReport(id), funding.overspending(id), messages)));
        };
    }

    /** On completing "Review the report". */
    @Bean
    TaskListener reviewReport(FundingService funding) {
        return task -> {
            FormInput form = FormInput.of(task);
            String verdict = form.requiredText("verdict");
            String comment = form.text("comment");
            boolean overspendApproved = form.ticked("overspendApproved");
            form.requireValid();
            funding.reviewReport(GrantSteps.applicationId(task), "accept".equals(verdict), comment, overspendApproved, GrantSteps.actor(task));
            form.consume();
        };
    }

    /** On completing "Chase the overdue report": what staff did goes into the case's timeline. */
    @Bean
    TaskListener recordChase(CaseService cases) {
        return task -> {
            FormInput form = FormInput.of(task);
            cases.recordEvent(GrantSteps.applicationId(task), "grant-report-chased", GrantSteps.actor(task), form.text("note"));
            form.consume();
        };
    }

    @Bean
    JavaDelegate closeGrant(FundingService funding) {
        return execution -> funding.close(GrantSteps.applicationId(execution));
    }

}
