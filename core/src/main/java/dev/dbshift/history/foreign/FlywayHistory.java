package dev.dbshift.history.foreign;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Flyway's {@code flyway_schema_history} (or the table {@code flyway.table} names in the project's
 * {@code flyway.conf} / {@code flyway.toml}). Rows in {@code installed_rank} order; for each version (a
 * repeatable: each description) the latest row decides: {@code SQL}/{@code JDBC} applied, a baseline
 * migration ({@code SQL_BASELINE}, a {@code B} file Flyway runs on an empty database instead of the versions
 * below it) applied with every version below it, {@code DELETE} (written by {@code flyway repair} for a missing migration) and {@code UNDO_*} not
 * applied; a {@code BASELINE} row makes every migration at or below its version applied, as Flyway ignores
 * them; {@code SCHEMA} (Flyway created the schema) says nothing about migrations. A failed row
 * ({@code success} false) is refused: Flyway itself refuses to migrate until {@code flyway repair} removed it.
 */
final class FlywayHistory implements ForeignHistory {
    private static final Pattern CONF_TABLE = Pattern.compile("(?m)^\\s*flyway\\.table\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern TOML_TABLE = Pattern.compile("(?m)^\\s*table\\s*=\\s*\"([^\"]+)\"");

    @Override
    public String tool() {
        return "flyway";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        return tables.find(tableName(projectDir));
    }

    /** {@code flyway.table} from the project's Flyway configuration, else Flyway's default. */
    static String tableName(Path projectDir) {
        try {
            Path conf = projectDir.resolve("flyway.conf");
            if (Files.isRegularFile(conf)) {
                Matcher m = CONF_TABLE.matcher(Files.readString(conf));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Path toml = projectDir.resolve("flyway.toml");
            if (Files.isRegularFile(toml)) {
                Matcher m = TOML_TABLE.matcher(Files.readString(toml));
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: cannot read the Flyway configuration in "
                    + projectDir + ": " + e.getMessage(), e);
        }
        return "flyway_schema_history";
    }

    private record Row(int rank, String version, String description, String type, String script, Integer checksum,
                       String installedBy, java.time.Instant installedOn, boolean success) {
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        List<Row> rows = tables.query("SELECT installed_rank, version, description, type, script, checksum, installed_by,"
                + " installed_on, success FROM " + tables.qualified(table) + " ORDER BY installed_rank", rs -> new Row(
                rs.getInt("installed_rank"), rs.getString("version"), rs.getString("description"), rs.getString("type"),
                rs.getString("script"), rs.getObject("checksum") == null ? null : rs.getInt("checksum"),
                rs.getString("installed_by"), tables.instant(rs, "installed_on"), rs.getBoolean("success")));
        List<String> failed = new ArrayList<>();
        Map<String, Row> latest = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.success()) {
                failed.add((r.version() == null ? "R" : r.version()) + " (" + r.script() + ", installed_rank " + r.rank() + ")");
                continue;
            }
            if ("SCHEMA".equals(r.type())) {
                continue;
            }
            String key = r.version() != null ? "V" + r.version() : "R" + r.description();
            latest.remove(key); // re-inserted below: the order is that of the latest row
            latest.put(key, r);
        }
        if (!failed.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: " + table + " has failed migrations: "
                    + String.join(", ", failed) + "; Flyway itself refuses to go on from there: fix the database by hand,"
                    + " run 'flyway repair' (it removes the failed rows), then 'dbshift adopt' again");
        }
        List<ForeignRow> out = new ArrayList<>();
        for (Row r : latest.values()) {
            if (r.type().equals("DELETE") || r.type().startsWith("UNDO")) {
                continue;
            }
            String note = "flyway " + r.type() + " " + r.script() + ", installed_rank " + r.rank()
                    + (r.checksum() == null ? "" : ", checksum " + r.checksum());
            if (r.type().equals("BASELINE")) {
                out.add(new ForeignRow("flyway:" + r.version(), r.version(), null, true, true, r.installedOn(),
                        r.installedBy(), note, null));
            } else if (r.version() == null) {
                out.add(new ForeignRow("flyway:R:" + r.description(), null, r.description(), false, false,
                        r.installedOn(), r.installedBy(), note, r.checksum() == null ? null : r.checksum().toString()));
            } else {
                boolean baselineMigration = r.type().endsWith("_BASELINE");
                out.add(new ForeignRow("flyway:" + r.version(), r.version(), null, baselineMigration, false, r.installedOn(),
                        r.installedBy(), note, r.checksum() == null ? null : r.checksum().toString()));
            }
        }
        return out;
    }

    /** Flyway's checksum: the CRC32 of the script's lines (UTF-8, without their line ends, a leading BOM dropped). */
    static int checksum(String text) {
        CRC32 crc = new CRC32();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        body.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    @Override
    public boolean sameScript(ForeignRow row, String text) {
        return row.checksum() == null || Integer.parseInt(row.checksum()) == checksum(text);
    }
}
