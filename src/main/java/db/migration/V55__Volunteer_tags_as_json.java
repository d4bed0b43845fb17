package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import db.migration.ListColumns.ListColumn;

/**
 * A volunteer's skills and interests and a request's required and nice-to-have skills were stored
 * one tag per line; they become JSON arrays of tags (text in every database, checked to be an
 * array, {@code []} when empty), as the grants' lists did in V40. The columns grow to hold the
 * quotes and commas of the longest list the API accepts.
 */
public class V55__Volunteer_tags_as_json extends BaseJavaMigration {

    private static final List<String[]> COLUMNS = List.of(new String[] {"volunteer", "skills", "8000"},
            new String[] {"volunteer", "interests", "4000"}, new String[] {"volunteer_request", "required_skills", "4000"},
            new String[] {"volunteer_request", "nice_skills", "4000"});

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            for (String[] column : COLUMNS) {
                statement.execute("ALTER TABLE " + column[0] + " ALTER COLUMN " + column[1] + " SET DATA TYPE VARCHAR(" + column[2] + ")");
                statement.execute("ALTER TABLE " + column[0] + " ALTER COLUMN " + column[1] + " SET DEFAULT '[]'");
            }
        }
        ListColumns.toJson(connection, COLUMNS.stream().map(column -> new ListColumn(column[0], "id", column[1], false, true)).toList());
    }
}
