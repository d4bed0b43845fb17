package org.opora.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.correspondence.Letter;
import org.opora.correspondence.LetterService;
import org.opora.correspondence.LetterTiming;
import org.opora.correspondence.PublicBody;
import org.opora.correspondence.PublicBodyRegistry;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.OrganisationService;
import org.opora.organisations.ResourceCentre;
import org.opora.security.Role;
import org.opora.users.NotificationMode;
import org.opora.users.UserAdministration;
import org.opora.users.UserAdministration.NewUser;
import org.opora.users.UserSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Something to look at in the demo: one resource centre, two CSOs, a small public-body registry,
 * a user for every role (all with the password "demo") and a letter of each CSO in progress. Loaded once into an empty database;
 * never in the postgres profile.
 */
@Component
@Profile("demo & !postgres")
@Order(10)
class DemoData implements ApplicationRunner {

    static final String CENTRE_NAME = "Ресурсный центр «Опора» (демо)";
    static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final OrganisationService organisationService;
    private final OrganisationRepository organisations;
    private final UserAdministration users;
    private final PublicBodyRegistry registry;
    private final LetterService letters;
    private final TaskService taskService;
    private final Clock clock;

    DemoData(OrganisationService organisationService, OrganisationRepository organisations, UserAdministration users,
            PublicBodyRegistry registry, LetterService letters, TaskService taskService, Clock clock) {
        this.organisationService = organisationService;
        this.organisations = organisations;
        this.users = users;
        this.registry = registry;
        this.letters = letters;
        this.taskService = taskService;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (organisations.findCentreByName(CENTRE_NAME).isPresent()) {
            return;
        }
        ResourceCentre centre = organisationService.registerCentre(CENTRE_NAME, "Тверская область");
        Organisation a = organisationService.register(centre.id(), "Автономная некоммерческая организация «Добрые соседи»",
                "Добрые соседи", Organisation.Kind.REGISTERED, "6950000000", "1156952000006", LocalDate.of(2015, 3, 12),
                "Тверская область", "info@dobrye-sosedi.example");
        Organisation b = organisationService.register(centre.id(), "Инициативная группа «Зелёный двор»",
                "Зелёный двор", Organisation.Kind.INITIATIVE_GROUP, null, null, null,
                "Тверская область", "zeleny-dvor@example.org");

        UserSettings ru = new UserSettings("ru", NotificationMode.IMMEDIATE);
        UserSettings en = new UserSettings("en", NotificationMode.IMMEDIATE);
        // "admin" is created by camunda.bpm.admin-user; here it joins the centre.
        users.joinCentre("admin", centre.id());
        users.create(new NewUser("staff", PASSWORD, "Светлана", "Сотрудникова", "staff@opora.local", Role.STAFF, centre.id(), null, ru));
        users.create(new NewUser("expert", PASSWORD, "Эдуард", "Экспертов", "expert@opora.local", Role.EXPERT, centre.id(), null, ru));
        users.create(new NewUser("expert2", PASSWORD, "Emily", "Expert", "expert2@opora.local", Role.EXPERT, centre.id(), null, en));
        users.create(new NewUser("cso-a", PASSWORD, "Алла", "Соседова", "cso-a@opora.local", Role.CSO, centre.id(), a, ru));
        users.create(new NewUser("cso-b", PASSWORD, "Борис", "Дворов", "cso-b@opora.local", Role.CSO, centre.id(), b, ru));

        Map<String, UUID> bodies = registry();
        letters(a, b, bodies);
        log.info("Demo data loaded: users admin, staff, expert, expert2, cso-a, cso-b with password '{}'", PASSWORD);
    }

