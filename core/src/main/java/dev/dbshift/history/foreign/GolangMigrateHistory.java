package dev.dbshift.history.foreign;

import dev.dbshift.DbShiftException;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * golang-migrate's {@code schema_migrations (version bigint, dirty boolean)}: one row, the version the
 * database is at; every migration at or below it is applied (golang-migrate applies in order only). A
 * dirty row (a migration failed midway) is refused with golang-migrate's own way out, {@code migrate force}.
 * Told apart from dbmate's table of the same name by its {@code dirty} column.
 */
final class GolangMigrateHistory implements ForeignHistory {
    @Override
    public String tool() {
        return "golang-migrate";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        return schemaMigrations(tables, true);
    }

    /** {@code schema_migrations}, when it has a {@code dirty} column (golang-migrate) or, with {@code dirty} false, none (dbmate). */
    static Optional<String> schemaMigrations(TargetTables tables, boolean dirty) throws SQLException {
        Optional<String> t = tables.find("schema_migrations");
        return t.isPresent() && tables.columns(t.get()).contains("dirty") == dirty ? t : Optional.empty();
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        List<long[]> rows = tables.query("SELECT version, dirty FROM " + tables.qualified(table),
                rs -> new long[]{rs.getLong("version"), rs.getBoolean("dirty") ? 1 : 0});
        if (rows.isEmpty() || rows.get(0)[0] < 0) {
            return List.of(); // golang-migrate writes version -1 (or no row) when everything was migrated down
        }
        long version = rows.get(0)[0];
        if (rows.get(0)[1] == 1) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: " + table + " says version " + version
                    + " is dirty (golang-migrate stopped in the middle of it); fix the database by hand, then"
                    + " 'migrate force " + version + "' (it ran completely) or 'migrate force <the version before>'"
                    + " (it did not), then 'dbshift adopt' again");
        }
        return List.of(new ForeignRow("golang-migrate:" + version, Long.toString(version), null, true, false, null,
                null, "golang-migrate schema_migrations at " + version, null));
    }
}
