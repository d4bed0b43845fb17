package org.opora.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.OrganisationService;
import org.opora.organisations.ResourceCentre;
import org.opora.security.Role;
import org.opora.users.NotificationMode;
import org.opora.users.UserAdministration;
import org.opora.users.UserSettings;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Data at scale, written by SQL straight into Opora's and the engine's tables (the API would take
 * hours): organisations with their groups, and per open task a letter's case, its letter, its process
 * instance, the task, its candidate group and, for an organisation's task, the authorization the
 * engine gives a candidate group.
 */
final class BulkData {

    static final String CSO_USER = "list-cso";
    static final String STAFF_USER = "list-staff";

    private final ApplicationContext app;
    private final JdbcClient jdbc;
    private final int organisations;
    private final int staffGroups;
    private final int centres;
    private final String password;

    BulkData(ApplicationContext app, JdbcClient jdbc, int organisations, int staffGroups, int centres, String password) {
        this.app = app;
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.staffGroups = staffGroups;
        this.centres = centres;
        this.password = password;
    }

    static String centreName(int number) {
        return "Центр " + number;
    }

    static String staffGroup(int number) {
        return "staff-team-" + number;
    }

    /**
     * @param taskPermissions the permissions the engine wrote for a candidate group on a real task
     */
    void generate(int tasks, UUID bodyId, int taskPermissions) {
        OrganisationService organisationService = app.getBean(OrganisationService.class);
        IdentityService identity = app.getBean(IdentityService.class);
        List<ResourceCentre> created = new ArrayList<>();
        for (int i = 0; i < centres; i++) {
            created.add(organisationService.registerCentre(centreName(i), "Регион " + i));
        }
        jdbc.sql("CREATE UNLOGGED TABLE bench_centre (centre_no INT PRIMARY KEY, id UUID NOT NULL)").update();
        for (int i = 0; i < centres; i++) {
            jdbc.sql("INSERT INTO bench_centre VALUES (?, ?)").params(i, created.get(i).id()).update();
        }
        jdbc.sql("CREATE UNLOGGED TABLE bench_org AS SELECT n AS org_no, gen_random_uuid() AS id FROM generate_series(0, ? - 1) n")
                .param(organisations).update();
        jdbc.sql("INSERT INTO organisation (id, centre_id, name, short_name, kind, region, group_id, created_at)"
                + " SELECT o.id, c.id, 'Организация ' || o.org_no, 'Орг ' || o.org_no, 'INITIATIVE_GROUP', 'Регион', 'org-' || o.id, now()"
                + " FROM bench_org o JOIN bench_centre c ON c.centre_no = o.org_no % ?").param(centres).update();
        jdbc.sql("INSERT INTO ACT_ID_GROUP (ID_, REV_, NAME_, TYPE_) SELECT group_id, 1, short_name, ? FROM organisation"
                + " WHERE id IN (SELECT id FROM bench_org)").param(Organisation.GROUP_TYPE).update();
        for (int i = 0; i < staffGroups; i++) {
            Group group = identity.newGroup(staffGroup(i));
            group.setName("Команда " + i);
            identity.saveGroup(group);
        }
        UserAdministration users = app.getBean(UserAdministration.class);
        // Organisation 1: organisation 0's task numbers are all multiples of 5, which are staff's.
        UUID orgZero = jdbc.sql("SELECT id FROM bench_org WHERE org_no = 1").query(UUID.class).single();
        Organisation organisation = app.getBean(OrganisationRepository.class).find(orgZero).orElseThrow();
        users.create(new UserAdministration.NewUser(CSO_USER, password, "Член", "Организации", CSO_USER + "@bench.test", Role.CSO,
                created.get(0).id(), organisation, new UserSettings("ru", NotificationMode.NONE)));
        users.create(new UserAdministration.NewUser(STAFF_USER, password, "Сотрудник", "Центра", STAFF_USER + "@bench.test", Role.STAFF,
                created.get(0).id(), null, new UserSettings("ru", NotificationMode.NONE)));
        identity.createMembership(STAFF_USER, staffGroup(0));

        String definition = app.getBean(RepositoryService.class).createProcessDefinitionQuery().processDefinitionKey("correspondence")
                .latestVersion().singleResult().getId();
        // One row per open task: its process instance, case, organisation, and whether it is staff's.
        jdbc.sql("CREATE UNLOGGED TABLE bench_gen AS SELECT n, 'bench-pi-' || n AS pi, 'bench-task-' || n AS task_id,"
                + " gen_random_uuid() AS case_id, n % ? AS org_no, n % 5 = 0 AS for_staff, (n / 5) % ? AS team,"
                + " CASE n % 3 WHEN 0 THEN 'SendLetter' WHEN 1 THEN 'RecordRegistration' ELSE 'RecordAnswer' END AS task_key"
                + " FROM generate_series(1, ?) n").params(organisations, staffGroups, tasks).update();
        jdbc.sql("INSERT INTO opora_case (id, process_key, process_instance_id, centre_id, organisation_id, title, created_by, created_at)"
                + " SELECT g.case_id, 'correspondence', g.pi, o.centre_id, o.id, 'Письмо ' || g.n, 'bench',"
                + " now() - (g.n % 100000) * interval '1 minute' FROM bench_gen g JOIN bench_org b ON b.org_no = g.org_no JOIN organisation o ON o.id = b.id")
                .update();
        // A letter carries its case's centre, organisation and creation (V96), as LetterRepository.insert writes them.
        jdbc.sql("INSERT INTO letter (id, body_id, subject, topic, request_kind, channel, sent_on, registered_on, answer_due, answered_on,"
                + " answer_rating, centre_id, organisation_id, created_at) SELECT g.case_id, ?, 'Письмо ' || g.n, 'социальная защита',"
                + " 'IN_KIND', 'ONLINE', current_date - 40 - g.n % 300,"
                + " current_date - 38 - g.n % 300, current_date - 8 - g.n % 300,"
                + " CASE WHEN g.n % 3 = 0 THEN current_date - 20 - g.n % 300 + g.n % 25 END, CASE WHEN g.n % 3 = 0 THEN 'PARTIAL' END,"
                + " c.centre_id, c.organisation_id, c.created_at FROM bench_gen g JOIN opora_case c ON c.id = g.case_id").param(bodyId).update();
        jdbc.sql("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, ROOT_PROC_INST_ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_ID_, ACT_ID_,"
                + " IS_ACTIVE_, IS_CONCURRENT_, IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_, CACHED_ENT_STATE_, SEQUENCE_COUNTER_,"
                + " PROC_DEF_KEY_) SELECT pi, 1, pi, pi, case_id::text, ?, task_key, TRUE, FALSE, TRUE, FALSE, 1, 0, 1, 'correspondence'"
                + " FROM bench_gen").param(definition).update();
        jdbc.sql("INSERT INTO ACT_RU_TASK (ID_, REV_, EXECUTION_ID_, PROC_INST_ID_, PROC_DEF_ID_, NAME_, TASK_DEF_KEY_, PRIORITY_,"
                + " CREATE_TIME_, LAST_UPDATED_, DUE_DATE_, SUSPENSION_STATE_, TASK_STATE_)"
                + " SELECT task_id, 1, pi, pi, ?, CASE WHEN for_staff THEN 'Проверить регистрацию' ELSE 'Задача ' || task_key END,"
                + " CASE WHEN for_staff THEN 'CheckRegistration' ELSE task_key END, 50,"
                + " localtimestamp - (n % 20000) * interval '1 minute', localtimestamp,"
                + " CASE WHEN n % 10 < 3 THEN NULL ELSE localtimestamp + ((n % 730) - 365) * interval '1 day' + (n % 1440) * interval '1 minute' END,"
                + " 1, 'Created' FROM bench_gen").param(definition).update();
        jdbc.sql("INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_)"
                + " SELECT 'bench-il-' || g.n, 1, CASE WHEN g.for_staff THEN 'staff-team-' || g.team ELSE o.group_id END, 'candidate', g.task_id"
                + " FROM bench_gen g JOIN opora_case c ON c.id = g.case_id JOIN organisation o ON o.id = c.organisation_id").update();
        jdbc.sql("INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)"
                + " SELECT 'bench-au-' || g.n, 1, 1, o.group_id, 7, g.task_id, ? FROM bench_gen g JOIN opora_case c ON c.id = g.case_id"
                + " JOIN organisation o ON o.id = c.organisation_id WHERE NOT g.for_staff").param(taskPermissions).update();
        jdbc.sql("DROP TABLE bench_gen").update();
    }

