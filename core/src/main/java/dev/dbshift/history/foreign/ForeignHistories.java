package dev.dbshift.history.foreign;

import dev.dbshift.DbShiftException;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every other tool's history {@code adopt} reads, and which of them a target has. */
public final class ForeignHistories {
    /** A tool's history found on the target: the tool and its table as spelled there. */
    public record Found(ForeignHistory history, String table) {
    }

    private ForeignHistories() {
    }

    public static List<ForeignHistory> all() {
        return List.of(new FlywayHistory(), new LiquibaseHistory(), new GolangMigrateHistory(), new GooseHistory(),
                new DbmateHistory(), new SqlxHistory(), new AlembicHistory(), new AtlasHistory(), new SqitchHistory());
    }

    /**
     * The history of {@code from} (a tool's name), or, with {@code from} null, the one history the target
     * has; refuses (bad input) an unknown tool, a target without it, and a target with several.
     */
    public static Found find(String from, TargetTables tables, Path projectDir) throws SQLException {
        List<String> names = all().stream().map(ForeignHistory::tool).toList();
        if (from != null) {
            ForeignHistory h = all().stream().filter(x -> x.tool().equals(from)).findFirst().orElseThrow(() ->
                    new DbShiftException(DbShiftException.BAD_INPUT, "adopt --from " + from + ": unknown tool (known: "
                            + String.join(", ", names) + ")"));
            return new Found(h, h.find(tables, projectDir).orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT,
                    "adopt --from " + from + ": " + tables.schema() + " has no " + from + " history table")));
        }
        List<Found> found = new ArrayList<>();
        for (ForeignHistory h : all()) {
            Optional<String> t = h.find(tables, projectDir);
            t.ifPresent(table -> found.add(new Found(h, table)));
        }
        if (found.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: " + tables.schema() + " has no history table"
                    + " of another tool (looked for " + String.join(", ", names) + ")");
        }
        if (found.size() > 1) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: " + tables.schema() + " has the history of "
                    + "several tools: " + String.join(", ", found.stream().map(f -> f.history().tool() + " (" + f.table() + ")")
                    .toList()) + "; say which with --from");
        }
        return found.get(0);
    }
}
