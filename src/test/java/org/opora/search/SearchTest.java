package org.opora.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestDocuments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Search as its users see it: only what they may see, ranked, with the matching words marked, in
 * the text of uploaded documents too. Every test's words carry a token of its own, so hits of other
 * tests (the database outlives a test) never count.
 */
@OporaIntegrationTest
class SearchTest {

    @Autowired
    Api api;
    @Autowired
    NamedParameterJdbcTemplate jdbc;

    String token;
    String bodyId;

    @BeforeEach
    void aPublicBodyToWriteTo() {
        token = randomWord();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Департамент образования " + token);
        body.put("kind", "DEPARTMENT");
        body.put("level", "REGIONAL");
        body.put("region", "Тверская область");
        body.put("topics", List.of("образование"));
        Api.Response created = api.post("staff", "/api/public-bodies", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        bodyId = created.json().path("id").asText();
    }

    @Test
    void aMemberFindsTheirOrganisationsLettersAndNeverAnotherOrganisations() {
        String ofA = letter("cso-a", "Автобус для школы " + token, "Просим выделить автобус для поездки детей в музей");
        String ofB = letter("cso-b", "Автобус для кружка " + token, "Нужен автобус для кружка юных техников");

        Api.Response found = search("cso-a", "автобус " + token);
        assertThat(ids(found)).containsExactly(ofA);
        // Not listed, not counted, not hinted at.
        assertThat(found.raw()).doesNotContain(ofB).doesNotContain("кружка");
        assertThat(found.json().has("total")).isFalse();
        assertThat(ids(search("cso-b", "автобус " + token))).containsExactly(ofB);
        assertThat(ids(search("staff", "автобус " + token))).containsExactlyInAnyOrder(ofA, ofB);
        assertThat(ids(search("expert", "автобус " + token))).isEmpty();

        JsonNode hit = search("cso-a", "автобус " + token).json().path("items").get(0);
        assertThat(hit.path("type").asText()).isEqualTo("LETTER");
        assertThat(hit.path("caseId").asText()).isEqualTo(ofA);
        assertThat(hit.path("title").asText()).isEqualTo("Автобус для школы " + token);
        assertThat(hit.path("fragment").asText()).containsIgnoringCase("<mark>автобус</mark>");
    }

    @Test
    void theSearchPageFindsWhatTheMemberMaySeeAndEscapesWhatTheyWrote() {
        String ofA = letter("cso-a", "Скамейки во дворе " + token, "Просим поставить скамейки <script>alert(1)</script>");
        letter("cso-b", "Скамейки у школы " + token, "Нужны скамейки");

        Api.Response page = api.get("cso-a", "/search?q=" + token);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("<html lang=\"ru\"", "Скамейки во дворе " + token, "/letters/" + ofA)
                .doesNotContain("Скамейки у школы").doesNotContain("<script>alert(1)</script>");
        assertThat(api.get("cso-b", "/search?q=" + token).raw()).doesNotContain("Скамейки во дворе");
        assertThat(api.get("cso-a", "/search?q=nothing-like-it-" + token).raw()).contains("ничего не найдено");
        assertThat(api.get(null, "/search?q=" + token).status()).isEqualTo(302);
    }

    @Test
    void theTextOfUploadedDocumentsIsFound() {
        String ofA = letter("cso-a", "Письмо о транспорте " + token, "Просим помочь с транспортом");
        String word = randomWord();
        String docx = upload("cso-a", ofA, "Расписание.docx", TestDocuments.docx("Расписание школьного автобуса " + word));
        String pdf = upload("cso-a", ofA, "timetable.pdf", TestDocuments.pdf("School bus timetable " + word));

        List<JsonNode> hits = items(search("cso-a", word));
        assertThat(hits).extracting(hit -> hit.path("id").asText()).containsExactlyInAnyOrder(docx, pdf);
        assertThat(hits).allSatisfy(hit -> {
            assertThat(hit.path("type").asText()).isEqualTo("DOCUMENT");
            assertThat(hit.path("caseId").asText()).isEqualTo(ofA);
            assertThat(hit.path("fragment").asText()).contains("<mark>" + word + "</mark>");
        });
        assertThat(items(search("cso-a", "расписание " + word))).extracting(hit -> hit.path("id").asText()).containsExactly(docx);
        assertThat(ids(search("cso-b", word))).isEmpty();
    }

    @Test
    void volunteerRequestsAndPublicBodiesAreFoundToo() {
        Map<String, Object> request = new HashMap<>(Map.of("title", "Субботник во дворе " + token, "what", "Убрать листья",
                "why", "Двор зарос", "place", "Ленина 1", "district", "Центральный", "city", "Тверь",
                "firstDate", "2027-03-06", "startTime", "10:00", "endTime", "14:00", "needed", 2));
        request.put("contactName", "Анна");
        request.put("contactEmail", "anna." + token + "@cso.test");
        Api.Response posted = api.post("cso-a", "/api/volunteering/requests", request);
        assertThat(posted.status()).as(posted.raw()).isEqualTo(201);

        List<JsonNode> requests = items(search("cso-a", "субботник " + token));
        assertThat(requests).extracting(hit -> hit.path("type").asText()).containsExactly("VOLUNTEER_REQUEST");
        assertThat(items(search("cso-b", "субботник " + token))).isEmpty();

        List<JsonNode> bodies = items(search("cso-b", "департамент " + token));
        assertThat(bodies).extracting(hit -> hit.path("id").asText()).containsExactly(bodyId);
        assertThat(bodies.get(0).path("type").asText()).isEqualTo("PUBLIC_BODY");
    }

    @Test
    void grantApplicationsAreFoundByTheirProject() {
        // The competition takes applications on 2 March 2026 (the engine clock is reset after each test).
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 3, 2).atTime(12, 0).atZone(ZoneId.of("Europe/Moscow")).toInstant()));
        Map<String, Object> competition = new HashMap<>();
        competition.put("title", "Малые гранты " + token);
        competition.put("opensAt", "2026-03-01T00:00:00+03:00");
        competition.put("closesAt", "2026-03-31T00:00:00+03:00");
        competition.put("reviewDue", "2026-04-20");
        competition.put("budgetPool", 1_000_000);
        competition.put("minGrant", 100_000);
        competition.put("maxGrant", 600_000);
        competition.put("maxMonths", 12);
        competition.put("criteria", List.of(Map.of("name", "Relevance", "weight", 1, "maxScore", 10)));
        Api.Response created = api.post("staff", "/api/grants/competitions", competition);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        Api.Response started = api.post("cso-a", "/api/grants/applications", Map.of("competitionId", created.json().path("id").asText()));
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        String application = started.json().path("id").asText();
        Api.Response saved = api.put("cso-a", "/api/grants/applications/" + application, Map.of(
                "projectTitle", "Летний лагерь для приёмных семей " + token, "summary", "Неделя на природе для детей",
                "budgetLines", List.of(Map.of("item", "Питание", "amount", 100_000)), "attachments", List.of()));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);

        List<JsonNode> hits = items(search("cso-a", "лагерь " + token));
        assertThat(hits).extracting(hit -> hit.path("type").asText()).containsExactly("APPLICATION");
        assertThat(hits.get(0).path("caseId").asText()).isEqualTo(application);
        assertThat(items(search("cso-b", "лагерь " + token))).isEmpty();
        assertThat(items(search("staff", "природе " + token))).hasSize(1);
    }

    @Test
    void theTitleRanksAboveTheText() {
        String inText = letter("cso-a", "Письмо " + token, "Между прочим, нужна ещё и краска для забора");
        String inTitle = letter("cso-a", "Краска для забора " + token, "Просим выделить");

        assertThat(ids(search("cso-a", "краска " + token))).containsExactly(inTitle, inText);
    }

    @Test
    void markupInTheDataReachesTheFragmentEscaped() {
        letter("cso-a", "Опасный текст " + token, "<script>alert(1)</script> <b>жирный</b> 5 < 6 " + token);

        String fragment = items(search("cso-a", "опасный " + token)).get(0).path("fragment").asText();

        // H2 escapes the tags, PostgreSQL's headline drops them; either way the only markup is the marks.
        assertThat(fragment).contains("alert(1)", "5 &lt; 6");
        assertThat(fragment.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<");
    }

    @Test
    void aQueryIsRequired() {
        Api.Response blank = api.get("cso-a", "/api/search?q=");

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("errors").get(0).path("field").asText()).isEqualTo("q");
    }

    /** PostgreSQL's russian configuration: a word in another form than the text's is found by its stem. */
    @Test
    @EnabledIfSystemProperty(named = "opora.test.database", matches = "postgres")
    void russianWordsAreFoundInOtherFormsOnPostgresql() {
        String letter = letter("cso-a", "Ремонт школы " + token, "Школе не хватает автобусов для детей из дальних сёл");

        assertThat(ids(search("cso-a", "школа " + token))).containsExactly(letter);
        assertThat(ids(search("cso-a", "автобус " + token))).containsExactly(letter);
        assertThat(ids(search("cso-a", "школам автобусы " + token))).containsExactly(letter);
        assertThat(items(search("cso-a", "школа " + token)).get(0).path("fragment").asText()).contains("<mark>школы</mark>");
        assertThat(ids(search("cso-b", "школа " + token))).isEmpty();
    }

    /** The query's expressions must be the indexes' (V31__search_indexes.sql), or PostgreSQL reads every row. */
    @Test
    @EnabledIfSystemProperty(named = "opora.test.database", matches = "postgres")
    void everyKindIsSearchedThroughItsIndexOnPostgresql() {
        for (SearchSource source : SearchSource.ALL) {
            String plan = jdbc.getJdbcTemplate().execute((ConnectionCallback<String>) connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET enable_seqscan = off");
                    StringBuilder lines = new StringBuilder();
                    try (ResultSet rows = statement.executeQuery("EXPLAIN SELECT " + source.alias() + ".id FROM " + source.table()
                            + " " + source.alias() + " WHERE " + source.postgresVector() + " @@ websearch_to_tsquery('russian', 'школа')")) {
                        while (rows.next()) {
                            lines.append(rows.getString(1)).append('\n');
                        }
                    } finally {
                        statement.execute("RESET enable_seqscan");
                    }
                    return lines.toString();
                }
            });
            assertThat(plan).as(source.table()).contains(source.table() + "_search_idx");
        }
    }

    private String letter(String user, String subject, String text) {
        Map<String, Object> letter = new HashMap<>();
        letter.put("bodyId", bodyId);
        letter.put("subject", subject);
        letter.put("topic", "транспорт");
        letter.put("text", text);
        letter.put("requestKind", "IN_KIND");
        Api.Response created = api.post(user, "/api/letters", letter);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json().path("letter").path("id").asText();
    }

    private String upload(String user, String caseId, String name, byte[] content) {
        Api.Response uploaded = api.upload(user, "/api/cases/" + caseId + "/documents", name, content, Map.of("kind", "letter"));
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        return uploaded.json().path("id").asText();
    }

    private Api.Response search(String user, String query) {
        Api.Response response = api.get(user, "/api/search?q=" + query);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response;
    }

    private static List<JsonNode> items(Api.Response response) {
        return StreamSupport.stream(response.json().path("items").spliterator(), false).toList();
    }

    private static List<String> ids(Api.Response response) {
        List<String> ids = new ArrayList<>();
        items(response).forEach(hit -> ids.add(hit.path("caseId").isMissingNode() ? hit.path("id").asText()
                : hit.path("caseId").asText()));
        return ids;
    }

    /** A word of Latin letters no other test uses; PostgreSQL's stemmer treats it like any English word. */
    private static String randomWord() {
        Random random = new Random();
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
