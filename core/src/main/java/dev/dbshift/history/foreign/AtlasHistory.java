package dev.dbshift.history.foreign;

import dev.dbshift.DbShiftException;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Atlas's {@code atlas_schema_revisions} (in the target schema, or in a schema of that name where Atlas
 * works on the whole database): one row per version with {@code applied} of {@code total} statements and
 * the {@code hash} of the file. {@code type} is a bit set: 1 baseline (every version at or below it counts
 * as applied), 2 executed, 4 resolved by {@code atlas migrate set}. A row that stopped part way
 * ({@code applied < total} or an {@code error}) is refused, as Atlas refuses to go on from it. Rows whose
 * version starts with a dot are Atlas's own bookkeeping.
 */
final class AtlasHistory implements ForeignHistory {
    static final String NAME = "atlas_schema_revisions";

    @Override
    public String tool() {
        return "atlas";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        Optional<String> here = tables.find(NAME);
        if (here.isPresent()) {
            return here;
        }
        return tables.find(NAME, NAME).map(t -> NAME + "." + t);
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        String from = table.contains(".") ? tables.qualified(NAME, table.substring(table.indexOf('.') + 1)) : tables.qualified(table);
        List<String> partial = new ArrayList<>();
        List<ForeignRow> out = new ArrayList<>();
        for (ForeignRow r : tables.query("SELECT version, description, type, applied, total, executed_at, error, hash FROM "
                + from + " ORDER BY executed_at, version", rs -> {
                    String v = rs.getString("version");
                    if (v.startsWith(".")) {
                        return null;
                    }
                    long type = rs.getLong("type");
                    String error = rs.getString("error");
                    if (rs.getLong("applied") < rs.getLong("total") || error != null && !error.isEmpty()) {
                        partial.add(v + " (" + rs.getLong("applied") + " of " + rs.getLong("total") + " statements"
                                + (error == null || error.isEmpty() ? "" : ": " + error) + ")");
                        return null;
                    }
                    String note = "atlas " + v + " " + rs.getString("description") + ", type " + type + ", hash " + rs.getString("hash");
                    boolean baseline = (type & 1) != 0;
                    return new ForeignRow("atlas:" + v, v, null, baseline, baseline, tables.instant(rs, "executed_at"),
                            null, note, null);
                })) {
            if (r != null) {
                out.add(r);
            }
        }
        if (!partial.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: " + table + " has versions Atlas applied only"
                    + " in part: " + String.join(", ", partial) + "; fix the database by hand and record it with 'atlas"
                    + " migrate set', then 'dbshift adopt' again");
        }
        return out;
    }
}
