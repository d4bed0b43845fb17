package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a column of newline-joined items into JSON arrays, row by row, and checks from then on that
 * it holds an array. In Java, because H2 and PostgreSQL share no SQL to split text into JSON.
 */
final class ListColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param emptyAsArray an empty list is {@code []} (for NOT NULL columns), not NULL */
    record ListColumn(String table, String key, String column, boolean numbers, boolean emptyAsArray) {

        ListColumn(String table, String key, String column, boolean numbers) {
            this(table, key, column, numbers, numbers);
        }
    }

    private ListColumns() {
    }

    static void toJson(Connection connection, List<ListColumn> columns) throws SQLException, JsonProcessingException {
        for (ListColumn list : columns) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT " + list.key() + ", " + list.column() + " FROM " + list.table())) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getObject(1), toJson(rs.getString(2), list.numbers(), list.emptyAsArray())});
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE " + list.table() + " SET " + list.column() + " = ? WHERE " + list.key() + " = ?")) {
                for (Object[] row : rows) {
                    update.setString(1, (String) row[1]);
                    update.setObject(2, row[0]);
                    update.addBatch();
                }
                update.executeBatch();
            }
            requireArray(connection, list.table(), list.column());
        }
    }

    /** From now on the column holds a JSON array (or NULL): constraint {@code <table>_<column>_json}. */
    static void requireArray(Connection connection, String table, String column) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_" + column
                    + "_json CHECK (" + column + " IS NULL OR " + column + " LIKE '[%]')");
        }
    }

    private static String toJson(String lines, boolean numbers, boolean emptyAsArray) throws JsonProcessingException {
        if (lines == null || lines.isBlank()) {
            return emptyAsArray ? "[]" : null;
        }
        List<String> items = Arrays.stream(lines.split("\n")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        return JSON.writeValueAsString(numbers ? items.stream().map(Integer::valueOf).toList() : items);
    }
}
