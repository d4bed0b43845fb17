package org.opora.users;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserSettingsRepository {

    private final JdbcClient jdbc;

    public UserSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UserSettings find(String userId) {
        return jdbc.sql("SELECT language, notification_mode FROM user_settings WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> new UserSettings(rs.getString("language"),
                        NotificationMode.valueOf(rs.getString("notification_mode"))))
                .optional()
                .orElse(UserSettings.DEFAULTS);
    }

    public void save(String userId, UserSettings settings) {
        int updated = jdbc.sql("UPDATE user_settings SET language = ?, notification_mode = ? WHERE user_id = ?")
                .params(settings.language(), settings.notificationMode().name(), userId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO user_settings (user_id, language, notification_mode) VALUES (?, ?, ?)")
                    .params(userId, settings.language(), settings.notificationMode().name())
                    .update();
        }
    }

    public List<String> usersWithMode(NotificationMode mode) {
        return jdbc.sql("SELECT user_id FROM user_settings WHERE notification_mode = ? ORDER BY user_id")
                .param(mode.name())
                .query(String.class)
                .list();
    }
}
