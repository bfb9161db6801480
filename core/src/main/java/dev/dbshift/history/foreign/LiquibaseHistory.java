package dev.dbshift.history.foreign;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Liquibase's {@code DATABASECHANGELOG}: one row per changeset run, identified by ID, AUTHOR and FILENAME
 * ({@code liquibase:<FILENAME>::<ID>::<AUTHOR>}), in {@code ORDEREXECUTED} order. {@code EXECUTED},
 * {@code RERAN} and {@code MARK_RAN} rows are applied; {@code FAILED} (a changeset with {@code failOnError:false})
 * and {@code SKIPPED} ones are not, as Liquibase runs them again. The lock table
 * {@code DATABASECHANGELOGLOCK} is none of adopt's business and is left alone. An ID dbshift can read as a
 * version (formatted SQL's {@code --changeset alice:3}) also matches a migration of that version.
 */
final class LiquibaseHistory implements ForeignHistory {
    @Override
    public String tool() {
        return "liquibase";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        return tables.find("databasechangelog");
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        List<ForeignRow> out = new ArrayList<>();
        for (ForeignRow r : tables.query("SELECT id, author, filename, dateexecuted, orderexecuted, exectype, md5sum FROM "
                + tables.qualified(table) + " ORDER BY orderexecuted", rs -> {
                    String type = rs.getString("exectype");
                    if (type == null || type.equals("FAILED") || type.equals("SKIPPED")) {
                        return null;
                    }
                    String id = rs.getString("id");
                    String note = "liquibase " + type + " " + rs.getString("filename") + "::" + id + "::"
                            + rs.getString("author") + ", orderexecuted " + rs.getInt("orderexecuted")
                            + (rs.getString("md5sum") == null ? "" : ", md5sum " + rs.getString("md5sum"));
                    return ForeignRow.applied("liquibase:" + rs.getString("filename") + "::" + id + "::"
                            + rs.getString("author"), id, tables.instant(rs, "dateexecuted"), rs.getString("author"), note);
                })) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }
}
