package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import db.migration.ListColumns.ListColumn;

/**
 * The short lists of the grants feature were stored one item per line; they become JSON arrays
 * (text in every database, checked to be an array), so no item can break the list by containing
 * a line break.
 */
public class V40__Lists_as_json extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE grant_competition ALTER COLUMN tranche_shares SET DEFAULT '[50,50]'");
        }
        ListColumns.toJson(connection, List.of(
                new ListColumn("grant_competition", "id", "required_documents", false),
                new ListColumn("grant_competition", "id", "tranche_shares", true),
                new ListColumn("grant_competition", "id", "expert_pool", false),
                new ListColumn("grant_expert", "user_id", "regions", false),
                new ListColumn("grant_expert", "user_id", "topics", false),
                new ListColumn("grant_expert", "user_id", "tied_organisations", false),
                new ListColumn("grant_application", "id", "admission_reasons", false)));
    }
}
