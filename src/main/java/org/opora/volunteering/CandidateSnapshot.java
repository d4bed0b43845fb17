package org.opora.volunteering;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pool of active volunteers as compact arrays, built once from the database and reused by every
 * match until a profile changes: skills and interests are bitsets over a vocabulary interned here,
 * places are interned indices, weekly availability is one half-hour mask per weekday. Scanning
 * 100,000 of them is a few milliseconds of bit arithmetic. Nothing here changes after construction:
 * a changed profile makes a new snapshot by {@link #with}, which copies everyone else's rows. The whole
 * pool is read into a {@link Builder} row by row.
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
        this(Builder.of(profiles));
    }

    /**
     * This pool with the given volunteers read again: a changed profile takes its volunteer's place,
     * a new one comes last, and one no longer active (absent from {@code reread}) leaves; everyone else
     * is copied as they are, in the same order. The database is read for those volunteers only. The
     * base's vocabulary and places keep their bits and indices (a tag or place no one has any more
     * matches no one, as an unknown one does).
     *
     * @param changed the volunteers whose rows changed
     * @param reread  the active profiles among them, as the database has them now
     */
    CandidateSnapshot with(Collection<UUID> changed, List<Profile> reread) {
        Set<UUID> replaced = new HashSet<>(changed);
        Map<UUID, Profile> fresh = new LinkedHashMap<>();
        reread.forEach(profile -> fresh.put(profile.id(), profile));
        Builder next = new Builder(this, size + reread.size());
        for (int i = 0; i < size; i++) {
            if (!replaced.contains(ids[i])) {
                next.copy(this, i);
            } else if (fresh.containsKey(ids[i])) {
                next.add(fresh.remove(ids[i]));
            }
        }
        fresh.values().forEach(next::add);
        return next.build();
    }

    /** The builder's rows, its arrays cut to the pool's size, and the ids' table. */
    private CandidateSnapshot(Builder rows) {
        size = rows.size;
        skillBits = rows.skillBits;
        causeBits = rows.causeBits;
        places = rows.places;
        skillWords = rows.skillWords;
        causeWords = rows.causeWords;
        ids = Arrays.copyOf(rows.ids, size);
        skills = Arrays.copyOf(rows.skills, size * skillWords);
        interests = Arrays.copyOf(rows.interests, size * causeWords);
        district = Arrays.copyOf(rows.district, size);
        city = Arrays.copyOf(rows.city, size);
        latitude = Arrays.copyOf(rows.latitude, size);
        longitude = Arrays.copyOf(rows.longitude, size);
        birthYear = Arrays.copyOf(rows.birthYear, size);
        clearance = Arrays.copyOf(rows.clearance, size);
        week = Arrays.copyOf(rows.week, size * 7);
        hasPattern = Arrays.copyOf(rows.hasPattern, size);
        fromDay = Arrays.copyOf(rows.fromDay, size);
        untilDay = Arrays.copyOf(rows.untilDay, size);
        maxPerMonth = Arrays.copyOf(rows.maxPerMonth, size);
        int slotCount = Integer.highestOneBit(Math.max(8, size) * 2 - 1) << 1;
        slots = new long[slotCount * 3];
        slotMask = slotCount - 1;
        for (int i = 0; i < size; i++) {
            int slot = slot(ids[i]);
            while (slots[slot * 3 + 2] != 0) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot * 3] = ids[i].getMostSignificantBits();
            slots[slot * 3 + 1] = ids[i].getLeastSignificantBits();
            slots[slot * 3 + 2] = i + 1;
        }
    }

    /**
     * A snapshot made one row at a time, each profile laid into growing arrays as it comes: the whole
     * pool is read as a stream ({@code VolunteerRepository.activeProfiles(Consumer)}), so no list of all
     * the profiles, nor the driver's whole result, is held beside the arrays (ADR 32). The bitsets widen
     * when the vocabulary outgrows them. Used once: {@link #build} hands its maps to the snapshot.
     */
    static final class Builder {

        private final Map<String, Integer> skillBits;
        private final Map<String, Integer> causeBits;
        private final Map<String, Integer> places;
        private int size;
        private int capacity;
        private int skillWords;
        private int causeWords;
        private UUID[] ids;
        private long[] skills;
        private long[] interests;
        private int[] district;
        private int[] city;
        private double[] latitude;
        private double[] longitude;
        private int[] birthYear;
        private boolean[] clearance;
        private long[] week;
        private boolean[] hasPattern;
        private long[] fromDay;
        private long[] untilDay;
        private int[] maxPerMonth;

        /** A pool read afresh; {@code expected} rows are room to begin with (more grow the arrays). */
        Builder(int expected) {
            this(null, expected);
        }

        /** A pool that keeps the base's vocabulary and places (none: a fresh one). */
        private Builder(CandidateSnapshot base, int expected) {
            skillBits = base == null ? new HashMap<>() : new HashMap<>(base.skillBits);
            causeBits = base == null ? new HashMap<>() : new HashMap<>(base.causeBits);
            places = base == null ? new HashMap<>() : new HashMap<>(base.places);
            skillWords = base == null ? 1 : base.skillWords;
            causeWords = base == null ? 1 : base.causeWords;
            capacity = Math.max(16, expected);
            ids = new UUID[capacity];
            skills = new long[capacity * skillWords];
            interests = new long[capacity * causeWords];
            district = new int[capacity];
            city = new int[capacity];
            latitude = new double[capacity];
            longitude = new double[capacity];
            birthYear = new int[capacity];
            clearance = new boolean[capacity];
            week = new long[capacity * 7];
            hasPattern = new boolean[capacity];
            fromDay = new long[capacity];
            untilDay = new long[capacity];
            maxPerMonth = new int[capacity];
        }

        private static Builder of(List<Profile> profiles) {
            Builder rows = new Builder(profiles.size());
            profiles.forEach(rows::add);
            return rows;
        }

        /** The profile as the next row. */
        void add(Profile profile) {
            profile.skills().forEach(skill -> skillBits.computeIfAbsent(skill, key -> skillBits.size()));
            profile.interests().forEach(cause -> causeBits.computeIfAbsent(cause, key -> causeBits.size()));
            int words = Math.max(1, (skillBits.size() + 63) / 64);
            if (words > skillWords) {
                skills = widen(skills, skillWords, words);
                skillWords = words;
            }
            words = Math.max(1, (causeBits.size() + 63) / 64);
            if (words > causeWords) {
                interests = widen(interests, causeWords, words);
                causeWords = words;
            }
            int i = next();
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

        /** The base's row b as the next row: the base's vocabulary is this one's first bits. */
        private void copy(CandidateSnapshot base, int b) {
            int i = next();
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

        CandidateSnapshot build() {
            return new CandidateSnapshot(this);
        }

        /** The next row's index; full arrays grow by half. */
        private int next() {
            if (size == capacity) {
                capacity += capacity / 2;
                ids = Arrays.copyOf(ids, capacity);
                skills = Arrays.copyOf(skills, capacity * skillWords);
                interests = Arrays.copyOf(interests, capacity * causeWords);
                district = Arrays.copyOf(district, capacity);
                city = Arrays.copyOf(city, capacity);
                latitude = Arrays.copyOf(latitude, capacity);
                longitude = Arrays.copyOf(longitude, capacity);
                birthYear = Arrays.copyOf(birthYear, capacity);
                clearance = Arrays.copyOf(clearance, capacity);
                week = Arrays.copyOf(week, capacity * 7);
                hasPattern = Arrays.copyOf(hasPattern, capacity);
                fromDay = Arrays.copyOf(fromDay, capacity);
                untilDay = Arrays.copyOf(untilDay, capacity);
                maxPerMonth = Arrays.copyOf(maxPerMonth, capacity);
            }
            return size++;
        }

        /** The rows' bitsets laid out again {@code to} words wide; each bit stays where it was. */
        private long[] widen(long[] bits, int from, int to) {
            long[] wider = new long[capacity * to];
            for (int row = 0; row < size; row++) {
                System.arraycopy(bits, row * from, wider, row * to, from);
            }
            return wider;
        }

        private int place(String name) {
            if (name == null || name.isBlank()) {
                return -1;
            }
            return places.computeIfAbsent(normalisePlace(name), key -> places.size());
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

    static String normalisePlace(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT).replace('ё', 'е');
    }

    @Override
    public String toString() {
        return "CandidateSnapshot[" + size + " volunteers, " + skillBits.size() + " skills]";
    }
}
