package org.opora.volunteering;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of volunteer matching ({@code opora.volunteering} in application.yaml, documented in the README).
 *
 * @param offerWindow      how long a volunteer has to answer an offer before the next candidates get one
 * @param offersPerPlace   how many offers go out per open place (2: twice the places)
 * @param profileLinkDays  how long a profile, hours or feedback link in an e-mail works
 * @param confirmLinkDays  how long the e-mail confirmation link of a sign-up works
 * @param ranking          the ranking's weights and horizons
 */
@ConfigurationProperties("opora.volunteering")
public record VolunteeringProperties(
        @DefaultValue("PT48H") Duration offerWindow,
        @DefaultValue("2") int offersPerPlace,
        @DefaultValue("180") int profileLinkDays,
        @DefaultValue("7") int confirmLinkDays,
        @DefaultValue Ranking ranking) {

    /**
     * Weights of the ranking's components (each component scores 0..1 before weighting) and the
     * horizons of reliability and fairness. Required skills, the monthly maximum, dates, age and the
     * certificate for work with children are hard filters, not weights.
     *
     * @param niceSkills        share of the nice-to-have skills the volunteer has
     * @param interest          the request's cause is among the volunteer's interests
     * @param distance          closeness: by coordinates when both have them, else same district (1) or city (0.5)
     * @param maxDistanceKm     at this distance or more, closeness scores 0
     * @param availability      share of the request's hours the volunteer is free
     * @param reliability       1 without no-shows; each recent no-show lowers it
     * @param noShowPenalty     how much one no-show lowers reliability at first
     * @param recoveryDays      after this many days without a new no-show, reliability is whole again
     * @param fairness          not offered anything recently rises; never offered scores 1
     * @param fairnessDays      an offer this many days ago or longer counts as "not recently"
     * @param load              fewer commitments this month score higher
     * @param declinedCause     subtracted when the volunteer declined a request of this cause as "not this cause"
     * @param declinedDate      subtracted when the volunteer declined this date, or this weekday, as "not this date"
     * @param declineMemoryDays how long a decline reason is remembered
     * @param top               how many ranked candidates a match returns
     */
    public record Ranking(
            @DefaultValue("3") double niceSkills,
            @DefaultValue("2") double interest,
            @DefaultValue("2") double distance,
            @DefaultValue("30") double maxDistanceKm,
            @DefaultValue("2") double availability,
            @DefaultValue("2") double reliability,
            @DefaultValue("0.35") double noShowPenalty,
            @DefaultValue("180") int recoveryDays,
            @DefaultValue("1.5") double fairness,
            @DefaultValue("30") int fairnessDays,
            @DefaultValue("1") double load,
            @DefaultValue("3") double declinedCause,
            @DefaultValue("2") double declinedDate,
            @DefaultValue("180") int declineMemoryDays,
            @DefaultValue("50") int top) {

        public static Ranking defaults() {
            return new Ranking(3, 2, 2, 30, 2, 2, 0.35, 180, 1.5, 30, 1, 3, 2, 180, 50);
        }
    }
}
