package db.migration;

import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import db.migration.ListColumns.ListColumn;

/** A letter's co-signers were stored one per line, like the grant lists before V40: now a JSON array. */
public class V41__Letter_cosigners_as_json extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        ListColumns.toJson(context.getConnection(), List.of(new ListColumn("letter", "id", "cosigners", false)));
    }
}
