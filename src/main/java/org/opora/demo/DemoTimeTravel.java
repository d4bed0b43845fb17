package org.opora.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.opora.system.ApiException;
import org.opora.system.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Time travel for showing the demo: an administrator moves the engine clock (which is Opora's
 * clock too) forward, and every job that falls due on the way runs at once, so a resource centre
 * sees a deadline pass without waiting a month. Only in the demo profile: a real installation's
 * clock is the wall clock, so this controller does not exist in the postgres profile.
 */
@RestController
@RequestMapping("/api/admin/demo/clock")
@Profile("demo & !postgres")
@Tag(name = "Demo", description = "Only in the demo profile: move time forward to show what deadlines do")
class DemoTimeTravel {

    /** Enough for a month of a demo's timers and their continuations; a loop of jobs cannot hang the request. */
    private static final int MAX_JOBS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(DemoTimeTravel.class);

    private final ManagementService managementService;
    private final SystemAccess system;

    DemoTimeTravel(ManagementService managementService, SystemAccess system) {
        this.managementService = managementService;
        this.system = system;
    }

    record Travel(@Min(0) @Max(400) int days, @Min(0) @Max(23) int hours) {
    }

    record Now(Instant now, long offsetDays, int jobsExecuted, int jobsFailed) {
    }

    @GetMapping
    @Operation(summary = "The demo's current time and how far it is ahead of the wall clock (ADMIN)")
    Now now() {
        return view(0, 0);
    }

    @PostMapping
    @Operation(summary = "Move the demo's clock forward and run every job that falls due (ADMIN)",
            description = "Timers (answer deadlines, review periods, reminders) fire as they would have on their dates; "
                    + "mail dispatch and task reminders follow the same clock. Time never moves back.")
    Now travel(@Valid @RequestBody Travel travel) {
        Duration step = Duration.ofDays(travel.days()).plusHours(travel.hours());
        if (step.isZero()) {
            throw ApiException.invalid("days", "move the clock by at least an hour");
        }
        long offset = offsetMillis() + step.toMillis();
        ClockUtil.offset(offset);
        log.info("Demo clock moved forward by {}; now {}", step, ClockUtil.getCurrentTime().toInstant());
        int executed = 0;
        int failed = 0;
        while (executed + failed < MAX_JOBS) {
            List<Job> due = system.call(() -> managementService.createJobQuery().executable().listPage(0, 100));
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                try {
                    system.run(() -> managementService.executeJob(job.getId()));
                    executed++;
                } catch (RuntimeException failure) {
                    // The engine has lowered the job's retries (an incident at zero); the demo goes on.
                    log.warn("Demo time travel: job {} failed: {}", job.getId(), failure.getMessage());
                    failed++;
                }
            }
        }
        return view(executed, failed);
    }

    private Now view(int executed, int failed) {
        // The two clocks are read one after the other: the offset is a few milliseconds off a whole day.
        long offsetDays = Math.round(offsetMillis() / (double) Duration.ofDays(1).toMillis());
        return new Now(ClockUtil.getCurrentTime().toInstant(), offsetDays, executed, failed);
    }

    private static long offsetMillis() {
        return ClockUtil.getCurrentTime().getTime() - System.currentTimeMillis();
    }
}
