package org.opora.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opora's processes, by the short name the API uses and the BPMN process ids the engine uses: a
 * feature may run more than one process (grants: one per application, one per competition).
 */
public enum CaseProcess {

    GRANTS("grants", "grant-application", "grant-competition"),
    VOLUNTEERING("volunteering", "volunteer-matching"),
    CORRESPONDENCE("correspondence", "correspondence");

    private final String apiName;
    private final String processKey;
    private final List<String> processKeys;

    CaseProcess(String apiName, String processKey, String... moreProcessKeys) {
        this.apiName = apiName;
        this.processKey = processKey;
        this.processKeys = Stream.concat(Stream.of(processKey), Stream.of(moreProcessKeys)).toList();
    }

    /** What the API's {@code process} filter names: a feature (all its processes) or one BPMN process id. */
    public static Optional<List<String>> processKeysNamed(String name) {
        return ofApiName(name).map(process -> process.processKeys).or(() -> Arrays.stream(values())
                .filter(process -> process.processKeys.contains(name)).findFirst().map(process -> List.of(name)));
    }

    public static final String NAMES = "grants, volunteering, correspondence, or a process id such as grant-competition";

    public String apiName() {
        return apiName;
    }

    public String processKey() {
        return processKey;
    }

    public static Optional<CaseProcess> ofApiName(String name) {
        return Arrays.stream(values()).filter(process -> process.apiName.equals(name)).findFirst();
    }

    /** The API's name for a process key; a process Opora does not know by name keeps its key. */
    public static String apiNameOf(String processKey) {
        return Arrays.stream(values()).filter(process -> process.processKeys.contains(processKey))
                .map(CaseProcess::apiName).findFirst().orElse(processKey);
    }
}
