package org.opora.volunteering;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pool of active volunteers as compact arrays, built once from the database and reused by every
 * match until a profile changes: skills and interests are bitsets over a vocabulary interned here,
 * places are interned indices, weekly availability is one half-hour mask per weekday. Scanning
 * 100,000 of them is a few milliseconds of bit arithmetic. Nothing here changes after construction.
 */
public final class CandidateSnapshot {

    /** The static part of a volunteer's profile that ranking reads. */
    public record Profile(UUID id, String district, String city, Double latitude, Double longitude, Integer birthYear,
            boolean clearance, Set<String> skills, Set<String> interests, long[] week, LocalDate availableFrom,
            LocalDate availableUntil, int maxPerMonth) {
    }

    final int size;
    final UUID[] ids;
    final Map<UUID, Integer> indexOf;
    final Map<String, Integer> skillBits = new HashMap<>();
    final Map<String, Integer> causeBits = new HashMap<>();
    final Map<String, Integer> places = new HashMap<>();
    final String[] skillNames;
    final int skillWords;
    final long[] skills;
    final int causeWords;
    final long[] interests;
    final int[] district;
    final int[] city;
    final double[] latitude;
    final double[] longitude;
    final int[] birthYear;
    final boolean[] clearance;
    final long[] week;
    /** Whether the volunteer gave a weekly pattern at all. */
    final boolean[] hasPattern;
    final long[] fromDay;
    final long[] untilDay;
    final int[] maxPerMonth;

    public CandidateSnapshot(List<Profile> profiles) {
        size = profiles.size();
        ids = new UUID[size];
        indexOf = new HashMap<>(size * 2);
        for (Profile profile : profiles) {
            profile.skills().forEach(skill -> skillBits.computeIfAbsent(skill, key -> skillBits.size()));
            profile.interests().forEach(cause -> causeBits.computeIfAbsent(cause, key -> causeBits.size()));
        }
        skillNames = new String[skillBits.size()];
        skillBits.forEach((name, bit) -> skillNames[bit] = name);
        skillWords = Math.max(1, (skillBits.size() + 63) / 64);
        causeWords = Math.max(1, (causeBits.size() + 63) / 64);
        skills = new long[size * skillWords];
        interests = new long[size * causeWords];
        district = new int[size];
        city = new int[size];
        latitude = new double[size];
        longitude = new double[size];
        birthYear = new int[size];
        clearance = new boolean[size];
        week = new long[size * 7];
        hasPattern = new boolean[size];
        fromDay = new long[size];
        untilDay = new long[size];
        maxPerMonth = new int[size];
        for (int i = 0; i < size; i++) {
            Profile profile = profiles.get(i);
            ids[i] = profile.id();
            indexOf.put(profile.id(), i);
            for (String skill : profile.skills()) {
                int bit = skillBits.get(skill);
                skills[i * skillWords + bit / 64] |= 1L << (bit % 64);
            }
            for (String cause : profile.interests()) {
                int bit = causeBits.get(cause);
                interests[i * causeWords + bit / 64] |= 1L << (bit % 64);
            }
            district[i] = place(profile.district());
            city[i] = place(profile.city());
            latitude[i] = profile.latitude() == null ? Double.NaN : profile.latitude();
            longitude[i] = profile.longitude() == null ? Double.NaN : profile.longitude();
            birthYear[i] = profile.birthYear() == null ? 0 : profile.birthYear();
            clearance[i] = profile.clearance();
            System.arraycopy(profile.week(), 0, week, i * 7, 7);
            for (long day : profile.week()) {
                hasPattern[i] |= day != 0;
            }
            fromDay[i] = profile.availableFrom() == null ? Long.MIN_VALUE : profile.availableFrom().toEpochDay();
            untilDay[i] = profile.availableUntil() == null ? Long.MAX_VALUE : profile.availableUntil().toEpochDay();
            maxPerMonth[i] = profile.maxPerMonth();
        }
    }

    public int size() {
        return size;
    }

    /** -1 for no place; a place no volunteer has gets an index no volunteer matches. */
    int placeIndex(String name) {
        if (name == null || name.isBlank()) {
            return -1;
        }
        return places.getOrDefault(normalisePlace(name), Integer.MIN_VALUE);
    }

    /** The bitset of the given tags over this snapshot's vocabulary, or null if some tag no volunteer has. */
    long[] skillMask(Set<String> tags) {
        long[] mask = new long[skillWords];
        for (String tag : tags) {
            Integer bit = skillBits.get(tag);
            if (bit == null) {
                return null;
            }
            mask[bit / 64] |= 1L << (bit % 64);
        }
        return mask;
    }

    boolean hasSkill(int index, String tag) {
        Integer bit = skillBits.get(tag);
        return bit != null && (skills[index * skillWords + bit / 64] & (1L << (bit % 64))) != 0;
    }

    boolean hasInterest(int index, String cause) {
        Integer bit = cause == null ? null : causeBits.get(cause);
        return bit != null && (interests[index * causeWords + bit / 64] & (1L << (bit % 64))) != 0;
    }

    private int place(String name) {
        if (name == null || name.isBlank()) {
            return -1;
        }
        return places.computeIfAbsent(normalisePlace(name), key -> places.size());
    }

    static String normalisePlace(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT).replace('ё', 'е');
    }

    @Override
    public String toString() {
        return "CandidateSnapshot[" + size + " volunteers, " + skillBits.size() + " skills]";
    }
}
