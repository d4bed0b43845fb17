package db.migration;

import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import db.migration.ListColumns.ListColumn;

/**
 * What a letter encloses was stored one item per line, like its co-signers before V41: now a JSON array
 * (ADR 14). Widened first, as the quotes and escapes take room: twenty items of 190 characters.
 */
public class V97__Letter_attachments_as_json extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE letter ALTER COLUMN attachments SET DATA TYPE VARCHAR(8000)");
        }
        ListColumns.toJson(context.getConnection(), List.of(new ListColumn("letter", "id", "attachments", false)));
    }
}
