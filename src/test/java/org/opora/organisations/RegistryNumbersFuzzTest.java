package org.opora.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The INN and OGRN checks take whatever a form or a CSV row holds: they answer true or false, never
 * throw, and accept only the digit counts the law gives. Every build replays the saved inputs
 * ({@code RegistryNumbersFuzzTestInputs}); {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class RegistryNumbersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void innAndOgrnChecksAnswerAnyTextWithoutFailing(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        boolean inn = RegistryNumbers.isValidInn(text);
        boolean ogrn = RegistryNumbers.isValidOgrn(text);

        if (inn) {
            assertThat(text).matches("[0-9]{10}|[0-9]{12}");
        }
        if (ogrn) {
            assertThat(text).matches("[0-9]{13}|[0-9]{15}");
        }
    }
}
