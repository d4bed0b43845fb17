-- The Russian production calendar as data: per year, the decree that set it and the days that
-- differ from "Monday to Friday work, weekends off". Years without a row fall back to the Labour
-- Code rules, and deadlines computed from them are provisional.
CREATE TABLE calendar_year (
    year_number  INTEGER PRIMARY KEY,
    source       VARCHAR(500) NOT NULL,
    provisional  BOOLEAN NOT NULL
);

CREATE TABLE calendar_exception (
    calendar_date  DATE PRIMARY KEY,
    year_number    INTEGER NOT NULL REFERENCES calendar_year (year_number),
    working        BOOLEAN NOT NULL,    -- true: a working weekend day; false: a weekday off
    note           VARCHAR(300) NOT NULL
);

-- Statutory deadlines as data, so a centre can add a regional rule or a new law without a release.
CREATE TABLE deadline_rule (
    name          VARCHAR(50) PRIMARY KEY,
    title         VARCHAR(300) NOT NULL,
    legal_source  VARCHAR(300) NOT NULL,
    days          INTEGER NOT NULL,
    day_kind      VARCHAR(10) NOT NULL,
    roll_forward  BOOLEAN NOT NULL,
    CONSTRAINT deadline_rule_days_check CHECK (days > 0),
    CONSTRAINT deadline_rule_kind_check CHECK (day_kind IN ('CALENDAR', 'WORKING'))
);

INSERT INTO calendar_year (year_number, source, provisional) VALUES
    (2025, 'Постановление Правительства РФ № 1335 от 04.10.2024', FALSE),
    (2026, 'Постановление Правительства РФ № 1466 от 24.09.2025', FALSE),
    (2027, 'По образцу 2021 года (дни недели совпадают); ждёт подтверждения постановлением', TRUE);

INSERT INTO calendar_exception (calendar_date, year_number, working, note) VALUES
    (DATE '2025-01-01', 2025, FALSE, 'Новогодние каникулы'),
    (DATE '2025-01-02', 2025, FALSE, 'Новогодние каникулы'),
    (DATE '2025-01-03', 2025, FALSE, 'Новогодние каникулы'),
    (DATE '2025-01-06', 2025, FALSE, 'Новогодние каникулы'),
    (DATE '2025-01-07', 2025, FALSE, 'Рождество Христово'),
    (DATE '2025-01-08', 2025, FALSE, 'Новогодние каникулы'),
    (DATE '2025-05-01', 2025, FALSE, 'Праздник Весны и Труда'),
    (DATE '2025-05-02', 2025, FALSE, 'Выходной, перенесённый с 4 января'),
    (DATE '2025-05-08', 2025, FALSE, 'Выходной, перенесённый с 23 февраля'),
    (DATE '2025-05-09', 2025, FALSE, 'День Победы'),
    (DATE '2025-06-12', 2025, FALSE, 'День России'),
    (DATE '2025-06-13', 2025, FALSE, 'Выходной, перенесённый с 8 марта'),
    (DATE '2025-11-01', 2025, TRUE,  'Рабочая суббота (выходной перенесён на 3 ноября)'),
    (DATE '2025-11-03', 2025, FALSE, 'Выходной, перенесённый с субботы 1 ноября'),
    (DATE '2025-11-04', 2025, FALSE, 'День народного единства'),
    (DATE '2025-12-31', 2025, FALSE, 'Выходной, перенесённый с 5 января'),

    (DATE '2026-01-01', 2026, FALSE, 'Новогодние каникулы'),
    (DATE '2026-01-02', 2026, FALSE, 'Новогодние каникулы'),
    (DATE '2026-01-05', 2026, FALSE, 'Новогодние каникулы'),
    (DATE '2026-01-06', 2026, FALSE, 'Новогодние каникулы'),
    (DATE '2026-01-07', 2026, FALSE, 'Рождество Христово'),
    (DATE '2026-01-08', 2026, FALSE, 'Новогодние каникулы'),
    (DATE '2026-01-09', 2026, FALSE, 'Выходной, перенесённый с 3 января'),
    (DATE '2026-02-23', 2026, FALSE, 'День защитника Отечества'),
    (DATE '2026-03-09', 2026, FALSE, 'Выходной за 8 марта (воскресенье)'),
    (DATE '2026-05-01', 2026, FALSE, 'Праздник Весны и Труда'),
    (DATE '2026-05-11', 2026, FALSE, 'Выходной за 9 мая (суббота)'),
    (DATE '2026-06-12', 2026, FALSE, 'День России'),
    (DATE '2026-11-04', 2026, FALSE, 'День народного единства'),
    (DATE '2026-12-31', 2026, FALSE, 'Выходной, перенесённый с 4 января'),

    (DATE '2027-01-01', 2027, FALSE, 'Новогодние каникулы'),
    (DATE '2027-01-04', 2027, FALSE, 'Новогодние каникулы'),
    (DATE '2027-01-05', 2027, FALSE, 'Новогодние каникулы'),
    (DATE '2027-01-06', 2027, FALSE, 'Новогодние каникулы'),
    (DATE '2027-01-07', 2027, FALSE, 'Рождество Христово'),
    (DATE '2027-01-08', 2027, FALSE, 'Новогодние каникулы'),
    (DATE '2027-02-20', 2027, TRUE,  'Рабочая суббота (выходной перенесён на 22 февраля)'),
    (DATE '2027-02-22', 2027, FALSE, 'Выходной, перенесённый с субботы 20 февраля'),
    (DATE '2027-02-23', 2027, FALSE, 'День защитника Отечества'),
    (DATE '2027-03-08', 2027, FALSE, 'Международный женский день'),
    (DATE '2027-05-03', 2027, FALSE, 'Выходной за 1 мая (суббота)'),
    (DATE '2027-05-10', 2027, FALSE, 'Выходной за 9 мая (воскресенье)'),
    (DATE '2027-06-14', 2027, FALSE, 'Выходной за 12 июня (суббота)'),
    (DATE '2027-11-04', 2027, FALSE, 'День народного единства'),
    (DATE '2027-11-05', 2027, FALSE, 'Выходной, перенесённый со 2 января'),
    (DATE '2027-12-31', 2027, FALSE, 'Выходной, перенесённый с 3 января');

INSERT INTO deadline_rule (name, title, legal_source, days, day_kind, roll_forward) VALUES
    ('registration', 'Регистрация письменного обращения', '59-ФЗ, ст. 8 ч. 2', 3, 'CALENDAR', TRUE),
    ('forwarding', 'Переадресация обращения по компетенции', '59-ФЗ, ст. 8 ч. 3', 7, 'CALENDAR', TRUE),
    ('answer', 'Ответ на обращение', '59-ФЗ, ст. 12 ч. 1', 30, 'CALENDAR', TRUE),
    ('extension', 'Продление срока ответа', '59-ФЗ, ст. 12 ч. 2', 30, 'CALENDAR', TRUE),
    ('information-answer', 'Ответ на запрос информации о деятельности органа', '8-ФЗ, ст. 18 ч. 6', 30, 'CALENDAR', TRUE),
    ('information-extension', 'Продление срока ответа на запрос информации', '8-ФЗ, ст. 18 ч. 6', 15, 'CALENDAR', TRUE),
    ('document-request', 'Ответ органа на запрос документов другого органа', '59-ФЗ, ст. 10 ч. 2', 15, 'CALENDAR', TRUE);
