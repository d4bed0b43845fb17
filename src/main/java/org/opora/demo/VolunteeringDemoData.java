package org.opora.demo;

import static org.opora.volunteering.Availability.Day.FRI;
import static org.opora.volunteering.Availability.Day.SAT;
import static org.opora.volunteering.Availability.Day.SUN;
import static org.opora.volunteering.Availability.Day.WED;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;


import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.volunteering.Availability.Day;
import org.opora.volunteering.Availability.Slot;
import org.opora.volunteering.MatchingService;
import org.opora.volunteering.Volunteer;
import org.opora.volunteering.VolunteerRequest;
import org.opora.volunteering.VolunteerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Volunteers for the demo: six people in Tver with different skills and free days, and one request
 * of "Добрые соседи" awaiting staff's vetting, so that the whole path (vet, offers by e-mail,
 * accept by link, attendance) can be walked in a browser. Loaded once, after {@link DemoData};
 * never in the postgres profile.
 */
@Component
@Profile("demo & !postgres")
@Order(20)
class VolunteeringDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(VolunteeringDemoData.class);

    private final VolunteerService volunteers;
    private final MatchingService matching;
    private final OrganisationRepository organisations;
    private final JdbcClient jdbc;
    private final Clock clock;

    VolunteeringDemoData(VolunteerService volunteers, MatchingService matching, OrganisationRepository organisations,
            JdbcClient jdbc, Clock clock) {
        this.volunteers = volunteers;
        this.matching = matching;
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM volunteer").query(Long.class).single() > 0) {
            return;
        }
        Organisation sosedi = organisations.findByShortName("Добрые соседи").orElse(null);
        if (sosedi == null) {
            return;
        }
        volunteer("Ольга Смирнова", "olga@volunteers.example", "ru", "Центральный", "first aid, cooking", "elderly, children",
                List.of(slot(SAT, "09:00", "15:00"), slot(SUN, "10:00", "14:00")), true);
        volunteer("Иван Кузнецов", "ivan@volunteers.example", "ru", "Заволжский", "driving, first aid", "elderly",
                List.of(Slot.wholeDay(SAT), slot(WED, "18:00", "21:00")), false);
        volunteer("Мария Попова", "maria@volunteers.example", "ru", "Центральный", "teaching, childcare", "children, education",
                List.of(slot(SAT, "10:00", "13:00")), true);
        volunteer("Алексей Волков", "alexey@volunteers.example", "ru", "Пролетарский", "carpentry, driving", "environment",
                List.of(Slot.wholeDay(SUN)), false);
        volunteer("Emma Clarke", "emma@volunteers.example", "en", "Центральный", "languages, first aid", "migrants, elderly",
                List.of(slot(SAT, "09:00", "18:00")), false);
        volunteer("Дмитрий Соколов", "dmitry@volunteers.example", "ru", "Московский", "photography, social media", "culture",
                List.of(slot(FRI, "17:00", "21:00")), false);

        LocalDate saturday = LocalDate.now(clock).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        matching.post(sosedi.id(), "cso-a", new VolunteerRequest(null, sosedi.id(), "Продукты для одиноких пожилых",
                "Развезти продуктовые наборы шести одиноким пожилым людям и побыть с ними полчаса",
                "Они не выходят из дома, а соцработник приходит раз в неделю", "Тверь, ул. Советская, 10 (склад)",
                "Центральный", "Тверь", null, null, "elderly", saturday, LocalTime.of(10, 0), LocalTime.of(14, 0), 0, saturday, 2, 0,
                Set.of("first aid"), Set.of("driving", "cooking"), 18, false, "Алла Соседова", "cso-a@opora.local",
                "+7 900 123-45-67", VolunteerRequest.State.VETTING, null, false));
        log.info("Volunteering demo data loaded: 6 volunteers, one request awaiting vetting by 'staff'");
    }

    private void volunteer(String name, String email, String language, String district, String skills, String interests,
            List<Slot> availability, boolean clearance) {
        volunteers.enter(new Volunteer(null, null, name, email, null, language, district, "Тверь", null, null, 1990, clearance,
                tags(skills), tags(interests), availability, null, null, 4, null, null, null, 0, null, null));
    }

    private static Slot slot(Day day, String from, String to) {
        return new Slot(day, LocalTime.parse(from), LocalTime.parse(to));
    }

    private static Set<String> tags(String text) {
        return new LinkedHashSet<>(List.of(text.split(",\\s*")));
    }
}
