package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The short lists of the grants feature were stored one item per line; they become JSON arrays
 * (text in every database, checked to be an array), so no item can break the list by containing
 * a line break. A Java migration, because H2 and PostgreSQL share no way to split text into JSON.
 */
public class V40__Lists_as_json extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record ListColumn(String table, String key, String column, boolean numbers) {
    }

    private static final List<ListColumn> COLUMNS = List.of(
            new ListColumn("grant_competition", "id", "required_documents", false),
            new ListColumn("grant_competition", "id", "tranche_shares", true),
            new ListColumn("grant_competition", "id", "expert_pool", false),
            new ListColumn("grant_expert", "user_id", "regions", false),
            new ListColumn("grant_expert", "user_id", "topics", false),
            new ListColumn("grant_expert", "user_id", "tied_organisations", false),
            new ListColumn("grant_application", "id", "admission_reasons", false));

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE grant_competition ALTER COLUMN tranche_shares SET DEFAULT '[50,50]'");
        }
        for (ListColumn list : COLUMNS) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT " + list.key() + ", " + list.column() + " FROM " + list.table())) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getObject(1), toJson(rs.getString(2), list.numbers())});
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
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + list.table() + " ADD CONSTRAINT " + list.table() + "_" + list.column()
                        + "_json CHECK (" + list.column() + " IS NULL OR " + list.column() + " LIKE '[%]')");
            }
        }
    }

    private static String toJson(String lines, boolean numbers) throws Exception {
        if (lines == null || lines.isBlank()) {
            return numbers ? "[]" : null;
        }
        List<String> items = Arrays.stream(lines.split("\n")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        return JSON.writeValueAsString(numbers ? items.stream().map(Integer::valueOf).toList() : items);
    }
}