    /**
     * Letters of the first writer's organisation, each started at "Record the answer" through the
     * engine (its answer timer and all), with the answer due in a month.
     */
    List<String> lettersAwaitingAnswer(int count, UUID bodyId, String writer) throws Exception {
        RuntimeService runtime = app.getBean(RuntimeService.class);
        org.springframework.transaction.support.TransactionTemplate transaction =
                app.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        UUID organisation = jdbc.sql("SELECT o.id FROM organisation o JOIN ACT_ID_MEMBERSHIP m ON m.GROUP_ID_ = o.group_id"
                + " WHERE m.USER_ID_ = ?").param(writer).query(UUID.class).single();
        UUID centre = jdbc.sql("SELECT centre_id FROM organisation WHERE id = ?").param(organisation).query(UUID.class).single();
        List<String> instances = java.util.Collections.synchronizedList(new ArrayList<>());
        // Four threads, fifty letters per transaction: 10,000 letters through the engine in minutes, not a quarter of an hour.
        int perTransaction = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> chunks = new ArrayList<>();
            for (int from = 0; from < count; from += perTransaction) {
                int first = from;
                int last = Math.min(count, from + perTransaction);
                chunks.add(pool.submit(() -> transaction.executeWithoutResult(status -> {
                    for (int i = first; i < last; i++) {
                        UUID id = UUID.randomUUID();
                        jdbc.sql("INSERT INTO opora_case (id, process_key, centre_id, organisation_id, title, created_by, created_at)"
                                + " VALUES (?, 'correspondence', ?, ?, ?, ?, now())").params(id, centre, organisation, "Шторм " + i, writer)
                                .update();
                        jdbc.sql("INSERT INTO letter (id, body_id, subject, topic, request_kind, channel, sent_on, registration_number,"
                                + " registered_on, answer_due, centre_id, organisation_id, created_at) VALUES (?, ?, ?, 'социальная защита',"
                                + " 'IN_KIND', 'ONLINE', current_date - 40, 'Вх-' || ?, current_date - 38, current_date + 30, ?, ?, now())")
                                .params(id, bodyId, "Шторм " + i, i, centre, organisation).update();
                        String instance = runtime.createProcessInstanceByKey("correspondence").businessKey(id.toString())
                                .startBeforeActivity("RecordAnswer").execute().getId();
                        jdbc.sql("UPDATE opora_case SET process_instance_id = ? WHERE id = ?").params(instance, id).update();
                        instances.add(instance);
                    }
                })));
            }
            for (var chunk : chunks) {
                chunk.get();
            }
        } finally {
            pool.shutdown();
        }
        return new ArrayList<>(instances);
    }
}
