package org.opora.volunteering;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Ranks the pool for one request, in memory and without the engine. Hard filters first (required
 * skills, the monthly maximum, dates, free at that time, age, the certificate for work with
 * children, not offered this request before), then a weighted score; only the best {@code top}
 * are kept (a bounded heap) and only they get their explanation. Weights come from
 * {@link VolunteeringProperties.Ranking}.
 */
public final class VolunteerRanking {

    /** What a request asks for, as ranking reads it. */
    public record Criteria(LocalDate date, LocalTime start, LocalTime end, int repeatWeeks, String district, String city,
            Double latitude, Double longitude, String cause, Set<String> required, Set<String> nice, int minAge,
            boolean involvesChildren) {
    }

    public record NoShows(int count, LocalDate last) {
    }

    public record Decline(String reason, String cause, LocalDate date) {
    }

    /**
     * What changes between matches, read fresh each time (small maps: only volunteers with such history).
     *
     * @param load        accepted commitments in the month of the request's date
     * @param lastOffered the day each volunteer last got an offer
     * @param excluded    volunteers who already had an offer for this request
     */
    public record Dynamics(Map<UUID, Integer> load, Map<UUID, LocalDate> lastOffered, Map<UUID, NoShows> noShows,
            Map<UUID, List<Decline>> declines, Set<UUID> excluded) {

        public static Dynamics none() {
            return new Dynamics(Map.of(), Map.of(), Map.of(), Map.of(), Set.of());
        }
    }

    /** One reason in a match's explanation: a message key of {@code i18n/volunteering} and its arguments. */
    public record Reason(String key, List<Object> args) {
        static Reason of(String key, Object... args) {
            return new Reason(key, List.of(args));
        }
    }

    public record Match(UUID volunteerId, double score, List<Reason> reasons) {
    }

    /** A volunteer who gave no weekly pattern is perhaps free: ranked below anyone free for half the time. */
    static final double NO_PATTERN = 0.3;

    private final VolunteeringProperties.Ranking weights;

    public VolunteerRanking(VolunteeringProperties.Ranking weights) {
        this.weights = weights;
    }

