package org.opora.correspondence;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.opora.calendar.DeadlineService;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseScope;
import org.opora.cases.CaseService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.SystemAccess;
import org.opora.system.Text;
import org.opora.system.SystemConfiguration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A letter's life outside the engine: its row, and the dates its process waits for. The process
 * ({@code processes/correspondence.bpmn}) decides what happens next; its delegates call this.
 */
@Service
public class LetterService {

    public static final String PROCESS_KEY = "correspondence";
    /** The message the process waits for while it awaits the answer (see correspondence.bpmn). */
    static final String FORWARDED_MESSAGE = "LetterForwarded";
    static final String DOCUMENTS_MESSAGE = "DocumentsRequested";
    /** The organisation's task after an overdue answer; done once the complaint is a letter of its own. */
    static final String REVIEW_COMPLAINT = "ReviewComplaint";

    private final LetterRepository letters;
    private final PublicBodyRegistry registry;
    private final OrganisationRepository organisations;
    private final CaseService cases;
    private final DeadlineService deadlines;
    private final OporaTime time;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final SystemAccess system;

    LetterService(LetterRepository letters, PublicBodyRegistry registry, OrganisationRepository organisations,
            CaseService cases, DeadlineService deadlines, OporaTime time,
            RuntimeService runtimeService, TaskService taskService, SystemAccess system) {
        this.letters = letters;
        this.registry = registry;
        this.organisations = organisations;
        this.cases = cases;
        this.deadlines = deadlines;
        this.time = time;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.system = system;
    }

    /**
     * @param cosigners   other organisations or people who sign a collective letter
     * @param attachments what the letter encloses, one line each ("Budget, 2 pages")
     */
    public record NewLetter(UUID bodyId, String subject, String topic, String text, LetterTiming.RequestKind requestKind,
            LocalDate neededBy, String region, List<String> cosigners, List<String> attachments) {
    }

    /** Opens the letter's case and process for the writer's organisation. */
    @Transactional
    public Letter draft(UUID organisationId, String writer, NewLetter draft) {
        return draft(organisationId, writer, draft, null, Letter.Kind.LETTER);
    }

    /**
     * A new letter after a partial answer or a refusal, to the same body, linked to the first; it
     * has its own case and its own clock.
     */
    @Transactional
    public Letter followUp(UUID parentId, String writer, String subject, String text) {
        Letter parent = get(parentId);
        if (parent.answerRating() != Letter.Rating.PARTIAL && parent.answerRating() != Letter.Rating.REFUSAL) {
            throw ApiException.conflict("A follow-up letter answers a partial answer or a refusal");
        }
        UUID organisationId = cases.organisationOf(parentId);
        return draft(organisationId, writer, new NewLetter(parent.bodyId(), subject != null ? subject : "Re: " + parent.subject(),
                parent.topic(), text, parent.requestKind(), null, parent.region(), parent.cosigners(), List.of()),
                parentId, Letter.Kind.FOLLOW_UP);
    }

    /** The drafted complaint about an overdue answer becomes a letter of its own to the complaint's addressee. */
    @Transactional
    public Letter complaint(UUID parentId, String writer) {
        return complaint(parentId, writer, null);
    }

    /**
     * The same, with the text as the organisation edited it after reading the draft; a blank text
     * keeps the draft.
     */
    @Transactional
    public Letter complaint(UUID parentId, String writer, String editedText) {
        Letter complaint = makeComplaint(parentId, writer, editedText);
        // The organisation's task "Review and send the complaint" is what this did.
        system.run(() -> taskService.createTaskQuery().processInstanceBusinessKey(parentId.toString())
                .taskDefinitionKey(REVIEW_COMPLAINT).list().forEach(task -> taskService.complete(task.getId())));
        return complaint;
    }

    /** Completing "Review and send the complaint" in Tasklist makes the complaint, unless the API already did. */
    @Transactional
    public void complaintReviewed(UUID parentId, String writer) {
        if (!letters.hasChild(parentId, Letter.Kind.COMPLAINT)) {
            makeComplaint(parentId, writer, null);
        }
    }

