package org.opora.tasks;

import java.time.Instant;
import java.util.UUID;

/**
 * The filters of the task list.
 *
 * @param processKey a BPMN process id, or null for all processes
 * @param caseId     one case, or null
 * @param dueBefore  due strictly before this instant, or null
 * @param overdue    only tasks whose due date has passed
 */
public record TaskListQuery(String processKey, UUID caseId, Instant dueBefore, boolean overdue, int page, int size) {
}
