package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An application's attachments were stored one per line as "kind: file name" in
 * {@code grant_application.attachments}; each is a record with rules of its own (a kind, a file name),
 * so they become rows of {@code grant_application_attachment}, in their order, as budget lines are
 * (ADR 14). In Java, because H2 and PostgreSQL share no SQL to split text into rows. A line without a
 * colon (the API never stored one) keeps its text as the file name, of the kind "other".
 */
public class V85__Grant_attachments_as_rows extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE grant_application_attachment ("
                    + "application_id UUID NOT NULL REFERENCES grant_application (id), "
                    + "position INTEGER NOT NULL, "
                    + "kind VARCHAR(100) NOT NULL, "
                    + "name VARCHAR(300) NOT NULL, "
                    + "PRIMARY KEY (application_id, position))");
        }
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, attachments FROM grant_application WHERE attachments IS NOT NULL")) {
            while (rs.next()) {
                int position = 0;
                for (String line : rs.getString(2).split("\n")) {
                    String item = line.strip();
                    if (item.isEmpty()) {
                        continue;
                    }
                    int colon = item.indexOf(':');
                    String kind = colon <= 0 ? "other" : item.substring(0, colon).strip();
                    String name = colon <= 0 ? item : item.substring(colon + 1).strip();
                    rows.add(new Object[] {rs.getObject(1), ++position, cut(kind, 100), cut(name.isEmpty() ? "?" : name, 300)});
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO grant_application_attachment (application_id, position, kind, name) VALUES (?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    insert.setObject(i + 1, row[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE grant_application DROP COLUMN attachments");
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