    /** The complaint made about this letter, if one was made. */
    public Optional<UUID> complaintAbout(UUID parentId) {
        return letters.childOf(parentId, Letter.Kind.COMPLAINT);
    }

    private Letter makeComplaint(UUID parentId, String writer, String editedText) {
        Letter parent = get(parentId);
        if (parent.complaintDraft() == null) {
            throw ApiException.conflict("There is no complaint: the answer is not overdue");
        }
        if (letters.hasChild(parentId, Letter.Kind.COMPLAINT)) {
            throw ApiException.conflict("The complaint about this letter has already been made");
        }
        PublicBody addressee = registry.complaintAddressee(parent.bodyId()).orElseThrow().addressee()
                .orElseThrow(() -> ApiException.conflict("The registry has neither a superior body nor a prosecutor's office "
                        + "for this body; add one, then try again"));
        Letter complaint = draft(cases.organisationOf(parentId), writer, new NewLetter(addressee.id(),
                ComplaintDraft.subject(parent, SystemConfiguration.RUSSIAN), parent.topic(),
                editedText == null || editedText.isBlank() ? ComplaintDraft.text(complaintFacts(parent), SystemConfiguration.RUSSIAN)
                        : editedText.strip(), LetterTiming.RequestKind.ANSWER, null,
                parent.region(), parent.cosigners(), List.of()), parentId, Letter.Kind.COMPLAINT);
        return complaint;
    }

    private Letter draft(UUID organisationId, String writer, NewLetter draft, UUID parentId, Letter.Kind kind) {
        Organisation organisation = organisations.find(organisationId)
                .orElseThrow(() -> new IllegalStateException("No organisation " + organisationId));
        registry.find(draft.bodyId()).orElseThrow(() -> ApiException.invalid("bodyId", "is not a body of the registry"));
        CaseRecord record = cases.open(PROCESS_KEY, organisation.centreId(), organisation.id(), draft.subject(), writer);
        letters.insert(new Letter(record.id(), draft.bodyId(), draft.subject(), draft.topic(), draft.text(),
                draft.requestKind(), draft.neededBy(), null, null, null, null, null, null, false, null, null, null, parentId, kind,
                draft.region(), draft.cosigners() == null ? List.of() : draft.cosigners(),
                draft.attachments() == null ? List.of() : draft.attachments(), null));
        return letters.find(record.id()).orElseThrow();
    }

    /** @param total the number of letters of the whole list, when counted; {@code hasMore} whether letters follow the page */
    public record LetterPage(List<Letter> items, int page, int size, Long total, boolean hasMore) {
    }

    /** The letters of a scope with their number; with {@code overdueOn}, only those whose answer was due before that day. */
    public LetterPage page(CaseScope scope, LocalDate overdueOn, int page, int size) {
        return page(scope, overdueOn, page, size, true);
    }

    /**
     * A page of the letters of a scope, read with one letter more to tell whether more follow; the
     * whole list is counted only if {@code count} (a centre's 100,000 letters cost more to count than
     * to page through, ADR 26).
     */
    public LetterPage page(CaseScope scope, LocalDate overdueOn, int page, int size, boolean count) {
        List<Letter> found = letters.findPage(scope, overdueOn, page * size, size + 1);
        boolean hasMore = found.size() > size;
        return new LetterPage(hasMore ? found.subList(0, size) : found, page, size,
                count ? letters.count(scope, overdueOn) : null, hasMore);
    }

    public Map<UUID, Integer> forwardedAwayCounts(CaseScope scope) {
        return letters.forwardedAwayCounts(scope);
    }

    Map<UUID, Integer> organisationsPerBody(CaseScope scope) {
        return letters.organisationsPerBody(scope);
    }

    List<LetterRepository.BodyCounts> countsPerBody(CaseScope scope, LocalDate today) {
        return letters.countsPerBody(scope, today);
    }

    public List<Letter> all(CaseScope scope) {
        return letters.findAll(scope);
    }

    public Letter get(UUID id) {
        return letters.find(id).orElseThrow(() -> ApiException.notFound("Letter"));
    }