    public List<Match> rank(CandidateSnapshot pool, Criteria criteria, Dynamics dynamics, LocalDate today, int top) {
        int n = pool.size;
        if (n == 0 || top <= 0) {
            return List.of();
        }
        long[] required = pool.skillMask(criteria.required());
        if (required == null) {
            return List.of(); // somebody must have every required skill; no one has one of them
        }
        Set<String> nice = criteria.nice();
        long[] niceMask = new long[pool.skillWords];
        int niceCount = 0;
        for (String tag : nice) {
            long[] one = pool.skillMask(Set.of(tag));
            if (one != null) {
                for (int w = 0; w < niceMask.length; w++) {
                    niceMask[w] |= one[w];
                }
            }
            niceCount++;
        }
        int day = Availability.dayIndex(criteria.date().getDayOfWeek());
        long hours = Availability.mask(criteria.start(), criteria.end());
        int hourCount = Long.bitCount(hours);
        long date = criteria.date().toEpochDay();
        int district = pool.placeIndex(criteria.district());
        int city = pool.placeIndex(criteria.city());
        boolean byCoordinates = criteria.latitude() != null && criteria.longitude() != null;
        double lat = byCoordinates ? Math.toRadians(criteria.latitude()) : 0;
        double lon = byCoordinates ? Math.toRadians(criteria.longitude()) : 0;
        double cosLat = Math.cos(lat);
        int causeBit = criteria.cause() == null ? -1 : pool.causeBits.getOrDefault(criteria.cause(), -1);

        // The sparse dynamics as arrays over the snapshot's indices, so the scan does no hashing. Reliability and
        // fairness are kept as a penalty below 1, so that the arrays' zero default means "whole".
        int[] load = new int[n];
        dynamics.load().forEach((id, count) -> at(pool, id, index -> load[index] = count));
        float[] unreliability = new float[n];
        dynamics.noShows().forEach((id, noShows) -> at(pool, id,
                index -> unreliability[index] = (float) (1 - reliability(noShows, today))));
        float[] offeredLately = new float[n];
        dynamics.lastOffered().forEach((id, last) -> at(pool, id, index -> offeredLately[index] = (float) (1 - fairness(last, today))));
        byte[] declined = new byte[n];
        dynamics.declines().forEach((id, list) -> at(pool, id, index -> declined[index] = declines(list, criteria)));
        dynamics.excluded().forEach(id -> at(pool, id, index -> declined[index] |= 4));

        // Bounded min-heap of the best so far: heapScore[0] is the weakest kept.
        double[] heapScore = new double[top];
        int[] heapIndex = new int[top];
        int kept = 0;
        int words = pool.skillWords;
        int minBirthYear = criteria.date().getYear() - criteria.minAge();
        for (int i = 0; i < n; i++) {
            if (!hasAll(pool.skills, i * words, required)) {
                continue;
            }
            if ((declined[i] & 4) != 0 || load[i] >= pool.maxPerMonth[i] || date < pool.fromDay[i] || date > pool.untilDay[i]) {
                continue;
            }
            if (criteria.involvesChildren() && !pool.clearance[i]) {
                continue;
            }
            if (criteria.minAge() > 0 && (pool.birthYear[i] == 0 || pool.birthYear[i] > minBirthYear)) {
                continue;
            }
            double free = availability(pool, i, day, hours, hourCount);
            if (free == 0) {
                continue;
            }
            double score = weights.availability() * free
                    + weights.niceSkills() * (niceCount == 0 ? 0 : (double) countCommon(pool.skills, i * words, niceMask) / niceCount)
                    + weights.interest() * (causeBit >= 0 && hasBit(pool.interests, i * pool.causeWords, causeBit) ? 1 : 0)
                    + weights.distance() * closeness(pool, i, byCoordinates, lat, lon, cosLat, district, city)
                    + weights.reliability() * (1 - unreliability[i])
                    + weights.fairness() * (1 - offeredLately[i])
                    + weights.load() * (1 - (double) load[i] / pool.maxPerMonth[i])
                    - ((declined[i] & 1) != 0 ? weights.declinedCause() : 0)
                    - ((declined[i] & 2) != 0 ? weights.declinedDate() : 0);
            if (kept < top) {
                heapScore[kept] = score;
                heapIndex[kept] = i;
                siftUp(heapScore, heapIndex, kept++);
            } else if (score > heapScore[0]) {
                heapScore[0] = score;
                heapIndex[0] = i;
                siftDown(heapScore, heapIndex, kept);
            }
        }
        List<Match> matches = new ArrayList<>(kept);
        for (int k = 0; k < kept; k++) {
            int i = heapIndex[k];
            matches.add(new Match(pool.ids[i], heapScore[k], explain(pool, i, criteria, day, hours, hourCount,
                    byCoordinates, district, city, load[i], dynamics, today, declined[i])));
        }
        matches.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                : a.volunteerId().compareTo(b.volunteerId()));
        return Collections.unmodifiableList(matches);
    }

    /** 1 without no-shows; each no-show costs {@code noShowPenalty}, fading to nothing over {@code recoveryDays}. */
    double reliability(NoShows noShows, LocalDate today) {
        if (noShows.count() == 0 || noShows.last() == null) {
            return 1;
        }
        double fade = Math.max(0, 1 - (double) ChronoUnit.DAYS.between(noShows.last(), today) / weights.recoveryDays());
        return Math.max(0, 1 - weights.noShowPenalty() * noShows.count() * fade);
    }

    double fairness(LocalDate lastOffered, LocalDate today) {
        return lastOffered == null ? 1
                : Math.min(1, Math.max(0, (double) ChronoUnit.DAYS.between(lastOffered, today) / weights.fairnessDays()));
    }

    /** Bit 1: declined this cause; bit 2: declined this date or weekday. */
    private static byte declines(List<Decline> declines, Criteria criteria) {
        byte flags = 0;
        for (Decline decline : declines) {
            if ("CAUSE".equals(decline.reason()) && decline.cause() != null && decline.cause().equals(criteria.cause())) {
                flags |= 1;
            }
            if ("DATE".equals(decline.reason()) && decline.date() != null && (decline.date().equals(criteria.date())
                    || decline.date().getDayOfWeek() == criteria.date().getDayOfWeek())) {
                flags |= 2;
            }
        }
        return flags;
    }

    private static double availability(CandidateSnapshot pool, int i, int day, long hours, int hourCount) {
        if (!pool.hasPattern[i]) {
            return NO_PATTERN;
        }
        return (double) Long.bitCount(pool.week[i * 7 + day] & hours) / hourCount;
    }

    private double closeness(CandidateSnapshot pool, int i, boolean byCoordinates, double lat, double lon,
            double cosLat, int district, int city) {
        if (byCoordinates && !Double.isNaN(pool.latitude[i])) {
            return Math.max(0, 1 - kilometres(pool, i, lat, lon, cosLat) / weights.maxDistanceKm());
        }
        if (district >= 0 && pool.district[i] == district) {
            return 1;
        }
        return city >= 0 && pool.city[i] == city ? 0.5 : 0;
    }

    static double kilometres(CandidateSnapshot pool, int i, double lat, double lon, double cosLat) {
        double lat2 = Math.toRadians(pool.latitude[i]);
        double dLat = lat2 - lat;
        double dLon = Math.toRadians(pool.longitude[i]) - lon;
        double sinLat = Math.sin(dLat / 2);
        double sinLon = Math.sin(dLon / 2);
        double a = sinLat * sinLat + cosLat * Math.cos(lat2) * sinLon * sinLon;
        return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private List<Reason> explain(CandidateSnapshot pool, int i, Criteria criteria, int day, long hours, int hourCount,
            boolean byCoordinates, int district, int city, int load, Dynamics dynamics, LocalDate today, byte declined) {
        List<Reason> reasons = new ArrayList<>();
        criteria.required().forEach(skill -> reasons.add(Reason.of("volunteering.why.required", skill)));
        criteria.nice().stream().filter(skill -> pool.hasSkill(i, skill))
                .forEach(skill -> reasons.add(Reason.of("volunteering.why.nice", skill)));
        if (pool.hasInterest(i, criteria.cause())) {
            reasons.add(Reason.of("volunteering.why.cause", "volunteering.cause." + criteria.cause()));
        }
        if (byCoordinates && !Double.isNaN(pool.latitude[i])) {
            double km = kilometres(pool, i, Math.toRadians(criteria.latitude()), Math.toRadians(criteria.longitude()),
                    Math.cos(Math.toRadians(criteria.latitude())));
            reasons.add(Reason.of("volunteering.why.distance", Math.round(km * 10) / 10.0));
        } else if (district >= 0 && pool.district[i] == district) {
            reasons.add(Reason.of("volunteering.why.district"));
        } else if (city >= 0 && pool.city[i] == city) {
            reasons.add(Reason.of("volunteering.why.city"));
        }
        double free = availability(pool, i, day, hours, hourCount);
        if (free == 1) {
            reasons.add(Reason.of("volunteering.why.free", "volunteering.day." + criteria.date().getDayOfWeek()));
        } else if (free == NO_PATTERN && pool.week[i * 7 + day] == 0) {
            reasons.add(Reason.of("volunteering.why.no-pattern"));
        } else {
            reasons.add(Reason.of("volunteering.why.partly-free", Math.round(free * 100),
                    "volunteering.day." + criteria.date().getDayOfWeek()));
        }
        NoShows noShows = dynamics.noShows().get(pool.ids[i]);
        double reliability = noShows == null ? 1 : reliability(noShows, today);
        if (reliability < 1) {
            reasons.add(Reason.of("volunteering.why.no-shows", noShows.count(), noShows.last().toString()));
        } else {
            reasons.add(Reason.of("volunteering.why.reliable"));
        }
        LocalDate last = dynamics.lastOffered().get(pool.ids[i]);
        if (last == null) {
            reasons.add(Reason.of("volunteering.why.never-offered"));
        } else if (fairness(last, today) >= 1) {
            reasons.add(Reason.of("volunteering.why.not-recently"));
        } else {
            reasons.add(Reason.of("volunteering.why.recently", ChronoUnit.DAYS.between(last, today)));
        }
        reasons.add(Reason.of("volunteering.why.load", load, pool.maxPerMonth[i]));
        if ((declined & 1) != 0) {
            reasons.add(Reason.of("volunteering.why.declined-cause"));
        }
        if ((declined & 2) != 0) {
            reasons.add(Reason.of("volunteering.why.declined-date"));
        }
        return reasons;
    }

    private static boolean hasAll(long[] skills, int offset, long[] required) {
        for (int w = 0; w < required.length; w++) {
            if ((skills[offset + w] & required[w]) != required[w]) {
                return false;
            }
        }
        return true;
    }

    private static int countCommon(long[] skills, int offset, long[] mask) {
        int count = 0;
        for (int w = 0; w < mask.length; w++) {
            count += Long.bitCount(skills[offset + w] & mask[w]);
        }
        return count;
    }

    private static boolean hasBit(long[] bits, int offset, int bit) {
        return (bits[offset + bit / 64] & (1L << (bit % 64))) != 0;
    }

    private static void at(CandidateSnapshot pool, UUID id, java.util.function.IntConsumer action) {
        int index = pool.indexOf(id);
        if (index >= 0) {
            action.accept(index);
        }
    }

    private static void siftUp(double[] score, int[] index, int k) {
        while (k > 0) {
            int parent = (k - 1) / 2;
            if (score[parent] <= score[k]) {
                return;
            }
            swap(score, index, parent, k);
            k = parent;
        }
    }

    private static void siftDown(double[] score, int[] index, int size) {
        int k = 0;
        while (true) {
            int left = 2 * k + 1;
            if (left >= size) {
                return;
            }
            int smaller = left + 1 < size && score[left + 1] < score[left] ? left + 1 : left;
            if (score[k] <= score[smaller]) {
                return;
            }
            swap(score, index, k, smaller);
            k = smaller;
        }
    }

    private static void swap(double[] score, int[] index, int a, int b) {
        double s = score[a];
        score[a] = score[b];
        score[b] = s;
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
    }
}
