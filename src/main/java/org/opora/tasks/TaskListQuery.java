package org.opora.tasks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The filters of the task list.
 *
 * @param processKeys BPMN process ids, or null for all processes
 * @param caseId     one case, or null
 * @param dueBefore  due strictly before this instant, or null
 * @param overdue    only tasks whose due date has passed
 * @param after      the {@code next} cursor of the previous page, or null for the page numbered {@code page}
 * @param count      whether to count the whole list (its {@code total}); a page alone never counts
 */
public record TaskListQuery(List<String> processKeys, UUID caseId, Instant dueBefore, boolean overdue, int page, int size,
        String after, boolean count) {

    /** The first {@code size} tasks of page {@code page}, without a total. */
    public TaskListQuery(List<String> processKeys, UUID caseId, Instant dueBefore, boolean overdue, int page, int size) {
        this(processKeys, caseId, dueBefore, overdue, page, size, null, false);
    }
}
