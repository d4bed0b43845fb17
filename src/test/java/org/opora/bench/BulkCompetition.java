package org.opora.bench;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A competition of the first centre with its applications at every stage, written by SQL (section 7's
 * competition dashboards): each application a case of one of the centre's organisations, with budget
 * lines and attachments; from "in review" on two experts' reviews with their scores; the scored ones
 * with a final score against the pass mark; approved and funded ones with a report, some overdue.
 * Needs the organisations and centres of {@link BulkData}.
 */
final class BulkCompetition {

    private final JdbcClient jdbc;

    BulkCompetition(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the competition's id */
    UUID generate(int applications) {
        UUID centre = jdbc.sql("SELECT id FROM resource_centre WHERE name = ?").param(BulkData.centreName(0)).query(UUID.class).single();
        UUID competition = UUID.randomUUID();
        jdbc.sql("INSERT INTO grant_competition (id, centre_id, title, opens_at, closes_at, review_due, budget_pool, min_grant, max_grant,"
                        + " max_months, created_by, created_at) VALUES (?, ?, 'Конкурс на 10 000 заявок', now() - interval '90 days',"
                        + " now() - interval '30 days', current_date - 5, 500000000, 100000, 2000000, 12, 'bench', now() - interval '100 days')")
                .params(competition, centre).update();
        // Stage of application n (per 100): 5 drafts, 5 inadmissible, 20 in review, 30 scored, 15 approved, 10 funded,
        // 10 rejected, 5 waitlisted.
        String state = "CASE WHEN n % 100 < 5 THEN 'DRAFT' WHEN n % 100 < 10 THEN 'INADMISSIBLE' WHEN n % 100 < 30 THEN 'IN_REVIEW'"
                + " WHEN n % 100 < 60 THEN 'SCORED' WHEN n % 100 < 75 THEN 'APPROVED' WHEN n % 100 < 85 THEN 'FUNDED'"
                + " WHEN n % 100 < 95 THEN 'REJECTED' ELSE 'WAITLISTED' END";
        jdbc.sql("CREATE UNLOGGED TABLE bench_application AS SELECT n, gen_random_uuid() AS id, " + state + " AS state,"
                        + " (SELECT o.id FROM organisation o WHERE o.centre_id = ? ORDER BY o.id OFFSET n % 100 LIMIT 1) AS organisation_id"
                        + " FROM generate_series(1, ?) n")
                .params(centre, applications).update();
        jdbc.sql("INSERT INTO opora_case (id, process_key, centre_id, organisation_id, title, created_by, created_at)"
                + " SELECT id, 'grant-application', ?, organisation_id, 'Проект ' || n, 'bench', now() - interval '60 days'"
                + " FROM bench_application").param(centre).update();
        jdbc.sql("INSERT INTO grant_application (id, competition_id, organisation_id, state, inn, ogrn, registered_on, project_title,"
                + " summary, region, topic, target_group, beneficiaries, requested_amount, duration_months, submitted_at,"
                + " admission_reasons, final_score, pass_mark, decision, approved_amount)"
                + " SELECT id, ?, organisation_id, state, '7700000000', '1027700000000', current_date - 2000, 'Проект ' || n,"
                + " 'Описание проекта ' || n, 'Регион', 'социальная защита', 'пожилые люди', 100 + n % 900,"
                + " 100000 + (n % 190) * 10000, 12,"
                + " CASE WHEN state <> 'DRAFT' THEN now() - interval '40 days' + n * interval '1 second' END,"
                + " CASE WHEN state = 'INADMISSIBLE' THEN '[\"Нет устава\"]' ELSE '[]' END,"
                + " CASE WHEN state NOT IN ('DRAFT', 'INADMISSIBLE', 'IN_REVIEW') THEN 40 + (n * 7) % 60 END,"
                + " CASE WHEN state NOT IN ('DRAFT', 'INADMISSIBLE', 'IN_REVIEW') THEN 60 END,"
                + " CASE WHEN state IN ('APPROVED', 'FUNDED') THEN 'APPROVE' WHEN state = 'REJECTED' THEN 'REJECT'"
                + " WHEN state = 'WAITLISTED' THEN 'WAITLIST' END,"
                + " CASE WHEN state IN ('APPROVED', 'FUNDED') THEN 100000 + (n % 190) * 10000 END"
                + " FROM bench_application").param(competition).update();
        for (int position = 1; position <= 3; position++) {
            jdbc.sql("INSERT INTO grant_budget_line (application_id, position, item, amount) SELECT id, ?, 'Статья ' || ?, 10000"
                    + " FROM bench_application").params(position, position).update();
        }
        for (int position = 1; position <= 2; position++) {
            jdbc.sql("INSERT INTO grant_application_attachment (application_id, position, kind, name) SELECT id, ?, 'charter',"
                    + " 'устав-' || n || '.pdf' FROM bench_application").params(position).update();
        }
        // Two experts per application from review on; in review, every tenth application's second review is late.
        jdbc.sql("CREATE UNLOGGED TABLE bench_review AS SELECT gen_random_uuid() AS id, a.id AS application_id, a.n, e.expert,"
                + " CASE WHEN a.state = 'IN_REVIEW' AND (e.expert = 1 OR a.n % 10 = 0) THEN 'DECLARED' ELSE 'SUBMITTED' END AS state"
                + " FROM bench_application a CROSS JOIN (VALUES (1), (2)) AS e(expert)"
                + " WHERE a.state NOT IN ('DRAFT', 'INADMISSIBLE')").update();
        jdbc.sql("INSERT INTO grant_review (id, application_id, expert_id, state, due_on, total, assigned_at, submitted_at)"
                + " SELECT id, application_id, 'bench-expert-' || (n % 40 + expert), state,"
                + " CASE WHEN n % 10 = 0 THEN current_date - 3 ELSE current_date + 5 END,"
                + " CASE WHEN state = 'SUBMITTED' THEN 40 + (n * 7) % 60 END, now() - interval '25 days',"
                + " CASE WHEN state = 'SUBMITTED' THEN now() - interval '10 days' END FROM bench_review").update();
        for (int position = 1; position <= 5; position++) {
            jdbc.sql("INSERT INTO grant_review_score (review_id, position, score, comment) SELECT id, ?, 1 + (n + ?) % 10, 'Обоснование'"
                    + " FROM bench_review WHERE state = 'SUBMITTED'").params(position, position).update();
        }
        // Approved and funded: a first report; every third one overdue.
        jdbc.sql("INSERT INTO grant_report (application_id, number, final_report, due_on, state) SELECT id, 1, FALSE,"
                + " CASE WHEN n % 3 = 0 THEN current_date - 10 ELSE current_date + 20 END, 'DUE' FROM bench_application"
                + " WHERE state IN ('APPROVED', 'FUNDED')").update();
        jdbc.sql("DROP TABLE bench_review").update();
        jdbc.sql("DROP TABLE bench_application").update();
        return competition;
    }
}
