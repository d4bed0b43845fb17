package org.opora.correspondence;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.opora.cases.CaseAccess;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.ProblemType;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/letters")
@Tag(name = "Letters", description = "CSOs' letters to public bodies and their statutory deadlines")
class LetterController {

    private final LetterService letters;
    private final LetterTiming timing;
    private final LetterRouting routing;
    private final PublicBodyRegistry registry;
    private final CaseAccess access;
    private final LetterMapper mapper;
    private final OporaTime time;
    private final LetterAccess letterAccess;
    private final MessageSource messages;
    private final TransactionTemplate transaction;

    LetterController(LetterService letters, LetterTiming timing, LetterRouting routing, PublicBodyRegistry registry,
            CaseAccess access, LetterMapper mapper, OporaTime time, LetterAccess letterAccess, MessageSource messages,
            TransactionTemplate transaction) {
        this.transaction = transaction;
        this.letterAccess = letterAccess;
        this.messages = messages;
        this.letters = letters;
        this.timing = timing;
        this.routing = routing;
        this.registry = registry;
        this.access = access;
        this.mapper = mapper;
        this.time = time;
    }

    record NewLetterRequest(@NotNull UUID bodyId, @NotBlank @Size(max = 500) String subject,
            @NotBlank @Size(max = 200) String topic, @Size(max = 20000) String text,
            @NotNull LetterTiming.RequestKind requestKind, LocalDate neededBy, @Size(max = 200) String region,
            @Size(max = 20) List<@NotBlank @Size(max = 90) String> cosigners,
            @Size(max = 20) List<@NotBlank @Size(max = 190) String> attachments) {
    }

    /** A letter with its clock: the due date of the answer and the days left (negative when overdue). */
    record LetterView(UUID id, Letter.State state, String stateName, UUID bodyId, String bodyName, String subject, String topic,
            LetterTiming.RequestKind requestKind,
            LocalDate neededBy, LetterTiming.Channel channel, LocalDate sentOn, String registrationNumber,
            LocalDate registeredOn, LocalDate answerDue, Long daysLeft, boolean extended, LocalDate answeredOn,
            Letter.Rating answerRating, String answerSummary, String complaintDraft, UUID parentLetterId, Letter.Kind kind,
            String region, List<String> cosigners, List<String> attachments, List<ForwardingView> forwardings) {
    }

    record DocumentsRequest(@NotBlank @Size(max = 1000) String what, @NotNull LocalDate dueBy) {
    }

    record FollowUpRequest(@Size(max = 500) String subject, @Size(max = 20000) String text) {
    }

    /** The complaint's text as the organisation edited it; absent or blank keeps the draft. */
    record ComplaintRequest(@Size(max = 20000) String text) {
    }

    record ForwardingView(String fromBody, String toBody, LocalDate forwardedOn) {
    }

    record ForwardingRequest(@NotNull UUID bodyId, @NotNull LocalDate forwardedOn,
            @NotBlank @Size(max = 100) String registrationNumber, @NotNull LocalDate registeredOn) {
    }

