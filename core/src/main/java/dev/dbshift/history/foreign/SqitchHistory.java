package dev.dbshift.history.foreign;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sqitch's registry: the {@code changes} table of the registry schema (PostgreSQL) or database (MySQL),
 * {@code sqitch} unless the project's {@code sqitch.conf} names another {@code registry}. It holds the
 * changes deployed now (a revert deletes the row; {@code events} keeps the log, which adopt does not
 * need), for every project that deploys to the database: only the rows of the project {@code sqitch.plan}
 * names ({@code %project=}) are read. Changes are matched as {@code sqitch:<change name>}.
 */
final class SqitchHistory implements ForeignHistory {
    private static final Pattern REGISTRY = Pattern.compile("(?m)^\\s*registry\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern PROJECT = Pattern.compile("(?m)^%project=(\\S+)\\s*$");

    @Override
    public String tool() {
        return "sqitch";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        String registry = setting(projectDir.resolve("sqitch.conf"), REGISTRY).orElse("sqitch");
        return tables.find(registry, "changes").map(t -> registry + "." + t);
    }

    private static Optional<String> setting(Path file, Pattern p) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Matcher m = p.matcher(Files.readString(file));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        int dot = table.indexOf('.');
        String from = tables.qualified(table.substring(0, dot), table.substring(dot + 1));
        Optional<String> project = setting(projectDir.resolve("sqitch.plan"), PROJECT);
        String where = project.map(p -> " WHERE project = '" + p.replace("'", "''") + "'").orElse("");
        String change = tables.quote("change");
        return tables.query("SELECT " + change + ", project, script_hash, committed_at, committer_name FROM " + from
                + where + " ORDER BY committed_at", rs -> ForeignRow.applied("sqitch:" + rs.getString(1), null,
                tables.instant(rs, "committed_at"), rs.getString("committer_name"), "sqitch " + rs.getString("project")
                        + ":" + rs.getString(1) + ", script_hash " + rs.getString("script_hash")));
    }
}
