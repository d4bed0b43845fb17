package org.opora.mail;


import org.springframework.beans.factory.annotation.Value;
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
            @Value("${opora.base-url}") String baseUrl) {
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
}
