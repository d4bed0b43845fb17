package org.opora.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"7707083893", "6950000000", "7722000002"})
    void validInnsPass(String inn) {
        assertThat(RegistryNumbers.isValidInn(inn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7707083894", "770708389", "77070838930", "77070838a3", ""})
    void innsWithAWrongCheckDigitOrLengthFail(String inn) {
        assertThat(RegistryNumbers.isValidInn(inn)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1027700132195", "1156952000006"})
    void validOgrnsPass(String ogrn) {
        assertThat(RegistryNumbers.isValidOgrn(ogrn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1027700132196", "102770013219", "10277001321950", "1027700I32195"})
    void ogrnsWithAWrongCheckDigitOrLengthFail(String ogrn) {
        assertThat(RegistryNumbers.isValidOgrn(ogrn)).isFalse();
    }
}
