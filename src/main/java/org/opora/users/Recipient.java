package org.opora.users;

/** Someone Opora can e-mail about their work, with how they want to hear about it. */
public record Recipient(String userId, String name, String email, UserSettings settings) {
}
