package org.opora.tasks;

import org.camunda.bpm.engine.task.Task;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.opora.cases.CaseRecord;
import org.opora.organisations.OrganisationRef;

@Mapper(imports = org.opora.cases.CaseProcess.class)
interface TaskMapper {

    @Mapping(target = "id", source = "task.id")
    @Mapping(target = "name", source = "name")
    @Mapping(target = "taskKey", source = "task.taskDefinitionKey")
    @Mapping(target = "process", expression = "java(CaseProcess.apiNameOf(processKeyOf(task)))")
    @Mapping(target = "caseId", source = "caseRecord.id")
    @Mapping(target = "caseTitle", source = "caseRecord.title")
    @Mapping(target = "organisation", source = "organisation")
    @Mapping(target = "created", source = "task.createTime")
    @Mapping(target = "due", source = "task.dueDate")
    @Mapping(target = "followUp", source = "task.followUpDate")
    @Mapping(target = "assignee", source = "task.assignee")
    @Mapping(target = "formRef", expression = "java(task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey())")
    TaskItem toItem(Task task, String name, CaseRecord caseRecord, OrganisationRef organisation);

    /** A process definition id is {@code key:version:id}. */
    default String processKeyOf(Task task) {
        String definitionId = task.getProcessDefinitionId();
        return definitionId == null ? null : definitionId.substring(0, definitionId.indexOf(':'));
    }
}
