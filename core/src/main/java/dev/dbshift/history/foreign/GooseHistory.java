package dev.dbshift.history.foreign;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * goose's {@code goose_db_version (id, version_id, is_applied, tstamp)}: a log where the latest row of a
 * version (by {@code id}) decides whether it is applied ({@code is_applied} false: migrated down). The
 * row of version 0 goose writes when it creates the table is no migration.
 */
final class GooseHistory implements ForeignHistory {
    @Override
    public String tool() {
        return "goose";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        return tables.find("goose_db_version");
    }

    private record Row(long id, long version, boolean applied, Instant at) {
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        Map<Long, Row> latest = new LinkedHashMap<>();
        for (Row r : tables.query("SELECT id, version_id, is_applied, tstamp FROM " + tables.qualified(table) + " ORDER BY id",
                rs -> new Row(rs.getLong("id"), rs.getLong("version_id"), rs.getBoolean("is_applied"), tables.instant(rs, "tstamp")))) {
            latest.remove(r.version());
            latest.put(r.version(), r);
        }
        List<ForeignRow> out = new ArrayList<>();
        for (Row r : latest.values()) {
            if (r.version() != 0 && r.applied()) {
                out.add(ForeignRow.applied("goose:" + r.version(), Long.toString(r.version()), r.at(), null,
                        "goose goose_db_version id " + r.id()));
            }
        }
        return out;
    }
}
