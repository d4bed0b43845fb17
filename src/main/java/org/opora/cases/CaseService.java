package org.opora.cases;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.opora.system.SystemAccess;
import org.opora.system.TaskNames;
import org.springframework.context.i18n.LocaleContextHolder;
import org.opora.system.Timestamps;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens cases (a row and its process instance, in one transaction) and assembles what a case shows.
 * The bean has its own name because the engine already registers its CMMN "caseService".
 */
@Service("oporaCaseService")
public class CaseService {

    /** Activity types a person reading a timeline cares about; gateways and scopes are noise. */
    private static final Set<String> TIMELINE_ACTIVITY_TYPES = Set.of("startEvent", "noneEndEvent", "endEvent",
            "userTask", "serviceTask", "sendTask", "receiveTask", "businessRuleTask", "scriptTask", "callActivity",
            "subProcess", "intermediateTimer", "boundaryTimer", "intermediateMessageCatch", "boundaryMessage",
            "messageEndEvent", "errorEndEvent", "terminateEndEvent", "intermediateSignalCatch", "boundaryError",
            "boundaryEscalation", "escalationEndEvent", "intermediateNoneThrowEvent");
    private static final int MAX_ROWS = 500;

    private final CaseRepository cases;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final RepositoryService repositoryService;
    private final SystemAccess system;
    private final Clock clock;
    private final TaskNames taskNames;
    private final CaseEventTexts eventTexts;

    public CaseService(CaseRepository cases, RuntimeService runtimeService, HistoryService historyService,
            TaskService taskService, ManagementService managementService, RepositoryService repositoryService,
            SystemAccess system, Clock clock, TaskNames taskNames, CaseEventTexts eventTexts) {
        this.taskNames = taskNames;
        this.eventTexts = eventTexts;
        this.cases = cases;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.repositoryService = repositoryService;
        this.system = system;
        this.clock = clock;
    }

    /**
     * Opens a case and starts its process with the case id as business key. The caller has decided
     * that the user may do this, so the engine runs it without the user's authorizations.
     */
    @Transactional
    public CaseRecord open(String processKey, UUID centreId, UUID organisationId, String title, String createdBy) {
        return open(processKey, centreId, organisationId, title, createdBy, caseId -> { });
    }

    /**
     * Opens a case as above, first letting the feature write its own row for the case (its first task
     * may read it as it is created).
     */
    @Transactional
    public CaseRecord open(String processKey, UUID centreId, UUID organisationId, String title, String createdBy,
            Consumer<UUID> beforeProcessStarts) {
        return open(UUID.randomUUID(), processKey, centreId, organisationId, title, createdBy, beforeProcessStarts);
    }

    /** Opens a case with the id the feature already gave its own record. */
    @Transactional
    public CaseRecord open(UUID id, String processKey, UUID centreId, UUID organisationId, String title, String createdBy,
            Consumer<UUID> beforeProcessStarts) {
        CaseRecord record = new CaseRecord(id, processKey, null, centreId, organisationId, title,
                createdBy, clock.instant());
        cases.insert(record);
        recordEvent(record.id(), "opened", createdBy, title);
        beforeProcessStarts.accept(record.id());
        ProcessInstance instance = system.call(() -> CaseTenants.startingFor(centreId,
                () -> runtimeService.startProcessInstanceByKey(processKey, record.businessKey())));
        cases.attachProcessInstance(record.id(), instance.getId());
        return cases.find(record.id()).orElseThrow();
    }

    /** The organisation a case belongs to; for feature code that opens a case linked to another. */
    public UUID organisationOf(UUID caseId) {
        return cases.find(caseId).map(CaseRecord::organisationId)
                .orElseThrow(() -> new IllegalStateException("No case " + caseId));
    }

    public UUID centreOf(UUID caseId) {
        return cases.find(caseId).map(CaseRecord::centreId)
                .orElseThrow(() -> new IllegalStateException("No case " + caseId));
    }

    /** An event whose sentence has no parameters; {@code detail} is what a person typed (data, shown as typed). */
    @Transactional
    public void recordEvent(UUID caseId, String kind, String actor, String detail) {
        recordEvent(caseId, kind, actor, detail, new Object[0]);
    }

    /**
     * An event: its code, who, what a person typed ({@code detail}, or null) and the parameters of its sentence
     * {@code event.<kind>} ({@code i18n/events}): numbers, dates, codes, {@link org.opora.system.Text}s of a
     * feature's bundle, {@link CaseEventTexts.TaskRef}s and {@link CaseEventTexts.Joined} lists. The sentence is
     * rendered when read, in the reader's language; nothing a person reads is stored as a sentence.
     */
    @Transactional
    public void recordEvent(UUID caseId, String kind, String actor, String detail, Object... args) {
        cases.insertEvent(new CaseEvent(UUID.randomUUID(), caseId, clock.instant(), kind, actor, detail,
                CaseEventTexts.toJson(args)));
    }

