package org.opora.mail;

import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders a message's subject and body in the recipient's language. */
@Component
class MailTemplates {

    private final ITemplateEngine templateEngine;
    private final MessageSource messages;
    private final String baseUrl;

    MailTemplates(ITemplateEngine templateEngine, MessageSource messages,
            @org.springframework.beans.factory.annotation.Value("${opora.base-url}") String baseUrl) {
        this.templateEngine = templateEngine;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    record Rendered(String subject, String html) {
    }

    Rendered render(MailMessage message) {
        Context context = new Context(message.locale());
        context.setVariables(message.model());
        context.setVariable("baseUrl", baseUrl);
        String subject = messages.getMessage("mail." + message.template() + ".subject", message.subjectArguments(),
                message.locale());
        String html = templateEngine.process("mail/" + message.template(), context);
        return new Rendered(subject, html);
    }

    static Map<String, Object> model(Object... keysAndValues) {
        java.util.LinkedHashMap<String, Object> model = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            model.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return model;
    }
}
