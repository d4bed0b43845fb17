package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No test needs Docker, so this one reads docker-compose.yml against the configuration it feeds. */
class DockerComposeTest {

    @Test
    void everyVariableComposeGivesOporaIsReadByTheConfiguration() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        @SuppressWarnings("unchecked")
        Map<String, Object> opora = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("opora");
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) opora.get("environment");
        String configuration = Files.readString(Path.of("src/main/resources/application.yaml"))
                + Files.readString(Path.of("src/main/resources/application-postgres.yaml"));

        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
        environment.keySet().stream().filter(name -> name.startsWith("OPORA_")).forEach(name ->
                assertThat(configuration).as("%s is read by the configuration", name).contains("${" + name));
        assertThat(configuration).contains("${OPORA_DB_URL", "${OPORA_DB_USER", "${OPORA_DB_PASSWORD", "${OPORA_MAIL_HOST",
                "${OPORA_ADMIN_PASSWORD}");
        assertThat(environment).containsKeys("OPORA_DB_URL", "OPORA_DB_USER", "OPORA_DB_PASSWORD", "OPORA_MAIL_HOST",
                "OPORA_ADMIN_PASSWORD");
        assertThat(String.valueOf(opora.get("build"))).contains("src/main/docker/Dockerfile");
        assertThat(Path.of("src/main/docker/Dockerfile")).exists();
    }
}