    /** Two letters, so that the CSOs have work in their task lists: one to send, one awaiting its answer. */
    private void letters(Organisation a, Organisation b, Map<String, UUID> bodies) {
        letters.draft(a.id(), "cso-a", new LetterService.NewLetter(bodies.get("social"),
                "Транспорт для экскурсии детей с инвалидностью", "инвалидность",
                "Просим выделить автобус на 12 человек для экскурсии в Торжок.", LetterTiming.RequestKind.IN_KIND, null,
                "Тверская область", List.of(), List.of("Список участников, 1 стр.")));
        Letter awaiting = letters.draft(b.id(), "cso-b", new LetterService.NewLetter(bodies.get("city"),
                "Благоустройство двора на ул. Спартака", "дворы", "Просим включить двор в программу благоустройства.",
                LetterTiming.RequestKind.ANSWER, null, "Тверская область", List.of("Жители дома № 5"), List.of()));
        LocalDate today = LocalDate.now(clock);
        complete(awaiting, "SendLetter", Map.of("channel", "ONLINE", "sentOn", today.minusDays(10).toString()));
        complete(awaiting, "RecordRegistration", Map.of("registrationNumber", "Вх-1024", "registeredOn",
                today.minusDays(8).toString()));
    }

    private void complete(Letter letter, String taskKey, Map<String, Object> fields) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(letter.id().toString())
                .taskDefinitionKey(taskKey).singleResult();
        taskService.complete(task.getId(), fields);
    }

    /** A small registry of one region's bodies, for routing letters. */
    private Map<String, UUID> registry() {
        UUID government = body(null, "Правительство Тверской области", PublicBody.Kind.ADMINISTRATION, PublicBody.Level.REGIONAL,
                List.of("общие вопросы", "бюджет области"), "170100, г. Тверь, ул. Советская, 44", "https://tverreg.ru", "09-01");
        UUID social = body(government, "Министерство социальной защиты населения Тверской области", PublicBody.Kind.MINISTRY,
                PublicBody.Level.REGIONAL, List.of("социальная защита", "пожилые", "инвалидность", "семьи с детьми"),
                "170100, г. Тверь, ул. Советская, 23", null, "08-01");
        body(social, "Отдел по делам пожилых граждан и инвалидов", PublicBody.Kind.DEPARTMENT, PublicBody.Level.REGIONAL,
                List.of("пожилые", "инвалидность", "доступная среда"), null, null, null);
        UUID education = body(government, "Министерство образования Тверской области", PublicBody.Kind.MINISTRY,
                PublicBody.Level.REGIONAL, List.of("школы", "детские сады", "дополнительное образование"),
                "170100, г. Тверь, ул. Новоторжская, 24", null, "08-01");
        body(education, "Отдел общего образования", PublicBody.Kind.DEPARTMENT, PublicBody.Level.REGIONAL, List.of("школы"),
                null, null, null);
        UUID city = body(null, "Администрация города Твери", PublicBody.Kind.MUNICIPALITY, PublicBody.Level.MUNICIPAL,
                List.of("благоустройство", "дворы", "муниципальные школы"), "170100, г. Тверь, ул. Советская, 11", null, "10-01");
        UUID prosecutor = body(null, "Прокуратура Тверской области", PublicBody.Kind.PROSECUTOR, PublicBody.Level.REGIONAL,
                List.of("надзор за соблюдением порядка рассмотрения обращений (59-ФЗ)"), "170100, г. Тверь, ул. Желябова, 5",
                null, null);
        registry.appoint(social, "Иванова Мария Петровна", "Министр", LocalDate.of(2023, 2, 1));
        registry.appoint(prosecutor, "Петров Сергей Иванович", "Прокурор области", LocalDate.of(2021, 6, 15));
        return Map.of("social", social, "city", city);
    }

    private UUID body(UUID parent, String name, PublicBody.Kind kind, PublicBody.Level level, List<String> topics,
            String address, String website, String budgetRequestsUntil) {
        return registry.save(new PublicBody(UUID.randomUUID(), parent, name, kind, level, "Тверская область", topics, address,
                website, null, address != null, budgetRequestsUntil)).id();
    }
}
