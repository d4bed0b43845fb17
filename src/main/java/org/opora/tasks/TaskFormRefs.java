package org.opora.tasks;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.opora.system.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * The Camunda Form a kind of task is bound to ({@code camunda:formRef}), read from its deployed process
 * definition once per definition and task kind: a deployed definition never changes. The task list
 * reads its page in one statement (ADR 31) and takes the form's id from here instead of the engine's
 * task query with {@code initializeFormKeys()}, which gives the same id for a fixed {@code formRef}.
 */
@Component
class TaskFormRefs {

    /** What is known of a kind of task: its form's id if fixed, or that it is an expression to evaluate per task. */
    record Known(Optional<String> formRef, boolean perTask) {
    }

    private final RepositoryService repository;
    private final SystemAccess system;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    TaskFormRefs(RepositoryService repository, SystemAccess system) {
        this.repository = repository;
        this.system = system;
    }

    /** @return the form's id of this kind of task, or {@link Known#perTask()} if its {@code formRef} is an expression */
    Known of(String processDefinitionId, String taskKey) {
        if (processDefinitionId == null || taskKey == null) {
            return new Known(Optional.empty(), false);
        }
        return known.computeIfAbsent(processDefinitionId + "\n" + taskKey, key -> read(processDefinitionId, taskKey));
    }

    private Known read(String processDefinitionId, String taskKey) {
        ProcessDefinitionEntity definition = (ProcessDefinitionEntity) system.call(() ->
                ((RepositoryServiceImpl) repository).getDeployedProcessDefinition(processDefinitionId));
        TaskDefinition task = definition.getTaskDefinitions().get(taskKey);
        if (task == null || task.getFormKey() != null || task.getCamundaFormDefinitionKey() == null
                || task.getCamundaFormDefinitionBinding() == null) {
            // A form key instead of a form ref is not a Camunda Form: the list shows none, as it did from the engine's task.
            return new Known(Optional.empty(), false);
        }
        Expression formRef = task.getCamundaFormDefinitionKey();
        String text = formRef.getExpressionText();
        boolean fixed = text != null && !text.contains("${") && !text.contains("#{");
        return fixed ? new Known(Optional.of(text), false) : new Known(Optional.empty(), true);
    }
}
