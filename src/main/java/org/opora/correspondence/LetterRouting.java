package org.opora.correspondence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.opora.system.SystemAccess;
import org.opora.system.Text;
import org.opora.system.Texts;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * Suggests the competent body for a letter: the decision {@code letter-routing}
 * ({@code processes/letter-routing.dmn}) names the level and kind of body for the topic, and the
 * registry finds such a body in the writer's region whose topics match, the most specific first.
 * It warns when the addressee the CSO had in mind is not competent, the root of letters that
 * reach the right desk too late.
 */
@Service
public class LetterRouting {

    /** Bodies of one region to choose from; a region has far fewer. */
    private static final int CANDIDATES = 2000;
    private static final int STEM = 4;

    private final DecisionService decisionService;
    private final PublicBodyRepository bodies;
    private final LetterRepository letters;
    private final SystemAccess system;
    private final Texts texts;
    private final MessageSource messages;

    LetterRouting(DecisionService decisionService, PublicBodyRepository bodies, LetterRepository letters, SystemAccess system,
            Texts texts, MessageSource messages) {
        this.texts = texts;
        this.messages = messages;
        this.decisionService = decisionService;
        this.bodies = bodies;
        this.letters = letters;
        this.system = system;
    }

    /**
     * @param addresseeCompetent whether the body in mind is competent for the topic (null when none was named),
     *                           so that pages can say so in the user's language
     */
    public record Suggestion(PublicBody body, String level, String kind, String reason, List<String> warnings,
            Boolean addresseeCompetent) {
    }

    public Suggestion suggest(String topic, String region, UUID intendedBodyId) {
        Map<String, Object> variables = Map.of("topic", topic);
        DmnDecisionResultEntries rule = system.call(() ->
                decisionService.evaluateDecisionByKey("letter-routing").variables(variables).evaluate().getSingleResult());
        String level = rule.getEntry("level");
        String kind = rule.getEntry("kind");
        // The rule's reason is written in Russian in the table; other languages come from the bundle, by the rule's name.
        String reason = messages.getMessage("letter.routing.reason." + rule.getEntry("rule"), null, rule.getEntry("reason"),
                LocaleContextHolder.getLocale());
        String needle = topic.toLowerCase(Locale.ROOT);
        List<PublicBody> inRegion = bodies.search(region, null, CANDIDATES);
        Optional<PublicBody> best = inRegion.stream()
                .filter(body -> body.level().name().equals(level))
                .filter(body -> body.topics().stream().anyMatch(t -> matches(t, needle)))
                .min(Comparator.comparing((PublicBody body) -> body.kind().name().equals(kind) ? 0 : 1)
                        .thenComparing(body -> body.kind() == PublicBody.Kind.DEPARTMENT ? 0 : 1)
                        .thenComparing(PublicBody::name));
        List<String> warnings = new ArrayList<>();
        // What Opora has seen beats the rule: letters on this topic sent to the suggested body that were
        // forwarded elsewhere show where the topic really belongs.
        if (best.isPresent()) {
            Optional<LetterRepository.Route> learnt = letters.observedRoutes(topic, best.get().id()).stream().findFirst();
            if (learnt.isPresent()) {
                Optional<PublicBody> target = bodies.find(learnt.get().toBodyId());
                if (target.isPresent()) {
                    reason = texts.render(Text.of("letter.routing.learnt", reason, topic, best.get().name(), target.get().name(),
                            learnt.get().times()));
                    best = target;
                }
            }
        }
        Boolean addresseeCompetent = intendedBodyId == null ? null : bodies.find(intendedBodyId)
                .map(intended -> intended.level().name().equals(level) && intended.topics().stream().anyMatch(t -> matches(t, needle)))
                .orElse(null);
        if (intendedBodyId != null && best.isPresent() && !best.get().id().equals(intendedBodyId)) {
            PublicBody suggested = best.get();
            bodies.find(intendedBodyId).ifPresent(intended -> {
                if (Boolean.FALSE.equals(addresseeCompetent)) {
                    warnings.add(texts.render(Text.of("letter.routing.not-competent", intended.name(), topic, suggested.name())));
                }
            });
        }
        if (intendedBodyId != null) {
            for (LetterRepository.Route route : letters.observedRoutes(topic, intendedBodyId)) {
                bodies.find(route.toBodyId()).ifPresent(to -> warnings.add(texts.render(Text.of("letter.routing.forwarded-before",
                        topic, to.name(), route.times()))));
            }
        }
        if (best.isEmpty()) {
            warnings.add(texts.render(Text.of("letter.routing.none-in-registry", Text.of("letter.level." + level), topic)));
        }
        return new Suggestion(best.orElse(null), level, kind, reason, warnings, addresseeCompetent);
    }

    /**
     * A registry topic matches when a word of it and a word of the letter's topic share their first
     * four letters: a crude stem that is enough for Russian endings ("двор", "двора", "дворы").
     */
    private static boolean matches(String registryTopic, String needle) {
        Set<String> wanted = stems(needle);
        return stems(registryTopic).stream().anyMatch(wanted::contains);
    }

    private static Set<String> stems(String text) {
        Set<String> stems = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (word.length() >= STEM) {
                stems.add(word.substring(0, STEM));
            }
        }
        return stems;
    }
}
