package org.opora.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.opora.system.ApiException;
import org.opora.system.SystemAccess;
import org.springframework.stereotype.Service;

/**
 * Steps that failed all their retries, with the case they stopped, for administrators: the same
 * incidents Cockpit shows, and a retry once the cause is fixed.
 */
@Service
class Incidents {

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final RepositoryService repositoryService;
    private final CaseRepository cases;
    private final SystemAccess system;

    Incidents(RuntimeService runtimeService, ManagementService managementService, RepositoryService repositoryService,
            CaseRepository cases, SystemAccess system) {
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.repositoryService = repositoryService;
        this.cases = cases;
        this.system = system;
    }

    record IncidentView(String id, UUID caseId, String caseTitle, String processKey, String step, String stepName,
            String message, Instant happenedAt, boolean retryable) {
    }

    /** Open incidents, newest first, with the case each one holds up. */
    List<IncidentView> list(int size) {
        List<Incident> incidents = system.call(() -> runtimeService.createIncidentQuery().orderByIncidentTimestamp().desc()
                .listPage(0, size));
        Map<String, CaseRecord> caseByInstance = cases.findByProcessInstances(incidents.stream()
                        .map(Incident::getProcessInstanceId).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(CaseRecord::processInstanceId, Function.identity()));
        return incidents.stream().map(incident -> {
            CaseRecord record = caseByInstance.get(incident.getProcessInstanceId());
            return new IncidentView(incident.getId(), record == null ? null : record.id(), record == null ? null : record.title(),
                    record == null ? null : record.processKey(), incident.getActivityId(), stepName(incident),
                    incident.getIncidentMessage(), incident.getIncidentTimestamp().toInstant(), isFailedJob(incident));
        }).toList();
    }

    /** Gives the failed step one more attempt, once its cause is fixed; only a failed job can be retried. */
    void retry(String id) {
        Incident incident = system.call(() -> runtimeService.createIncidentQuery().incidentId(id).singleResult());
        if (incident == null) {
            throw ApiException.notFound("Incident");
        }
        if (!isFailedJob(incident)) {
            throw ApiException.conflict("Only a failed step of a process can be retried here; this incident is of type "
                    + incident.getIncidentType());
        }
        system.run(() -> managementService.setJobRetries(incident.getConfiguration(), 1));
    }

    private static boolean isFailedJob(Incident incident) {
        return Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType());
    }

    private String stepName(Incident incident) {
        FlowElement element = system.call(() -> repositoryService.getBpmnModelInstance(incident.getProcessDefinitionId())
                .getModelElementById(incident.getActivityId()));
        return element == null ? null : element.getName();
    }
}
