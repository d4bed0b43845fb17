package org.opora.volunteering;

import static org.opora.volunteering.Availability.Day.SAT;
import static org.opora.volunteering.Availability.Day.SUN;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.opora.volunteering.Availability.Slot;

import org.junit.jupiter.api.Test;

/** The ranking alone, without Spring or the engine: filters, weights and explanations. */
class VolunteerRankingTest {

    /** A Saturday. */
    private static final LocalDate DATE = LocalDate.of(2027, 3, 6);
    private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

    private final VolunteerRanking ranking = new VolunteerRanking(VolunteeringProperties.Ranking.defaults());
    private final List<CandidateSnapshot.Profile> pool = new ArrayList<>();

    @Test
    void requiredSkillsAreAHardFilterAndNiceOnesRankHigher() {
        UUID medic = volunteer("first aid, driving", "Central", List.of(slot(SAT, 9, 15)), 4);
        UUID driverOnly = volunteer("driving", "Central", List.of(slot(SAT, 9, 15)), 4);
        UUID medicFar = volunteer("first aid", "Northern", List.of(slot(SAT, 9, 15)), 4);

        List<VolunteerRanking.Match> matches = rank(criteria(Set.of("first aid"), Set.of("driving")), VolunteerRanking.Dynamics.none());

        assertThat(ids(matches)).containsExactly(medic, medicFar).doesNotContain(driverOnly);
        assertThat(keys(matches.get(0))).contains("volunteering.why.required", "volunteering.why.nice", "volunteering.why.district",
                "volunteering.why.free", "volunteering.why.never-offered");
        assertThat(matches.get(0).reasons()).contains(new VolunteerRanking.Reason("volunteering.why.required", List.of("first aid")));
    }

    @Test
    void whoIsNotFreeThenOrOutsideTheirDatesIsLeftOutAndPartlyFreeRanksLower() {
        UUID free = volunteer("", "Central", List.of(slot(SAT, 9, 15)), 4);
        UUID partly = volunteer("", "Central", List.of(slot(SAT, 12, 18)), 4);
        UUID sundays = volunteer("", "Central", List.of(Slot.wholeDay(SUN)), 4);
        UUID saysNothing = volunteer("", "Central", List.of(), 4);

        List<VolunteerRanking.Match> matches = rank(criteria(Set.of(), Set.of()), VolunteerRanking.Dynamics.none());

        assertThat(ids(matches)).containsExactly(free, partly, saysNothing).doesNotContain(sundays);
        assertThat(keys(matches.get(1))).contains("volunteering.why.partly-free");
    }

