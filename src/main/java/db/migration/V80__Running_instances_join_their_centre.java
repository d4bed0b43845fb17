package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Process instances started before each instance carried its centre as its engine tenant (ADR 23)
 * join their case's centre: every runtime and history row of the engine that names a process
 * instance and has no tenant gets the centre of that instance's case. Without this the engine's
 * tenant check would show them to the staff of every centre (a row without a tenant is visible to
 * all). Instances that belong to no case keep no tenant and stay visible to all staff, as before.
 * <p>
 * The engine creates its own tables, possibly after this migration on a new database: then there is
 * nothing to move. The engine's tables are found by their columns, so a table a later engine version
 * adds is covered as well.
 */
public class V80__Running_instances_join_their_centre extends BaseJavaMigration {

    private static final List<String> INSTANCE_COLUMNS = List.of("PROC_INST_ID_", "PROCESS_INSTANCE_ID_");

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<String, String> tables = engineTablesWithTenantAndInstance(connection);
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        String centre = postgres ? "CAST(c.centre_id AS VARCHAR)" : "CAST(c.centre_id AS VARCHAR(64))";
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> table : tables.entrySet()) {
                String name = postgres ? table.getKey().toLowerCase(Locale.ROOT) : table.getKey();
                String instance = postgres ? table.getValue().toLowerCase(Locale.ROOT) : table.getValue();
                statement.executeUpdate("UPDATE " + name + " SET tenant_id_ = (SELECT " + centre
                        + " FROM opora_case c WHERE c.process_instance_id = " + name + "." + instance + ")"
                        + " WHERE tenant_id_ IS NULL AND " + instance + " IS NOT NULL AND EXISTS (SELECT 1 FROM opora_case c"
                        + " WHERE c.process_instance_id = " + name + "." + instance + ")");
            }
        }
    }

    /** The engine's tables (ACT_RU_*, ACT_HI_*) with a tenant column and a process-instance column, with the latter's name. */
    private static Map<String, String> engineTablesWithTenantAndInstance(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (ResultSet rows = metaData.getColumns(connection.getCatalog(), null, null, null)) {
            while (rows.next()) {
                String table = rows.getString("TABLE_NAME").toUpperCase(Locale.ROOT);
                String schema = rows.getString("TABLE_SCHEM");
                if ((table.startsWith("ACT_RU_") || table.startsWith("ACT_HI_")) && !"INFORMATION_SCHEMA".equalsIgnoreCase(schema)
                        && (connection.getSchema() == null || connection.getSchema().equalsIgnoreCase(schema))) {
                    columns.computeIfAbsent(table, key -> new ArrayList<>()).add(rows.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                }
            }
        }
        Map<String, String> tables = new LinkedHashMap<>();
        columns.forEach((table, names) -> {
            if (names.contains("TENANT_ID_")) {
                INSTANCE_COLUMNS.stream().filter(names::contains).findFirst().ifPresent(instance -> tables.put(table, instance));
            }
        });
        return tables;
    }
}
