package org.opora.grants.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opora.grants.competition.Competition;

/** The panel rules and the arithmetic of scores, without the engine. */
class ExpertPanelTest {

    private static final Competition.SectorMix ALL_THREE = new Competition.SectorMix(1, 1, 1);

    @Test
    void theRegionalExpertComesFirstThenTheSectorsStillMissingLeastLoadedFirst() {
        List<Expert> byLoad = List.of(expert("cso-1", Expert.Sector.CSO, null), expert("cso-2", Expert.Sector.CSO, null),
                expert("gov-1", Expert.Sector.GOVERNMENT, null), expert("biz-tver", Expert.Sector.BUSINESS, "Tver"));

        assertThat(ExpertPanel.choose(byLoad, 3, ALL_THREE, "Tver", List.of())).extracting(Expert::userId)
                .containsExactly("biz-tver", "cso-1", "gov-1");
        assertThat(ExpertPanel.choose(byLoad, 2, ALL_THREE, "Moscow", List.of())).extracting(Expert::userId)
                .containsExactly("cso-1", "gov-1");
        // With no sector rules, the least loaded take the places.
        assertThat(ExpertPanel.choose(byLoad, 2, new Competition.SectorMix(0, 0, 0), null, List.of()))
                .extracting(Expert::userId).containsExactly("cso-1", "cso-2");
    }

    @Test
    void aReplacementKeepsTheSectorMixOfThePanelItJoins() {
        List<Expert> byLoad = List.of(expert("cso-2", Expert.Sector.CSO, null), expert("biz-1", Expert.Sector.BUSINESS, null));
        List<Expert> onPanel = List.of(expert("gov-1", Expert.Sector.GOVERNMENT, null));
        assertThat(ExpertPanel.choose(byLoad, 1, ALL_THREE, null, onPanel)).extracting(Expert::userId).containsExactly("cso-2");
    }

    @Test
    void anExpertsTotalIsTheWeightedShareOfTheMaximum() {
        Competition competition = competition();
        // (2 × 10/10 + 1 × 5/10) / 3 = 83.33 points
        assertThat(ReviewService.total(competition, List.of(new Review.Score(1, 10, "a"), new Review.Score(2, 5, "b"))))
                .isEqualByComparingTo("83.33");
    }

    @Test
    void whenAThirdExpertWasCalledTheTotalFarthestFromTheMedianIsLeftOut() {
        assertThat(ReviewService.aggregate(List.of(new BigDecimal("100"), new BigDecimal("30"), new BigDecimal("90")), true))
                .isEqualByComparingTo("95.00");
        assertThat(ReviewService.aggregate(List.of(new BigDecimal("60"), new BigDecimal("70"), new BigDecimal("80")), true))
                .as("a tie keeps all three").isEqualByComparingTo("70.00");
        assertThat(ReviewService.aggregate(List.of(new BigDecimal("61"), new BigDecimal("70")), false))
                .isEqualByComparingTo("65.50");
        // A panel of three by the competition's rules: the plain mean.
        assertThat(ReviewService.aggregate(List.of(new BigDecimal("80"), new BigDecimal("70"), new BigDecimal("71")), false))
                .isEqualByComparingTo("73.67");
    }

    @Test
    void thePassMarkDependsOnTheAmountRequested() {
        Competition competition = competition();
        assertThat(competition.passMarkFor(new BigDecimal("499999.99"))).isEqualByComparingTo("60");
        assertThat(competition.passMarkFor(new BigDecimal("500000"))).isEqualByComparingTo("65");
        assertThat(competition.passMarkFor(new BigDecimal("3000000"))).isEqualByComparingTo("68");
        assertThat(competition.passMarkFor(new BigDecimal("10000001"))).isEqualByComparingTo("70");
    }

    private static Competition competition() {
        return new Competition(UUID.randomUUID(), UUID.randomUUID(), "t", null, null, null, null, null, null, null, 12, 2,
                ALL_THREE, 12, List.of(), 30, 5, 2, 10, 7, 60, List.of(100), List.of(),
                List.of(new Competition.Criterion(1, "Relevance", null, new BigDecimal("2"), 10),
                        new Competition.Criterion(2, "Budget", null, BigDecimal.ONE, 10)),
                // The Presidential Grants Fund's marks: 60/65/68/70 under 0.5m, 0.5-3m, 3-10m and over 10m roubles.
                List.of(new Competition.PassMark(BigDecimal.ZERO, new BigDecimal("60")),
                        new Competition.PassMark(new BigDecimal("500000"), new BigDecimal("65")),
                        new Competition.PassMark(new BigDecimal("3000000"), new BigDecimal("68")),
                        new Competition.PassMark(new BigDecimal("10000000.01"), new BigDecimal("70"))),
                null, "staff", null);
    }

    private static Expert expert(String id, Expert.Sector sector, String region) {
        return new Expert(id, UUID.randomUUID(), sector, region == null ? List.of() : List.of(region), List.of(), List.of(), true);
    }
}
