package org.opora.tasks;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.opora.organisations.OrganisationRef;

@Mapper(imports = org.opora.cases.CaseProcess.class)
interface TaskMapper {

    @Mapping(target = "id", source = "task.taskId")
    @Mapping(target = "name", source = "name")
    @Mapping(target = "taskKey", source = "task.taskKey")
    @Mapping(target = "process", expression = "java(CaseProcess.apiNameOf(processKeyOf(task)))")
    @Mapping(target = "caseId", source = "task.caseId")
    @Mapping(target = "caseTitle", source = "task.caseTitle")
    @Mapping(target = "organisation", expression = "java(organisationOf(task))")
    @Mapping(target = "created", source = "task.created")
    @Mapping(target = "due", source = "task.due")
    @Mapping(target = "followUp", source = "task.followUp")
    @Mapping(target = "assignee", source = "task.assignee")
    @Mapping(target = "formRef", source = "formRef")
    TaskItem toItem(OpenTasks.Listed task, String name, String formRef);

    /** A process definition id is {@code key:version:id}. */
    default String processKeyOf(OpenTasks.Listed task) {
        String definitionId = task.processDefinitionId();
        return definitionId == null ? null : definitionId.substring(0, definitionId.indexOf(':'));
    }

    default OrganisationRef organisationOf(OpenTasks.Listed task) {
        return task.organisationId() == null ? null : new OrganisationRef(task.organisationId(), task.organisationName());
    }
}
