package org.opora.users;

import java.util.Locale;

/** A user's preferences; users without a row get {@link #DEFAULTS}. */
public record UserSettings(String language, NotificationMode notificationMode) {

    public static final UserSettings DEFAULTS = new UserSettings("ru", NotificationMode.IMMEDIATE);

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }
}
