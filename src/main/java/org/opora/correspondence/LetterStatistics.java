package org.opora.correspondence;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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

    public List<BodyStatistics> of(CaseScope scope) {
        LocalDate today = time.today();
        Map<UUID, List<Letter>> byBody = new LinkedHashMap<>();
        letters.all(scope).forEach(letter -> byBody.computeIfAbsent(letter.bodyId(), body -> new ArrayList<>()).add(letter));
        Map<UUID, Integer> forwardedAway = letters.forwardedAwayCounts(scope);
        forwardedAway.keySet().forEach(body -> byBody.computeIfAbsent(body, key -> new ArrayList<>()));
        List<BodyStatistics> statistics = new ArrayList<>();
        byBody.forEach((bodyId, bodyLetters) -> {
            List<Letter> answered = bodyLetters.stream().filter(letter -> letter.answeredOn() != null).toList();
            int onTime = (int) answered.stream()
                    .filter(letter -> letter.answerDue() != null && !letter.answeredOn().isAfter(letter.answerDue())).count();
            Double averageDays = answered.stream().filter(letter -> letter.registeredOn() != null)
                    .mapToLong(letter -> ChronoUnit.DAYS.between(letter.registeredOn(), letter.answeredOn()))
                    .average().stream().boxed().findFirst().orElse(null);
            int overdue = (int) bodyLetters.stream().filter(letter -> letter.answeredOn() == null && letter.answerDue() != null
                    && letter.answerDue().isBefore(today)).count();
            statistics.add(new BodyStatistics(bodyId, registry.find(bodyId).map(PublicBody::name).orElse(null),
                    bodyLetters.size(), answered.size(), onTime, answered.isEmpty() ? null : (double) onTime / answered.size(),
                    averageDays, overdue, forwardedAway.getOrDefault(bodyId, 0)));
        });
        return statistics;
    }
}