    record Drafted(LetterView letter, LetterTiming.Advice timing) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Write a letter to a public body (CSO members)",
            description = "Opens the letter's case for the writer's organisation and tells when an answer can come by "
                    + "law, warning when that is too late. The organisation then records sending, registration and "
                    + "the answer in its tasks.")
    Drafted draft(@Valid @RequestBody NewLetterRequest request) {
        OporaUser user = writer();
        // The draft, its advice and its view in one transaction: one commit, not one per read (ADR 27).
        return transaction.execute(status -> {
            Letter letter = letters.draft(user.organisationId(), user.id(), mapper.toNewLetter(request));
            PublicBody body = registry.find(letter.bodyId()).orElseThrow();
            LetterTiming.Advice advice = timing.advise(body, letter.requestKind(), LetterTiming.Channel.POST, today(),
                    letter.neededBy());
            return new Drafted(view(letter), advice);
        });
    }

    /** {@code total} only when asked for ({@code count=true}); {@code hasMore} says whether letters follow (ADR 26). */
    record LetterPage(List<LetterView> items, int page, int size,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long total,
            boolean hasMore) {
    }

    @GetMapping
    @Operation(summary = "The letters I may see (my organisation's; for staff, the centre's), earliest answer due first",
            description = "With overdue=true, only letters whose answer is past its due date and not recorded.")
    LetterPage list(@RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @Parameter(description = "Also count the whole list (total); pages alone say only hasMore")
            @RequestParam(defaultValue = "false") boolean count) {
        LetterService.LetterPage found = letters.page(access.currentScope(), overdue ? today() : null, page, size, count);
        return new LetterPage(found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total(),
                found.hasMore());
    }

    @GetMapping("/routing")
    @Operation(summary = "Which body is competent for a topic in a region, and whether the one in mind is",
            description = "The decision letter-routing (processes/letter-routing.dmn) names the level and kind of body; "
                    + "the registry finds the most specific such body whose topics match.")
    LetterRouting.Suggestion routing(@RequestParam @NotBlank @Size(max = 200) String topic,
            @RequestParam(required = false) String region, @RequestParam(required = false) UUID bodyId) {
        return routing.suggest(topic, region, bodyId);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One letter with its statutory clock and the bodies it was forwarded through")
    LetterView get(@PathVariable UUID id) {
        access.require(id);
        List<ForwardingView> chain = letters.forwardings(id).stream()
                .map(step -> new ForwardingView(bodyName(step.fromBodyId()), bodyName(step.toBodyId()), step.forwardedOn()))
                .toList();
        return view(letters.get(id), chain);
    }

    @PostMapping("/{id}/forwarding")
    @Operation(summary = "Record that the body forwarded the letter to another, where it was registered anew",
            description = "The answer is then due 30 days after the new registration; the chain is kept, and routing "
                    + "suggestions learn that this topic belongs to the new body.")
    LetterView forward(@PathVariable UUID id, @Valid @RequestBody ForwardingRequest request) {
        requireOwnOrStaff(id);
        letters.forward(id, request.bodyId(), request.forwardedOn(), request.registrationNumber(), request.registeredOn());
        return get(id);
    }

    @PostMapping("/{id}/documents-request")
    @Operation(summary = "Record that the body asked for documents or explanations; the organisation gets a task due then")
    LetterView requestDocuments(@PathVariable UUID id, @Valid @RequestBody DocumentsRequest request) {
        requireOwnOrStaff(id);
        letters.requestDocuments(id, request.what(), request.dueBy());
        return get(id);
    }

    @PostMapping("/{id}/follow-up")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Write a follow-up letter after a partial answer or a refusal (CSO members)")
    LetterView followUp(@PathVariable UUID id, @Valid @RequestBody(required = false) FollowUpRequest request) {
        access.require(id);
        OporaUser user = writer();
        return view(letters.followUp(id, user.id(), request == null ? null : request.subject(),
                request == null ? null : request.text()));
    }

    @PostMapping("/{id}/complaint")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Turn the drafted complaint about an overdue answer into a letter of its own (CSO members)",
            description = "With a text, the complaint says that instead of the draft (as the organisation edited it).")
    LetterView complaint(@PathVariable UUID id, @Valid @RequestBody(required = false) ComplaintRequest request) {
        access.require(id);
        return view(letters.complaint(id, writer().id(), request == null ? null : request.text()));
    }

    /** Events of a letter are recorded by its organisation or by staff, not by anyone who may read it. */
    private void requireOwnOrStaff(UUID id) {
        letterAccess.requireOwnOrStaff(id);
    }

    private static OporaUser writer() {
        OporaUser user = CurrentUser.get();
        if (!user.has(Role.CSO) || user.organisationId() == null) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only a member of an organisation writes its letters");
        }
        return user;
    }

    private LetterView view(Letter letter) {
        return view(letter, List.of());
    }

    private LetterView view(Letter letter, List<ForwardingView> chain) {
        Letter.State state = letter.stateOn(today());
        Locale locale = LocaleContextHolder.getLocale();
        return mapper.toView(letter, state, messages.getMessage("letter.state." + state.name(), null, locale),
                bodyName(letter.bodyId()), letter.daysLeftOn(today()), letters.complaintDraft(letter, locale), chain);
    }

    private String bodyName(UUID bodyId) {
        return registry.find(bodyId).map(PublicBody::name).orElse(null);
    }

    private LocalDate today() {
        return time.today();
    }
}