    @Transactional
    public void recordDispatch(UUID id, LetterTiming.Channel channel, LocalDate sentOn, String tracking) {
        notInTheFuture("sentOn", sentOn);
        letters.recordDispatch(id, channel, sentOn, tracking);
        cases.recordEvent(id, "letter-sent", null, tracking, Text.of("portal.letter.channel." + channel.name()), sentOn);
    }

    /** The body registered the letter: the 30-day answer clock starts (59-FZ art. 12 part 1). */
    @Transactional
    public void startAnswerClock(UUID id, String registrationNumber, LocalDate registeredOn) {
        notInTheFuture("registeredOn", registeredOn);
        LocalDate sentOn = get(id).sentOn();
        if (sentOn != null && registeredOn.isBefore(sentOn)) {
            throw ApiException.invalid("registeredOn", "is before the letter was sent (" + sentOn + ")");
        }
        LocalDate answerDue = due(registeredOn, "answer");
        letters.recordRegistration(id, registrationNumber, registeredOn, answerDue);
        cases.recordEvent(id, "letter-registered", null, null, registrationNumber, registeredOn, answerDue);
    }

    /**
     * The body forwarded the letter to the competent one (59-FZ art. 8 part 3): the chain is kept,
     * the route is learnt, and the answer clock starts again from the new registration. The process
     * must be waiting for the answer.
     */
    @Transactional
    public void forward(UUID id, UUID toBodyId, LocalDate forwardedOn, String registrationNumber, LocalDate registeredOn) {
        notInTheFuture("forwardedOn", forwardedOn);
        notInTheFuture("registeredOn", registeredOn);
        if (registeredOn.isBefore(forwardedOn)) {
            throw ApiException.invalid("registeredOn", "is before the letter was forwarded");
        }
        Letter letter = get(id);
        if (letter.bodyId().equals(toBodyId)) {
            throw ApiException.invalid("bodyId", "is the body the letter is already with");
        }
        PublicBody to = registry.find(toBodyId).orElseThrow(() -> ApiException.invalid("bodyId", "is not a body of the registry"));
        LocalDate answerDue = due(registeredOn, "answer");
        letters.forward(id, letter.bodyId(), toBodyId, forwardedOn, registrationNumber, registeredOn, answerDue);
        letters.observeRoute(letter.topic(), letter.bodyId(), toBodyId);
        cases.recordEvent(id, "letter-forwarded", null, null, to.name(), forwardedOn, registrationNumber, registeredOn, answerDue);
        correlate(id, FORWARDED_MESSAGE);
    }

    /**
     * The body asked the writer for documents or explanations: the organisation gets a task due on
     * the date asked. The answer period itself runs on (59-FZ gives the body no pause for this).
     */
    @Transactional
    public void requestDocuments(UUID id, String what, LocalDate dueBy) {
        get(id);
        letters.requestDocuments(id, what, dueBy);
        cases.recordEvent(id, "documents-requested", null, what, dueBy);
        correlate(id, DOCUMENTS_MESSAGE);
    }

    /** When the requested documents are due: the start of the day after the date asked. */
    public Date documentsDueAt(String businessKey) {
        return startOfDayAfter(letters.documentsDue(UUID.fromString(businessKey)).orElseThrow());
    }

    private void correlate(UUID id, String message) {
        try {
            // The caller may change the letter (checked by the controller); the engine need not check again.
            system.run(() -> runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(id.toString()).correlate());
        } catch (MismatchingMessageCorrelationException notWaiting) {
            throw ApiException.conflict("The letter is not waiting for an answer");
        }
    }

    public List<LetterRepository.Forwarding> forwardings(UUID id) {
        return letters.forwardings(id);
    }

    /** Staff reviewed the letter before sending; their comment goes into its timeline. */
    @Transactional
    public void recordReview(UUID id, String reviewer, boolean approved, String comment) {
        cases.recordEvent(id, approved ? "letter-approved" : "letter-returned", reviewer, comment == null || comment.isBlank() ? null : comment);
    }

    @Transactional
    public void revise(UUID id, String text) {
        letters.updateText(id, text);
        cases.recordEvent(id, "letter-revised", null, null);
    }

