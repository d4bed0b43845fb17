package org.opora.tasks;

import java.time.Instant;
import java.util.UUID;

import org.opora.organisations.OrganisationRef;

/**
 * A task as the task list shows it. {@code taskKey} is the BPMN id of its kind (the same for every
 * instance, e.g. {@code SendLetter}); {@code formRef} names the Camunda Form that describes its input.
 */
public record TaskItem(
        String id,
        String name,
        String taskKey,
        String process,
        UUID caseId,
        String caseTitle,
        OrganisationRef organisation,
        Instant created,
        Instant due,
        Instant followUp,
        String assignee,
        String formRef) {
}
