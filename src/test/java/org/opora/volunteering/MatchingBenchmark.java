package org.opora.volunteering;


import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Not a test: a benchmark command for the README's figure. Generates 100,000 volunteers, then
 * matches a request against them (hard filters, score, top 50 and their explanations rendered in
 * Russian) many times after a warm-up, and prints the median and the 95th percentile.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.opora.volunteering.MatchingBenchmark
 * </pre>
 *
 * Arguments (optional): volunteers, measured runs.
 */
public final class MatchingBenchmark {

    private MatchingBenchmark() {
    }

    public static void main(String[] args) {
        int volunteers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Random random = new Random(42);
        LocalDate today = LocalDate.of(2027, 3, 1);
        LocalDate saturday = LocalDate.of(2027, 3, 6);

        long built = System.nanoTime();
        List<CandidateSnapshot.Profile> profiles = new ArrayList<>(volunteers);
        List<String> districts = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            districts.add("District " + d);
        }
        for (int i = 0; i < volunteers; i++) {
            Set<String> skills = new HashSet<>();
            for (int s = 0, n = 1 + random.nextInt(4); s < n; s++) {
                skills.add(random.nextInt(10) == 0 ? "tag " + random.nextInt(300) : Tags.SKILLS.get(random.nextInt(Tags.SKILLS.size())));
            }
            Set<String> interests = new HashSet<>();
            for (int c = 0, n = 1 + random.nextInt(3); c < n; c++) {
                interests.add(Tags.CAUSES.get(random.nextInt(Tags.CAUSES.size())));
            }
            List<Availability.Slot> week = new ArrayList<>();
            for (int a = 0, n = random.nextInt(4); a < n; a++) {
                int from = 8 + random.nextInt(8);
                week.add(new Availability.Slot(Availability.Day.values()[random.nextInt(7)], LocalTime.of(from, 0),
                        LocalTime.of(from + 2 + random.nextInt(6), 0)));
            }
            boolean located = random.nextBoolean();
            profiles.add(new CandidateSnapshot.Profile(UUID.randomUUID(), districts.get(random.nextInt(districts.size())), "Moscow",
                    located ? 55.55 + random.nextDouble() * 0.4 : null, located ? 37.35 + random.nextDouble() * 0.5 : null,
                    1950 + random.nextInt(55), random.nextInt(5) == 0, skills, interests, Availability.week(week),
                    null, random.nextInt(20) == 0 ? today.plusDays(random.nextInt(60)) : null, 1 + random.nextInt(6)));
        }
        CandidateSnapshot snapshot = new CandidateSnapshot(profiles);
        double buildMs = (System.nanoTime() - built) / 1e6;

        // History for a tenth of the pool: load, recent offers, no-shows, declines.
        Map<UUID, Integer> load = new HashMap<>();
        Map<UUID, LocalDate> lastOffered = new HashMap<>();
        Map<UUID, VolunteerRanking.NoShows> noShows = new HashMap<>();
        Map<UUID, List<VolunteerRanking.Decline>> declines = new HashMap<>();
        for (int i = 0; i < volunteers / 10; i++) {
            UUID id = profiles.get(random.nextInt(volunteers)).id();
            load.put(id, random.nextInt(4));
            lastOffered.put(id, today.minusDays(random.nextInt(60)));
            if (random.nextInt(5) == 0) {
                noShows.put(id, new VolunteerRanking.NoShows(1 + random.nextInt(2), today.minusDays(random.nextInt(300))));
            }
            if (random.nextInt(5) == 0) {
                declines.put(id, List.of(new VolunteerRanking.Decline(random.nextBoolean() ? "DATE" : "CAUSE", "elderly",
                        saturday.minusDays(7L * random.nextInt(4)))));
            }
        }
        VolunteerRanking.Dynamics dynamics = new VolunteerRanking.Dynamics(load, lastOffered, noShows, declines, Set.of());
        VolunteerRanking.Criteria criteria = new VolunteerRanking.Criteria(saturday, LocalTime.of(10, 0), LocalTime.of(14, 0), 0,
                "District 7", "Moscow", 55.75, 37.62, "elderly", Set.of("first aid"), Set.of("driving", "cooking"), 18, false);
        VolunteerRanking ranking = new VolunteerRanking(VolunteeringProperties.Ranking.defaults());
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/volunteering");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Locale russian = Locale.forLanguageTag("ru");

        List<String> sample = List.of();
        for (int i = 0; i < Math.max(50, runs / 2); i++) {
            sample = explain(ranking.rank(snapshot, criteria, dynamics, today, 50), messages, russian);
        }
        long[] nanos = new long[runs];
        int matched = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            List<VolunteerRanking.Match> top = ranking.rank(snapshot, criteria, dynamics, today, 50);
            sample = explain(top, messages, russian);
            nanos[i] = System.nanoTime() - start;
            matched = top.size();
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "volunteers: %,d (snapshot built in %.0f ms), %s available processors, %s%n", volunteers,
                buildMs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "top %d with explanations, %d runs after warm-up: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                matched, runs, nanos[runs / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.95) - 1] / 1e6, nanos[runs - 1] / 1e6);
        System.out.println("best match: " + sample.get(0));
    }

    private static List<String> explain(List<VolunteerRanking.Match> matches, ResourceBundleMessageSource messages, Locale locale) {
        List<String> explained = new ArrayList<>(matches.size());
        for (VolunteerRanking.Match match : matches) {
            List<String> lines = new ArrayList<>();
            for (VolunteerRanking.Reason reason : match.reasons()) {
                Object[] arguments = reason.args().stream().map(arg -> arg instanceof String text && text.startsWith("volunteering.")
                        ? messages.getMessage(text, null, text, locale) : arg).toArray();
                lines.add(messages.getMessage(reason.key(), arguments, reason.key(), locale));
            }
            explained.add(String.join("; ", lines));
        }
        return explained;
    }

}
