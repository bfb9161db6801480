package dev.dbshift.history.foreign;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * dbmate's {@code schema_migrations (version varchar(128) primary key)}: one row per applied migration,
 * no times. Told apart from golang-migrate's table of the same name by having no {@code dirty} column.
 */
final class DbmateHistory implements ForeignHistory {
    @Override
    public String tool() {
        return "dbmate";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        return GolangMigrateHistory.schemaMigrations(tables, false);
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        return tables.query("SELECT version FROM " + tables.qualified(table) + " ORDER BY version", rs -> {
            String v = rs.getString("version");
            return ForeignRow.applied("dbmate:" + v, v, null, null, "dbmate schema_migrations " + v);
        });
    }
}
