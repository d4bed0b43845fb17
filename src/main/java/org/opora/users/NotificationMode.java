package org.opora.users;

/** How a user wants to hear about their tasks. */
public enum NotificationMode {
    /** An e-mail for each new task and each due-soon or overdue reminder. */
    IMMEDIATE,
    /** One e-mail a day listing new, due-soon and overdue tasks. */
    DIGEST,
    /** No task e-mails. */
    NONE
}
