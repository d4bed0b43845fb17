package org.opora.mail;

import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders a message in the recipient's language: its subject when it is written to the outbox, its
 * body when it is sent (ADR 29), from the model kept as JSON in between. A model is therefore plain
 * data (text, numbers, dates, ids, lists, maps, records of those), which is what the templates read anyway.
 */
@Component
class MailTemplates {

    private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {
    };

    private final ITemplateEngine templateEngine;
    private final MessageSource messages;
    private final String baseUrl;
    private final ObjectMapper json;

    MailTemplates(ITemplateEngine templateEngine, MessageSource messages, ObjectMapper objectMapper,
            @Value("${opora.base-url}") String baseUrl) {
        this.templateEngine = templateEngine;
        this.messages = messages;
        this.baseUrl = baseUrl;
        // The application's mapper writes an Instant, LocalDate or UUID as the ISO text its toString() prints, which
        // is what a template shows (a plain mapper refuses java.time). Changed so that a kept model renders as the
        // original: decimals come back as BigDecimal ("4.50" stays "4.50", not a double's "4.5"), and nulls are
        // written (the API leaves them out; a record's null field stays a key that a template can read).
        this.json = objectMapper.copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);
    }

    String subject(MailMessage message) {
        return messages.getMessage("mail." + message.template() + ".subject", message.subjectArguments(), message.locale());
    }

    /** The model as it is kept in the outbox until the message is sent. */
    String modelJson(MailMessage message) {
        try {
            return json.writeValueAsString(message.model());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("The model of mail " + message.template() + " is not plain data", ex);
        }
    }

    /** The model as the dispatcher reads it back. */
    Map<String, Object> model(String modelJson) {
        try {
            return json.readValue(modelJson, MODEL);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("The kept model of the mail cannot be read", ex);
        }
    }

    /** The body as it is, or will be, sent: rendered before this was introduced, or now from the kept model. */
    String body(OutboxMessage message) {
        if (message.bodyHtml() != null) {
            return message.bodyHtml();
        }
        return render(message.template(), Locale.forLanguageTag(message.language()), model(message.model()));
    }

    String render(String template, Locale locale, Map<String, Object> model) {
        Context context = new Context(locale);
        context.setVariables(model);
        context.setVariable("baseUrl", baseUrl);
        return templateEngine.process("mail/" + template, context);
    }
}
