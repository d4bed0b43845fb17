package org.opora.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A JSON variable is read back as plain JSON whatever class its stored type name claims. */
class JsonVariablesTest {

    private final JsonVariables.PlainJsonSerializer serializer = new JsonVariables.PlainJsonSerializer();

    @Test
    void storedTypeNamesChooseNoClass() throws Exception {
        byte[] stored = "{\"@class\":\"java.net.URL\",\"rows\":[{\"rank\":1,\"amount\":250000.50}]}".getBytes(StandardCharsets.UTF_8);

        Object read = serializer.deserializeFromByteArray(stored, "java.net.URL");

        assertThat(read).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) read).get("rows")).isEqualTo(List.of(Map.of("rank", 1, "amount", new java.math.BigDecimal("250000.50"))));
    }

    @Test
    void onlyJsonShapedValuesAreTakenAndTheyRoundTrip() throws Exception {
        assertThat(serializer.canSerializeValue(List.of(Map.of("item", "Materials")))).isTrue();
        assertThat(serializer.canSerializeValue(new java.io.File("x"))).isFalse();
        byte[] written = serializer.serializeToByteArray(List.of(Map.of("item", "Материалы", "amount", 12)));
        assertThat(serializer.deserializeFromByteArray(written, "java.util.List"))
                .isEqualTo(List.of(Map.of("item", "Материалы", "amount", 12)));
    }
}
