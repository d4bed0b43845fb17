package org.opora.cases;

import java.util.Arrays;
import java.util.Optional;

/** Opora's processes, by the short name the API uses and the BPMN process id the engine uses. */
public enum CaseProcess {

    GRANTS("grants", "grant-application"),
    VOLUNTEERING("volunteering", "volunteer-matching"),
    CORRESPONDENCE("correspondence", "correspondence");

    private final String apiName;
    private final String processKey;

    CaseProcess(String apiName, String processKey) {
        this.apiName = apiName;
        this.processKey = processKey;
    }

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
        return Arrays.stream(values()).filter(process -> process.processKey.equals(processKey))
                .map(CaseProcess::apiName).findFirst().orElse(processKey);
    }
}
