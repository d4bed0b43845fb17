package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A volunteer's weekly availability was text, one line a slot ({@code SAT 10:00-14:00}, a day alone
 * meaning the whole day, lines also split at ';' and ','); it becomes a JSON array of slots
 * ({@code [{"day":"SAT","from":"10:00","to":"14:00"},{"day":"SUN"}]}), checked to be an array, {@code []}
 * when empty (ADR 14). The old syntax is read here only, as it was read before. A line that does not
 * follow it (none could be entered, but rows may predate the check) is left out and logged with the
 * volunteer's id, never the text; the row's other lines are kept. Repeated slots are kept once.
 */
public class V98__Volunteer_availability_as_json extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V98__Volunteer_availability_as_json.class);
    private static final Pattern LINE = Pattern.compile(
            "(MON|TUE|WED|THU|FRI|SAT|SUN)(?:\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2}))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            // Room for the quotes and braces of the old column's longest text.
            statement.execute("ALTER TABLE volunteer ALTER COLUMN availability SET DATA TYPE VARCHAR(8000)");
            statement.execute("ALTER TABLE volunteer ALTER COLUMN availability SET DEFAULT '[]'");
        }
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, availability FROM volunteer")) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getObject(1), JSON.writeValueAsString(slots(rs.getObject(1), rs.getString(2)))});
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE volunteer SET availability = ? WHERE id = ?")) {
            for (Object[] row : rows) {
                update.setString(1, (String) row[1]);
                update.setObject(2, row[0]);
                update.addBatch();
            }
            update.executeBatch();
        }
        ListColumns.requireArray(connection, "volunteer", "availability");
    }

    private static List<Map<String, String>> slots(Object id, String text) {
        Set<Map<String, String>> slots = new LinkedHashSet<>();
        if (text == null) {
            return List.of();
        }
        int number = 0;
        for (String line : text.split("[\\n;,]")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> slot = slot(line.trim().toUpperCase(Locale.ROOT));
            if (slot == null) {
                log.warn("Volunteer {}: availability line {} is not like 'SAT 10:00-14:00' and is left out", id, number);
            } else {
                slots.add(slot);
            }
        }
        return new ArrayList<>(slots);
    }

    /** The line as a slot, or null when it does not follow the syntax or its range is empty. */
    private static Map<String, String> slot(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> slot = new LinkedHashMap<>();
        slot.put("day", matcher.group(1));
        if (matcher.group(2) != null) {
            try {
                LocalTime from = LocalTime.parse(pad(matcher.group(2)));
                LocalTime to = LocalTime.parse(pad(matcher.group(3)));
                if (!to.equals(LocalTime.MIDNIGHT) && !to.isAfter(from)) {
                    return null;
                }
                slot.put("from", from.toString());
                slot.put("to", to.toString());
            } catch (DateTimeParseException notATime) {
                return null;
            }
        }
        return slot;
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }
}
