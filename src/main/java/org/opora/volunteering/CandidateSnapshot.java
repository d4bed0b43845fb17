package org.opora.volunteering;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pool of active volunteers as compact arrays, built once from the database and reused by every
 * match until a profile changes: skills and interests are bitsets over a vocabulary interned here,
 * places are interned indices, weekly availability is one half-hour mask per weekday. Scanning
 * 100,000 of them is a few milliseconds of bit arithmetic. Nothing here changes after construction:
 * a changed profile makes a new snapshot by {@link #with}, which copies everyone else's rows.
 */
public final class CandidateSnapshot {

    /** The static part of a volunteer's profile that ranking reads. */
    public record Profile(UUID id, String district, String city, Double latitude, Double longitude, Integer birthYear,
            boolean clearance, Set<String> skills, Set<String> interests, long[] week, LocalDate availableFrom,
            LocalDate availableUntil, int maxPerMonth) {
    }

    final int size;
    final UUID[] ids;
    /**
     * Each id's row, by open addressing: a slot is three longs (the id's two halves, the row plus one;
     * 0 for an empty slot), side by side so that a probe reads one cache line. A match looks up every
     * volunteer with history (a tenth of the pool, say), and a {@code HashMap<UUID, Integer>} follows
     * three objects per look-up.
     */
    private final long[] slots;
    private final int slotMask;
    final Map<String, Integer> skillBits;
    final Map<String, Integer> causeBits;
    final Map<String, Integer> places;
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
        this(null, fresh(profiles.size()), profiles);
    }

    /**
     * This pool with the given volunteers read again: a changed profile takes its volunteer's place,
     * a new one comes last, and one no longer active (absent from {@code reread}) leaves; everyone else
     * is copied as they are, in the same order. The database is read for those volunteers only.
     *
     * @param changed the volunteers whose rows changed
     * @param reread  the active profiles among them, as the database has them now
     */
    CandidateSnapshot with(Collection<UUID> changed, List<Profile> reread) {
        Set<UUID> replaced = new HashSet<>(changed);
        Map<UUID, Integer> freshIndex = new HashMap<>();
        for (int k = 0; k < reread.size(); k++) {
            freshIndex.put(reread.get(k).id(), k);
        }
        int[] from = new int[size + reread.size()];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!replaced.contains(ids[i])) {
                from[n++] = i;
            } else if (freshIndex.containsKey(ids[i])) {
                from[n++] = -1 - freshIndex.remove(ids[i]);
            }
        }
        for (Profile profile : reread) {
            if (freshIndex.containsKey(profile.id())) {
                from[n++] = -1 - freshIndex.get(profile.id());
            }
        }
        return new CandidateSnapshot(this, java.util.Arrays.copyOf(from, n), reread);
    }

    private static int[] fresh(int count) {
        int[] from = new int[count];
        for (int k = 0; k < count; k++) {
            from[k] = -1 - k;
        }
        return from;
    }

    /**
     * Row j of the new pool is the base's row {@code from[j]} when that is not negative, else the
     * profile {@code profiles.get(-1 - from[j])}. The base's vocabulary and places keep their bits and
     * indices (a tag or place no one has any more matches no one, as an unknown one does).
     */
    private CandidateSnapshot(CandidateSnapshot base, int[] from, List<Profile> profiles) {
        size = from.length;
        skillBits = base == null ? new HashMap<>() : new HashMap<>(base.skillBits);
        causeBits = base == null ? new HashMap<>() : new HashMap<>(base.causeBits);
        places = base == null ? new HashMap<>() : new HashMap<>(base.places);
        for (Profile profile : profiles) {
            profile.skills().forEach(skill -> skillBits.computeIfAbsent(skill, key -> skillBits.size()));
            profile.interests().forEach(cause -> causeBits.computeIfAbsent(cause, key -> causeBits.size()));
        }
        skillWords = Math.max(1, (skillBits.size() + 63) / 64);
        causeWords = Math.max(1, (causeBits.size() + 63) / 64);
        ids = new UUID[size];
        int slotCount = Integer.highestOneBit(Math.max(8, size) * 2 - 1) << 1;
        slots = new long[slotCount * 3];
        slotMask = slotCount - 1;
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
            if (from[i] >= 0) {
                copy(base, from[i], i);
            } else {
                fill(profiles.get(-1 - from[i]), i);
            }
            int slot = slot(ids[i]);
            while (slots[slot * 3 + 2] != 0) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot * 3] = ids[i].getMostSignificantBits();
            slots[slot * 3 + 1] = ids[i].getLeastSignificantBits();
            slots[slot * 3 + 2] = i + 1;
        }
    }

    /** The volunteer's row, or -1 if they are not in this pool. */
    int indexOf(UUID id) {
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        for (int slot = slot(id); slots[slot * 3 + 2] != 0; slot = (slot + 1) & slotMask) {
            if (slots[slot * 3] == high && slots[slot * 3 + 1] == low) {
                return (int) slots[slot * 3 + 2] - 1;
            }
        }
        return -1;
    }

    private int slot(UUID id) {
        long mixed = (id.getMostSignificantBits() ^ id.getLeastSignificantBits()) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & slotMask;
    }

    private void copy(CandidateSnapshot base, int b, int i) {
        ids[i] = base.ids[b];
        System.arraycopy(base.skills, b * base.skillWords, skills, i * skillWords, base.skillWords);
        System.arraycopy(base.interests, b * base.causeWords, interests, i * causeWords, base.causeWords);
        district[i] = base.district[b];
        city[i] = base.city[b];
        latitude[i] = base.latitude[b];
        longitude[i] = base.longitude[b];
        birthYear[i] = base.birthYear[b];
        clearance[i] = base.clearance[b];
        System.arraycopy(base.week, b * 7, week, i * 7, 7);
        hasPattern[i] = base.hasPattern[b];
        fromDay[i] = base.fromDay[b];
        untilDay[i] = base.untilDay[b];
        maxPerMonth[i] = base.maxPerMonth[b];
    }

    private void fill(Profile profile, int i) {
        ids[i] = profile.id();
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