    /** Everything about one case that its reader may see; the caller checked access with {@link CaseAccess}. */
    public CaseDetails details(CaseRecord record) {
        return system.call(() -> {
            String instanceId = record.processInstanceId();
            HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceId(instanceId).singleResult();
            List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
                    .processInstanceId(instanceId).orderByHistoricActivityInstanceStartTime().asc()
                    .orderPartiallyByOccurrence().asc().listPage(0, MAX_ROWS);
            List<Task> openTasks = taskService.createTaskQuery().processInstanceId(instanceId)
                    .orderByTaskCreateTime().asc().listPage(0, MAX_ROWS);
            List<Job> timers = managementService.createJobQuery().processInstanceId(instanceId).timers()
                    .orderByJobDuedate().asc().listPage(0, MAX_ROWS);

            List<String> currentSteps = activities.stream()
                    .filter(activity -> activity.getEndTime() == null && TIMELINE_ACTIVITY_TYPES.contains(activity.getActivityType()))
                    .map(this::nameOf).toList();
            List<CaseDetails.OpenTask> tasks = openTasks.stream()
                    .map(task -> new CaseDetails.OpenTask(task.getId(), taskName(task), task.getAssignee(),
                            Timestamps.fromEngine(task.getCreateTime()), Timestamps.fromEngine(task.getDueDate())))
                    .toList();
            List<CaseDetails.Deadline> deadlines = new ArrayList<>();
            openTasks.stream().filter(task -> task.getDueDate() != null).forEach(task -> deadlines.add(
                    new CaseDetails.Deadline("task", taskName(task), Timestamps.fromEngine(task.getDueDate()))));
            Map<String, String> timerActivities = timers.isEmpty() ? Map.of()
                    : managementService.createJobDefinitionQuery().processDefinitionId(timers.get(0).getProcessDefinitionId())
                            .listPage(0, MAX_ROWS).stream()
                            .collect(Collectors.toMap(JobDefinition::getId, JobDefinition::getActivityId));
            timers.forEach(job -> deadlines.add(new CaseDetails.Deadline("timer",
                    elementName(job.getProcessDefinitionId(), timerActivities.get(job.getJobDefinitionId())),
                    Timestamps.fromEngine(job.getDuedate()))));
            deadlines.sort(Comparator.comparing(CaseDetails.Deadline::due));

            List<CaseDetails.TimelineEntry> timeline = new ArrayList<>();
            activities.stream().filter(activity -> TIMELINE_ACTIVITY_TYPES.contains(activity.getActivityType()))
                    .forEach(activity -> timeline.add(new CaseDetails.TimelineEntry(
                            Timestamps.fromEngine(activity.getStartTime()), "process", activity.getActivityType(),
                            nameOf(activity), activity.getAssignee(), Timestamps.fromEngine(activity.getEndTime()))));
            cases.findEvents(record.id()).forEach(event -> timeline.add(new CaseDetails.TimelineEntry(
                    event.occurredAt(), "case", event.kind(), eventTexts.title(event, LocaleContextHolder.getLocale()),
                    event.actor(), null)));
            timeline.sort(Comparator.comparing(CaseDetails.TimelineEntry::at));

            CaseDetails.State state = instance == null ? CaseDetails.State.ACTIVE
                    : CaseDetails.State.of(instance.getState());
            return new CaseDetails(record, state, currentSteps, tasks, deadlines, timeline);
        });
    }

    private String nameOf(HistoricActivityInstance activity) {
        String name = activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
        return taskNames.of(activity.getActivityId(), name, LocaleContextHolder.getLocale());
    }

    /** A timer is named after its event in the diagram (a boundary event has no history until it fires). */
    private String elementName(String processDefinitionId, String activityId) {
        if (activityId == null) {
            return "timer";
        }
        ModelElementInstance element = repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
        String name = element == null ? null : element.getAttributeValue("name");
        return taskNames.of(activityId, name != null ? name : activityId, LocaleContextHolder.getLocale());
    }

    /** For {@link CaseAccess}-checked lists. */
    /** @param processKeys the processes to list, or null for all */
    public CasePage page(CaseScope scope, List<String> processKeys, int page, int size, boolean count) {
        List<CaseRecord> found = cases.findPage(scope, processKeys, page * size, size + 1);
        boolean hasMore = found.size() > size;
        return new CasePage(hasMore ? found.subList(0, size) : found, page, size, count ? cases.count(scope, processKeys) : null,
                hasMore);
    }

    /** In the reader's language (the request's). */
    private String taskName(Task task) {
        return taskNames.of(task.getTaskDefinitionKey(), task.getName(), LocaleContextHolder.getLocale());
    }

    /** {@code total} only if counted; {@code hasMore} from one row read beyond the page, never from a count (ADR 26). */
    public record CasePage(List<CaseRecord> items, int page, int size, Long total, boolean hasMore) {
    }
}
