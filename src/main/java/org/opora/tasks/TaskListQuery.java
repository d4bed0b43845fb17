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
 */
public record TaskListQuery(List<String> processKeys, UUID caseId, Instant dueBefore, boolean overdue, int page, int size) {
}
