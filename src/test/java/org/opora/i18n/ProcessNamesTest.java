package org.opora.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The diagrams speak Russian: Tasklist and Cockpit show their names as they are, and the case's
 * timeline and deadlines show the names of events and steps. Every name in a diagram is Russian,
 * and every event and step a timeline can show has its English name in {@code i18n/tasks_en}
 * (keyed by the element's id), so an English reader gets no untranslated Russian either.
 */
class ProcessNamesTest {

    private static final Pattern LATIN_WORD = Pattern.compile("(?<!\\p{L})[A-Za-z]{2,}(?!\\p{L})");

    @Test
    void everyNameInTheDiagramsIsRussianAndEveryShownStepHasAnEnglishName() throws IOException {
        Properties english = new Properties();
        try (InputStream in = new ClassPathResource("i18n/tasks_en.properties").getInputStream()) {
            english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> latin = new ArrayList<>();
        List<String> untranslated = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
                    String name = element.getName();
                    if (name == null) {
                        continue;
                    }
                    if (LATIN_WORD.matcher(name).find()) {
                        latin.add(file.getFileName() + " " + element.getId() + ": " + name);
                    }
                    if ((element instanceof Event || element instanceof Activity)
                            && !english.containsKey("task." + element.getId())) {
                        untranslated.add(file.getFileName() + " " + element.getId() + ": " + name);
                    }
                }
            }
        }
        assertThat(latin).as("names in Latin letters").isEmpty();
        assertThat(untranslated).as("events and steps with no English name").isEmpty();
    }

    @Test
    void theDecisionTablesAreNamedAndLabelledInRussian() throws IOException {
        for (String table : List.of("processes/grant-admission.dmn", "processes/letter-routing.dmn")) {
            String xml = Files.readString(Path.of(table));
            List<String> labels = Pattern.compile("<(?:decision|input|output) [^>]*?(?:name|label)=\"([^\"]*)\"").matcher(xml)
                    .results().map(found -> found.group(0)).toList();
            assertThat(labels).isNotEmpty();
            for (String label : labels) {
                String shown = label.replaceAll(".*label=\"([^\"]*)\".*", "$1");
                if (label.startsWith("<decision")) {
                    shown = label.replaceAll(".*name=\"([^\"]*)\".*", "$1");
                }
                assertThat(LATIN_WORD.matcher(shown).find()).as(table + ": " + label).isFalse();
            }
        }
    }
}