    @Test
    void theMonthlyMaximumIsNeverExceeded() {
        UUID busy = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 2);
        UUID idle = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 2);
        UUID halfBusy = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 2);

        List<VolunteerRanking.Match> matches = rank(criteria(Set.of(), Set.of()),
                new VolunteerRanking.Dynamics(Map.of(busy, 2, halfBusy, 1), Map.of(), Map.of(), Map.of(), Set.of()));

        assertThat(ids(matches)).containsExactly(idle, halfBusy);
    }

    @Test
    void noShowsLowerReliabilityWhichRecoversWithTime() {
        UUID reliable = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 4);
        UUID missedLately = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 4);
        UUID missedLongAgo = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 4);

        List<VolunteerRanking.Match> matches = rank(criteria(Set.of(), Set.of()), new VolunteerRanking.Dynamics(Map.of(), Map.of(),
                Map.of(missedLately, new VolunteerRanking.NoShows(1, TODAY.minusDays(10)),
                        missedLongAgo, new VolunteerRanking.NoShows(1, TODAY.minusDays(400))), Map.of(), Set.of()));

        assertThat(ids(matches).get(2)).isEqualTo(missedLately);
        assertThat(ids(matches).subList(0, 2)).containsExactlyInAnyOrder(reliable, missedLongAgo);
        assertThat(keys(matches.get(2))).contains("volunteering.why.no-shows");
        assertThat(ranking.reliability(new VolunteerRanking.NoShows(1, TODAY.minusDays(90)), TODAY)).isBetween(0.8, 0.9);
    }

    @Test
    void volunteersNotOfferedAnythingRecentlyRise() {
        UUID offeredYesterday = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 4);
        UUID offeredLongAgo = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 4);

        List<VolunteerRanking.Match> matches = rank(criteria(Set.of(), Set.of()), new VolunteerRanking.Dynamics(Map.of(),
                Map.of(offeredYesterday, TODAY.minusDays(1), offeredLongAgo, TODAY.minusDays(60)), Map.of(), Map.of(), Set.of()));

        assertThat(ids(matches)).containsExactly(offeredLongAgo, offeredYesterday);
        assertThat(keys(matches.get(1))).contains("volunteering.why.recently");
        assertThat(keys(matches.get(0))).contains("volunteering.why.not-recently");
    }

    @Test
    void declineReasonsOfEarlierOffersCountAgainstTheSameCauseOrDay() {
        UUID notThisCause = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 4);
        UUID notThisDate = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 4);
        UUID willing = volunteer("", "Central", List.of(Slot.wholeDay(SAT)), 4);

        List<VolunteerRanking.Match> matches = rank(criteria(Set.of(), Set.of()), new VolunteerRanking.Dynamics(Map.of(), Map.of(),
                Map.of(), Map.of(notThisCause, List.of(new VolunteerRanking.Decline("CAUSE", "elderly", DATE.minusDays(14))),
                        notThisDate, List.of(new VolunteerRanking.Decline("DATE", "animals", DATE.minusDays(7)))), Set.of()));

        assertThat(ids(matches)).containsExactly(willing, notThisDate, notThisCause);
        assertThat(keys(matches.get(2))).contains("volunteering.why.declined-cause");
        assertThat(keys(matches.get(1))).contains("volunteering.why.declined-date");
    }

    @Test
    void distanceByCoordinatesWhenBothHaveThemAndWorkWithChildrenNeedsACertificate() {
        UUID near = add(new CandidateSnapshot.Profile(UUID.randomUUID(), null, null, 55.75, 37.62, 1990, true, Set.of(), Set.of(),
                Availability.week(List.of(Slot.wholeDay(SAT))), null, null, 4));
        UUID far = add(new CandidateSnapshot.Profile(UUID.randomUUID(), null, null, 55.95, 37.62, 1990, true, Set.of(), Set.of(),
                Availability.week(List.of(Slot.wholeDay(SAT))), null, null, 4));
        UUID noCertificate = add(new CandidateSnapshot.Profile(UUID.randomUUID(), null, null, 55.75, 37.62, 1990, false, Set.of(),
                Set.of(), Availability.week(List.of(Slot.wholeDay(SAT))), null, null, 4));
        UUID tooYoung = add(new CandidateSnapshot.Profile(UUID.randomUUID(), null, null, 55.75, 37.62, 2012, true, Set.of(), Set.of(),
                Availability.week(List.of(Slot.wholeDay(SAT))), null, null, 4));
        VolunteerRanking.Criteria withChildren = new VolunteerRanking.Criteria(DATE, LocalTime.of(10, 0), LocalTime.of(14, 0), 0,
                null, null, 55.751, 37.618, "children", Set.of(), Set.of(), 18, true);

        List<VolunteerRanking.Match> matches = ranking.rank(new CandidateSnapshot(pool), withChildren,
                VolunteerRanking.Dynamics.none(), TODAY, 10);

        assertThat(ids(matches)).containsExactly(near, far).doesNotContain(noCertificate, tooYoung);
        assertThat(matches.get(1).reasons().stream().filter(r -> r.key().equals("volunteering.why.distance")).findFirst()
                .orElseThrow().args().get(0)).isEqualTo(22.1);
    }

    @Test
    void onlyTheBestAreKeptAndVolunteersAlreadyAskedAreNotAskedAgain() {
        List<UUID> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(volunteer("", i % 2 == 0 ? "Central" : "Northern", List.of(Slot.wholeDay(SAT)), 4));
        }
        List<VolunteerRanking.Match> top = ranking.rank(new CandidateSnapshot(pool), criteria(Set.of(), Set.of()),
                new VolunteerRanking.Dynamics(Map.of(), Map.of(), Map.of(), Map.of(), Set.of(all.get(0))), TODAY, 50);

        assertThat(top).hasSize(50);
        assertThat(ids(top)).doesNotContain(all.get(0));
        assertThat(top).allSatisfy(match -> assertThat(keys(match)).contains("volunteering.why.district"));
        assertThat(top).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void aSnapshotPatchedWithTheChangedVolunteersRanksExactlyAsOneReadAfresh() {
        // 64 skills fill one word of the bitsets; the changed profile brings a 65th, so the patch lays them out again.
        List<UUID> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(add(new CandidateSnapshot.Profile(UUID.randomUUID(), i % 3 == 0 ? "Central" : "District " + i % 7, "Moscow",
                    i % 4 == 0 ? 55.75 + i / 10_000.0 : null, i % 4 == 0 ? 37.61 : null, 1950 + i % 60, i % 5 == 0,
                    Set.of("skill " + i % 64, "skill " + (i * 7 + 1) % 64 + "b"), Set.of(i % 2 == 0 ? "elderly" : "animals"),
                    Availability.week(i % 3 == 1 ? List.of() : List.of(slot(SAT, 8 + i % 4, 14 + i % 3))), null, null, 1 + i % 4)));
        }
        CandidateSnapshot before = new CandidateSnapshot(pool);
        UUID changed = all.get(3);
        UUID paused = all.get(6);
        CandidateSnapshot.Profile changedProfile = new CandidateSnapshot.Profile(changed, "Northern", "Tver", null, null, 1980, true,
                Set.of("skill 1", "bell ringing"), Set.of("elderly"), Availability.week(List.of(Slot.wholeDay(SAT))), null, null, 4);
        CandidateSnapshot.Profile newcomer = new CandidateSnapshot.Profile(UUID.randomUUID(), "Central", "Moscow", null, null, null,
                false, Set.of("skill 1"), Set.of(), Availability.week(List.of()), null, null, 2);
        pool.set(3, changedProfile);
        pool.remove(6);
        pool.add(newcomer);

        CandidateSnapshot patched = before.with(List.of(changed, paused, newcomer.id()), List.of(newcomer, changedProfile));
        CandidateSnapshot fresh = new CandidateSnapshot(pool);

        assertThat(patched.size()).isEqualTo(300);
        VolunteerRanking.Dynamics dynamics = new VolunteerRanking.Dynamics(Map.of(all.get(9), 1), Map.of(all.get(12), TODAY.minusDays(3)),
                Map.of(all.get(15), new VolunteerRanking.NoShows(1, TODAY.minusDays(10))), Map.of(), Set.of(all.get(18)));
        for (VolunteerRanking.Criteria criteria : List.of(criteria(Set.of(), Set.of("skill 1")), criteria(Set.of("skill 1"), Set.of()),
                criteria(Set.of("bell ringing"), Set.of()), new VolunteerRanking.Criteria(DATE, LocalTime.of(10, 0), LocalTime.of(12, 0),
                        0, "Northern", "Tver", 55.76, 37.6, "animals", Set.of(), Set.of("skill 5", "bell ringing"), 30, true))) {
            // top = the whole pool: no cut-off, so no tie is settled by the order the rows were read in
            assertThat(ranking.rank(patched, criteria, dynamics, TODAY, 400)).isEqualTo(ranking.rank(fresh, criteria, dynamics, TODAY, 400));
        }
        assertThat(ids(ranking.rank(patched, criteria(Set.of("bell ringing"), Set.of()), dynamics, TODAY, 10))).containsExactly(changed);
        assertThat(ids(ranking.rank(patched, criteria(Set.of(), Set.of()), dynamics, TODAY, 400))).doesNotContain(paused)
                .contains(newcomer.id());
    }

    private VolunteerRanking.Criteria criteria(Set<String> required, Set<String> nice) {
        return new VolunteerRanking.Criteria(DATE, LocalTime.of(10, 0), LocalTime.of(14, 0), 0, "Central", "Moscow", null, null,
                "elderly", required, nice, 0, false);
    }

    private UUID volunteer(String skills, String district, List<Slot> availability, int maxPerMonth) {
        return add(new CandidateSnapshot.Profile(UUID.randomUUID(), district, "Moscow", null, null, null, false, Tags.parse(List.of(skills.split(","))),
                Set.of("elderly"), Availability.week(availability), null, null, maxPerMonth));
    }

    private static Slot slot(Availability.Day day, int fromHour, int toHour) {
        return new Slot(day, LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0));
    }

    private UUID add(CandidateSnapshot.Profile profile) {
        pool.add(profile);
        return profile.id();
    }

    private List<VolunteerRanking.Match> rank(VolunteerRanking.Criteria criteria, VolunteerRanking.Dynamics dynamics) {
        return ranking.rank(new CandidateSnapshot(pool), criteria, dynamics, TODAY, 10);
    }

    private static List<UUID> ids(List<VolunteerRanking.Match> matches) {
        return matches.stream().map(VolunteerRanking.Match::volunteerId).toList();
    }

    private static List<String> keys(VolunteerRanking.Match match) {
        return match.reasons().stream().map(VolunteerRanking.Reason::key).toList();
    }
}
