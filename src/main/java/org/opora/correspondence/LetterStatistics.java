package org.opora.correspondence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opora.cases.CaseScope;
import org.opora.system.OporaTime;
import org.springframework.stereotype.Service;

/**
 * How public bodies answer the letters of a scope (a centre's staff's, or one centre's for its public
 * page): per body, letters, answers, answers on time, the average answer time, what is overdue and
 * what the body forwarded away. One calculation for the API's statistics, the staff's chart and the
 * public page.
 */
@Service
public class LetterStatistics {

    private final LetterService letters;
    private final PublicBodyRegistry registry;
    private final OporaTime time;

    LetterStatistics(LetterService letters, PublicBodyRegistry registry, OporaTime time) {
        this.letters = letters;
        this.registry = registry;
        this.time = time;
    }

    /**
     * @param onTimeRate        the share of answered letters answered by their due date
     * @param averageAnswerDays calendar days from registration to answer, on average; null before any answer
     */
    public record BodyStatistics(UUID bodyId, String bodyName, int letters, int answered, int answeredOnTime, Double onTimeRate,
            Double averageAnswerDays, int overdue, int forwardedAway) {
    }

    /** Counted in the database: a centre has tens of thousands of letters, never loaded for a report (docs/performance.md). */
    public List<BodyStatistics> of(CaseScope scope) {
        Map<UUID, Integer> forwardedAway = new LinkedHashMap<>(letters.forwardedAwayCounts(scope));
        List<BodyStatistics> statistics = new ArrayList<>();
        for (LetterRepository.BodyCounts counts : letters.countsPerBody(scope, time.today())) {
            statistics.add(new BodyStatistics(counts.bodyId(), bodyName(counts.bodyId()), counts.letters(), counts.answered(),
                    counts.answeredOnTime(), counts.answered() == 0 ? null : (double) counts.answeredOnTime() / counts.answered(),
                    counts.averageAnswerDays(), counts.overdue(), forwardedAway.getOrDefault(counts.bodyId(), 0)));
            forwardedAway.remove(counts.bodyId());
        }
        forwardedAway.forEach((bodyId, times) -> statistics.add(new BodyStatistics(bodyId, bodyName(bodyId), 0, 0, 0, null, null, 0, times)));
        return statistics;
    }

    /**
     * The record a centre publishes (ADR 22): only the bodies that at least {@code minimumOrganisations}
     * of its organisations wrote to, so that no row is one organisation's correspondence told to everyone.
     */
    public List<BodyStatistics> published(CaseScope scope, int minimumOrganisations) {
        Map<UUID, Integer> writers = letters.organisationsPerBody(scope);
        return of(scope).stream().filter(body -> writers.getOrDefault(body.bodyId(), 0) >= minimumOrganisations).toList();
    }

    private String bodyName(UUID bodyId) {
        return registry.find(bodyId).map(PublicBody::name).orElse(null);
    }
}
