package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@OporaIntegrationTest
class DeploymentTest {

    @Autowired
    RepositoryService repositoryService;

    @Test
    void everyModelAndFormInTheTopLevelFoldersIsDeployed() throws IOException {
        Set<String> deployed = deployedResourceNames();
        for (Path root : List.of(Path.of("."), Path.of("src/test/resources"))) {
            for (String folder : List.of("processes", "forms")) {
                for (Path file : models(root.resolve(folder))) {
                    String name = root.resolve(folder).relativize(file).toString().replace('\\', '/');
                    assertThat(deployed).as("%s is deployed", file).contains(folder + "/" + name);
                }
            }
        }
        // Names are relative to the model folders, the same on every machine.
        assertThat(deployed).contains("processes/platform-check.bpmn", "forms/review-case.form",
                "forms/answer-organisation.form");
    }

    @Test
    void everyProcessHasAHistoryTimeToLive() {
        List<ProcessDefinition> definitions = repositoryService.createProcessDefinitionQuery().latestVersion().list();
        assertThat(definitions).isNotEmpty();
        assertThat(definitions).allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isNotNull());
    }

    private Set<String> deployedResourceNames() {
        Set<String> names = new HashSet<>();
        for (Deployment deployment : repositoryService.createDeploymentQuery().list()) {
            repositoryService.getDeploymentResourceNames(deployment.getId()).forEach(name -> names.add(name));
        }
        return names;
    }

    private static List<Path> models(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().matches(".*\\.(bpmn|dmn|form)$"))
                    .toList();
        }
    }
}
