package org.opora.bench;

import java.util.List;

import org.opora.volunteering.Tags;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A region's volunteer pool generated in bulk by SQL, shaped like the matching benchmark's: one to four
 * skills from the vocabulary, one to three causes, sixty districts, half located, a few with a weekly
 * pattern, and a tenth with history (recent offers, no-shows) that the ranking reads from the database.
 */
final class BulkVolunteers {

    private BulkVolunteers() {
    }

    static void generate(JdbcClient jdbc, int volunteers) {
        String skills = array(Tags.SKILLS);
        String causes = array(Tags.CAUSES);
        jdbc.sql("INSERT INTO volunteer (id, status, name, email, language, district, city, latitude, longitude, birth_year, clearance,"
                        + " skills, interests, availability, max_per_month, consent_at, email_confirmed_at, last_offered_at, no_shows,"
                        + " last_no_show_on, created_at)"
                        + " SELECT gen_random_uuid(), 'ACTIVE', 'Доброволец ' || i, 'volunteer-' || i || '@bench.test', 'ru',"
                        + " 'Район ' || (i % 60), 'Тверь',"
                        + " CASE WHEN i % 2 = 0 THEN 56.80 + random() * 0.1 END, CASE WHEN i % 2 = 0 THEN 35.85 + random() * 0.1 END,"
                        + " 1950 + i % 55, i % 5 = 0,"
                        + " (SELECT json_agg(DISTINCT s)::text FROM (SELECT (" + skills + ")[1 + (i * 7 + k * 13) % " + Tags.SKILLS.size()
                        + "] AS s FROM generate_series(0, i % 4) k) picked),"
                        + " (SELECT json_agg(DISTINCT c)::text FROM (SELECT (" + causes + ")[1 + (i * 5 + k * 11) % " + Tags.CAUSES.size()
                        + "] AS c FROM generate_series(0, i % 3) k) picked),"
                        + " CASE WHEN i % 10 = 0 THEN '[{\"day\":\"SAT\",\"from\":\"10:00\",\"to\":\"16:00\"}]' ELSE '[]' END, 1 + i % 6, now(), now(),"
                        + " CASE WHEN i % 10 = 1 THEN now() - (i % 30) * interval '1 day' END,"
                        + " CASE WHEN i % 40 = 2 THEN 1 ELSE 0 END, CASE WHEN i % 40 = 2 THEN current_date - 20 END, now()"
                        + " FROM generate_series(1, :volunteers) i")
                .param("volunteers", volunteers)
                .update();
    }

    private static String array(List<String> words) {
        return "ARRAY[" + String.join(", ", words.stream().map(word -> "'" + word.replace("'", "''") + "'").toList()) + "]";
    }
}
