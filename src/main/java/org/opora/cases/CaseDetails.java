package org.opora.cases;

import java.time.Instant;
import java.util.List;

/** What one case shows: its record, state, open work, deadlines and history. */
public record CaseDetails(
        CaseRecord record,
        State state,
        List<String> currentSteps,
        List<OpenTask> openTasks,
        List<Deadline> deadlines,
        List<TimelineEntry> timeline) {

    /**
     * The case as someone other than staff sees it: who did or does a step is named only where it is
     * the viewer. An applicant never learns which experts review their application, nor an expert
     * who else does.
     */
    public CaseDetails namingOnly(String viewer) {
        return new CaseDetails(record, state, currentSteps,
                openTasks.stream().map(task -> new OpenTask(task.id(), task.name(), onlyIf(task.assignee(), viewer),
                        task.created(), task.due())).toList(),
                deadlines,
                timeline.stream().map(entry -> new TimelineEntry(entry.at(), entry.source(), entry.kind(), entry.title(),
                        onlyIf(entry.actor(), viewer), entry.endedAt())).toList());
    }

    private static String onlyIf(String name, String viewer) {
        return viewer.equals(name) ? name : null;
    }

    public enum State {
        ACTIVE, SUSPENDED, COMPLETED, CANCELLED;

        static State of(String engineState) {
            return switch (engineState) {
                case "COMPLETED" -> COMPLETED;
                case "SUSPENDED" -> SUSPENDED;
                case "EXTERNALLY_TERMINATED", "INTERNALLY_TERMINATED" -> CANCELLED;
                default -> ACTIVE;
            };
        }
    }

    public record OpenTask(String id, String name, String assignee, Instant created, Instant due) {
    }

    /** @param kind "task" (a task's due date) or "timer" (a waiting timer of the process) */
    public record Deadline(String kind, String name, Instant due) {
    }

    /** @param source "process" (the engine's history) or "case" (Opora's own events) */
    public record TimelineEntry(Instant at, String source, String kind, String title, String actor, Instant endedAt) {
    }
}