    /** The head extended the answer period: once, by at most 30 days (59-FZ art. 12 part 2). */
    @Transactional
    public boolean extend(UUID id) {
        Letter letter = get(id);
        if (letter.extended() || letter.answerDue() == null) {
            throw ApiException.conflict("The answer period was already extended: 59-FZ art. 12 part 2 allows it once");
        }
        LocalDate answerDue = due(letter.answerDue(), "extension");
        letters.extend(id, answerDue);
        cases.recordEvent(id, "answer-extended", null, null, answerDue);
        return true;
    }

    /** @param answeredOn the date of the answer; today if the CSO did not give one */
    @Transactional
    public void recordAnswer(UUID id, LocalDate answeredOn, Letter.Rating rating, String summary) {
        LocalDate date = answeredOn != null ? answeredOn : time.today();
        notInTheFuture("answeredOn", date);
        LocalDate registeredOn = get(id).registeredOn();
        if (registeredOn != null && date.isBefore(registeredOn)) {
            throw ApiException.invalid("answeredOn", "is before the letter was registered (" + registeredOn + ")");
        }
        letters.recordAnswer(id, date, rating, summary);
        cases.recordEvent(id, "answer-received", null, null, date,
                rating == null ? "" : Text.of("event.answer-rating", Text.of("portal.letter.rating." + rating)));
    }

    /**
     * Drafts the complaint about an overdue answer, to the body's superior (or, for a body without
     * one, to the prosecutor's office, which supervises 59-FZ), for the CSO to review and send.
     */
    @Transactional
    public String draftComplaint(UUID id) {
        Letter letter = get(id);
        ComplaintDraft.Facts facts = complaintFacts(letter);
        // Stored in Russian: it becomes the letter a Russian body receives.
        String draft = ComplaintDraft.text(facts, SystemConfiguration.RUSSIAN);
        letters.saveComplaintDraft(id, draft);
        cases.recordEvent(id, "complaint-drafted", null, null, facts.addressee() != null ? facts.addressee().name()
                : Text.of("event.prosecutor", facts.region() == null ? "" : facts.region()));
        return draft;
    }

    /** The drafted complaint in the reader's language; null while there is none. */
    public String complaintDraft(Letter letter, Locale locale) {
        return letter.complaintDraft() == null ? null : ComplaintDraft.text(complaintFacts(letter), locale);
    }

    private ComplaintDraft.Facts complaintFacts(Letter letter) {
        PublicBodyRegistry.Complained complained = registry.complaintAddressee(letter.bodyId()).orElseThrow();
        PublicBody body = complained.body();
        Organisation organisation = organisations.find(cases.organisationOf(letter.id())).orElseThrow();
        return new ComplaintDraft.Facts(letter, body, complained.addressee().orElse(null), body.region(), organisation,
                time.today());
    }

    /** Whether the letter's centre has its staff review letters before they are sent. */
    public boolean needsReview(String businessKey) {
        return organisations.lettersNeedReview(cases.centreOf(UUID.fromString(businessKey)));
    }

    /** When the process should ask whether the letter was registered: the day after delivery plus 3 days. */
    public Date registrationCheckAt(String businessKey) {
        Letter letter = get(UUID.fromString(businessKey));
        LocalDate arrives = letter.sentOn().plusDays(letter.channel().deliveryDays);
        return startOfDayAfter(due(arrives, "registration"));
    }

    /** When the answer is overdue: the start of the day after its due date. */
    public Date answerOverdueAt(String businessKey) {
        return startOfDayAfter(get(UUID.fromString(businessKey)).answerDue());
    }

    /** What the body did has happened: a date after today is a typing error, and would skew the statistics. */
    void notInTheFuture(String field, LocalDate date) {
        if (date != null && date.isAfter(time.today())) {
            throw ApiException.invalid(field, "is in the future");
        }
    }

    private LocalDate due(LocalDate from, String ruleName) {
        return deadlines.due(from, ruleName).due();
    }

    private Date startOfDayAfter(LocalDate day) {
        return time.startOf(day.plusDays(1));
    }
}
