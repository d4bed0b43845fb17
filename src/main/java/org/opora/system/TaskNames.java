package org.opora.system;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A user task's name in the reader's language. The BPMN name is Russian (what Tasklist and Cockpit
 * show); other languages come from the bundle {@code i18n/tasks}, keyed by the task definition key,
 * so a modeller who renames a task in Russian keeps its translation.
 */
@Component
public class TaskNames {

    private final MessageSource messages;

    public TaskNames(MessageSource messages) {
        this.messages = messages;
    }

    public String of(String taskDefinitionKey, String bpmnName, Locale locale) {
        if (taskDefinitionKey == null) {
            return bpmnName;
        }
        return messages.getMessage("task." + taskDefinitionKey, null, bpmnName, locale);
    }
}
