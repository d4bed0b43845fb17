package org.opora.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.grants.review.Expert;
import org.opora.grants.review.ExpertPanel;
import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.ResourceCentre;
import org.opora.system.OporaTime;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A grant competition taking applications in the demo: the two demo experts in its pool (a CSO and a
 * government representative), and staff on the grant committee. Loaded once, after {@link DemoData}.
 */
@Component
@Profile("demo & !postgres")
@Order(20)
class GrantsDemoData implements ApplicationRunner {

    private final OrganisationRepository organisations;
    private final CompetitionService competitions;
    private final ExpertPanel panel;
    private final IdentityService identityService;
    private final OporaTime time;

    GrantsDemoData(OrganisationRepository organisations, CompetitionService competitions, ExpertPanel panel,
            IdentityService identityService, OporaTime time) {
        this.organisations = organisations;
        this.competitions = competitions;
        this.panel = panel;
        this.identityService = identityService;
        this.time = time;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        ResourceCentre centre = organisations.findCentreByName(DemoData.CENTRE_NAME).orElse(null);
        if (centre == null || !panel.pool(centre.id()).isEmpty()) {
            return;
        }
        panel.saveExpert(new Expert("expert", centre.id(), Expert.Sector.CSO, List.of("Тверская область"),
                List.of("дети", "семья"), List.of(), true));
        panel.saveExpert(new Expert("expert2", centre.id(), Expert.Sector.GOVERNMENT, List.of(), List.of("социальная защита"),
                List.of(), true));
        if (identityService.createUserQuery().memberOfGroup("grant-committee").userId("staff").count() == 0) {
            identityService.createMembership("staff", "grant-committee");
        }
        competitions.create(new Competition(UUID.randomUUID(), centre.id(), "Малые гранты: дети и семья",
                "Проекты помощи детям и семьям Тверской области", time.now().minus(Duration.ofDays(1)),
                time.now().plus(Duration.ofDays(30)), time.today().plusDays(60), new BigDecimal("2000000"),
                new BigDecimal("100000"), new BigDecimal("500000"), 12, 2, new Competition.SectorMix(1, 1, 1), 12,
                List.of("устав"), 30, 5, 2, 10, 7, 60, List.of(50, 50), List.of(),
                List.of(new Competition.Criterion(1, "Актуальность", "Насколько важна проблема, которую решает проект",
                                new BigDecimal("2"), 10),
                        new Competition.Criterion(2, "Реалистичность бюджета", "Соответствуют ли расходы плану", BigDecimal.ONE,
                                10)),
                List.of(new Competition.PassMark(BigDecimal.ZERO, new BigDecimal("60"))), null, "staff", time.now()));
    }
}
