package org.opora.mail;

import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders a message in the recipient's language: its subject when it is written to the outbox, its
 * body when it is sent (ADR 29), from the model kept as JSON in between. A model is therefore plain
 * data (text, numbers, lists, maps, records of those), which is what the templates read anyway.
 */
@Component
class MailTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {
    };

    private final ITemplateEngine templateEngine;
    private final MessageSource messages;
    private final String baseUrl;

    MailTemplates(ITemplateEngine templateEngine, MessageSource messages,
            @Value("${opora.base-url}") String baseUrl) {
        this.templateEngine = templateEngine;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    String subject(MailMessage message) {
        return messages.getMessage("mail." + message.template() + ".subject", message.subjectArguments(), message.locale());
    }

    /** The model as it is kept in the outbox until the message is sent. */
    String modelJson(MailMessage message) {
        try {
            return JSON.writeValueAsString(message.model());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("The model of mail " + message.template() + " is not plain data", ex);
        }
    }

    /** The body as it is, or will be, sent: rendered before this was introduced, or now from the kept model. */
    String body(OutboxMessage message) {
        if (message.bodyHtml() != null) {
            return message.bodyHtml();
        }
        Map<String, Object> model;
        try {
            model = JSON.readValue(message.model(), MODEL);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("The kept model of mail " + message.id() + " cannot be read", ex);
        }
        Context context = new Context(Locale.forLanguageTag(message.language()));
        context.setVariables(model);
        context.setVariable("baseUrl", baseUrl);
        return templateEngine.process("mail/" + message.template(), context);
    }
}
