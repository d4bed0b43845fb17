package org.opora.tasks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.AbstractObjectValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lets a task carry a list for its form to show (a checklist's options, a dynamic list's rows) as JSON:
 * Tasklist parses a variable whose {@code serializationDataFormat} is {@code application/json} into the
 * structure its form expects, and keeps text as text. The engine has no JSON format without Camunda
 * Spin (not available here), so this plugin adds the one serializer needed: plain JSON (lists, maps,
 * text, numbers, booleans) read back as such whatever type name a value claims, so no class is ever
 * instantiated from stored data. It only handles values explicitly marked {@code application/json}
 * ({@link #json}), or set untyped where the engine's default format applies: that default is JSON now
 * (Java serialization is off, so an untyped list could not be stored before).
 */
@Component
public class JsonVariables extends AbstractProcessEnginePlugin {

    public static final String FORMAT = Variables.SerializationDataFormats.JSON.getName();

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The value as a JSON variable that Tasklist hands to its form as a structure. */
    public static ObjectValue json(Object value) {
        return Variables.objectValue(value).serializationDataFormat(FORMAT).create();
    }

    /**
     * A text for a task's form to show (an application an expert reads, a committee's ranking), of any length.
     * The engine keeps a plain string variable in 4,000 characters (and its history likewise), so a longer
     * sheet made the step that wrote it fail; as JSON it is kept whole, and Tasklist hands it to the form as text.
     */
    public static ObjectValue text(String value) {
        return json(value);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<TypedValueSerializer> serializers = configuration.getCustomPostVariableSerializers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostVariableSerializers());
        serializers.add(new PlainJsonSerializer());
        configuration.setCustomPostVariableSerializers(serializers);
        // A list or map set without a format (Java serialization is off) is kept as JSON too.
        configuration.setDefaultSerializationFormat(FORMAT);
    }

    static final class PlainJsonSerializer extends AbstractObjectValueSerializer {

        PlainJsonSerializer() {
            super(FORMAT);
        }

        @Override
        public String getName() {
            return "opora-json";
        }

        @Override
        protected boolean isSerializationTextBased() {
            return true;
        }

        @Override
        protected boolean canSerializeValue(Object value) {
            return value instanceof List || value instanceof Map || value instanceof String || value instanceof Number
                    || value instanceof Boolean;
        }

        @Override
        protected String getTypeNameForDeserialized(Object value) {
            return value instanceof List ? List.class.getName() : value instanceof Map ? Map.class.getName()
                    : value.getClass().getName();
        }

        @Override
        protected byte[] serializeToByteArray(Object value) throws Exception {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        }

        /** Plain JSON whatever type the value names: no class is chosen by the stored data. */
        @Override
        protected Object deserializeFromByteArray(byte[] bytes, String objectTypeName) throws Exception {
            return JSON.readValue(bytes, Object.class);
        }
    }
}
