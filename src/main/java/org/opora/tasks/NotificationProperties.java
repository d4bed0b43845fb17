package org.opora.tasks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dueSoon           how long before its due date a task counts as due soon
 * @param reminderInterval  how often reminders are looked for
 * @param digestCron        when the daily digest goes out (server time zone)
 */
@ConfigurationProperties("opora.notifications")
record NotificationProperties(Duration dueSoon, Duration reminderInterval, String digestCron) {
}
