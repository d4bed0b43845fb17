-- Opora's per-user preferences; the user itself (name, e-mail, password, groups) is a Camunda identity.
CREATE TABLE user_settings (
    user_id            VARCHAR(64) PRIMARY KEY,
    language           VARCHAR(5)  NOT NULL,
    notification_mode  VARCHAR(10) NOT NULL,
    CONSTRAINT user_settings_language_check CHECK (language IN ('ru', 'en')),
    CONSTRAINT user_settings_mode_check CHECK (notification_mode IN ('IMMEDIATE', 'DIGEST', 'NONE'))
);
