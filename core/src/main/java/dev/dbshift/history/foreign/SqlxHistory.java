package dev.dbshift.history.foreign;

import dev.dbshift.DbShiftException;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * sqlx's {@code _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)}:
 * one row per applied migration, with the SHA-384 of its file. A row with {@code success} false is the
 * migration sqlx calls dirty: refused, as {@code sqlx migrate run} refuses it.
 */
final class SqlxHistory implements ForeignHistory {
    @Override
    public String tool() {
        return "sqlx";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        return tables.find("_sqlx_migrations");
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        List<String> dirty = new ArrayList<>();
        List<ForeignRow> out = new ArrayList<>();
        for (ForeignRow r : tables.query("SELECT version, description, installed_on, success, checksum FROM "
                + tables.qualified(table) + " ORDER BY version", rs -> {
                    String v = Long.toString(rs.getLong("version"));
                    if (!rs.getBoolean("success")) {
                        dirty.add(v + " (" + rs.getString("description") + ")");
                        return null;
                    }
                    byte[] sum = rs.getBytes("checksum");
                    return ForeignRow.applied("sqlx:" + v, v, tables.instant(rs, "installed_on"), null,
                            "sqlx " + rs.getString("description") + (sum == null ? "" : ", sha384 " + HexFormat.of().formatHex(sum)));
                })) {
            if (r != null) {
                out.add(r);
            }
        }
        if (!dirty.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: " + table + " has migrations sqlx left dirty"
                    + " (success = false): " + String.join(", ", dirty) + "; fix the database by hand, delete their rows"
                    + " (or re-run them with sqlx), then 'dbshift adopt' again");
        }
        return out;
    }
}
