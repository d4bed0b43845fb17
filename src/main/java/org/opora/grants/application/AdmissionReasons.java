package org.opora.grants.application;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * An admission reason as stored: the rule's code (the admission table's output), for missing
 * documents followed by ": " and their names. The sentence comes from the bundle in the reader's language.
 */
final class AdmissionReasons {

    /** A rule of admission the application fails: its stable code and the sentence, in the reader's language. */
    record Finding(String code, String text) {
    }

    private AdmissionReasons() {
    }

    static Finding finding(String reason, MessageSource messages, Locale locale) {
        String code = reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason;
        String detail = reason.contains(":") ? reason.substring(reason.indexOf(':') + 1).strip() : "";
        return new Finding(code,
                messages.getMessage("grant.reason." + code, new Object[] {detail}, reason, locale));
    }
}
