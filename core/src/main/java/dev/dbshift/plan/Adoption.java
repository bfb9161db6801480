package dev.dbshift.plan;

import dev.dbshift.DbShiftException;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.Operation;
import dev.dbshift.history.foreign.ForeignRow;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code adopt} appends: for each migration another tool's history says is applied and dbshift's
 * does not, one {@code baseline} row recording the checksum of the script as dbshift reads it now (so
 * {@code check} is quiet, and an edit after the adoption is still caught), with the tool's row for a
 * person. Pure, like {@link HistoryEdits}.
 *
 * <p>A tool's row matches the migration whose {@link MigrationRef#foreignId()} is the row's id (the form
 * every format writes), else a repeatable of the row's description, else the migration of the row's
 * version where the tool's id is a version dbshift parses. A row that matches nothing is refused, all
 * listed at once: recording a version without its script would make dbshift's history claim what no
 * file says, and running the script later would run it twice; the way out is restoring the files. Only a
 * baseline the tool recorded without a script (Flyway's {@code BASELINE}, Atlas's baseline type) is
 * recorded without one, as {@code init --baseline} does. Migrations dbshift's history already has applied
 * are left out, so a second {@code adopt} records nothing.
 */
public final class Adoption {
    /**
     * One row to append and the tool's row it stands for; {@code migration} is the migration that row itself
     * names, whose script the tool's checksum is of (null for a baseline without a script, and for the
     * versions below a baseline or a golang-migrate version, which the tool kept no checksum of).
     */
    public record Entry(Mark mark, ForeignRow from, MigrationRef migration) {
    }

    private Adoption() {
    }

    public static List<Entry> plan(String table, List<MigrationRef> migrations, AppliedState state, List<ForeignRow> rows) {
        TreeMap<Version, MigrationRef> byVersion = HistoryEdits.versions(migrations);
        Map<String, MigrationRef> byForeignId = new HashMap<>();
        Map<String, MigrationRef> repeatables = new HashMap<>();
        for (MigrationRef m : migrations) {
            if (m.foreignId() != null) {
                byForeignId.put(m.foreignId(), m);
            }
            if (m.kind() == MigrationKind.REPEATABLE) {
                repeatables.put(m.description(), m);
            }
        }
        List<Entry> out = new ArrayList<>();
        Set<String> recorded = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (ForeignRow row : rows) {
            Version v = version(row.version());
            MigrationRef m = byForeignId.get(row.foreignId());
            if (m == null && row.repeatable() != null) {
                m = repeatables.get(row.repeatable());
            }
            if (m == null && v != null && row.repeatable() == null) {
                m = byVersion.get(v);
            }
            if (row.andBelow() && v != null) {
                for (MigrationRef below : byVersion.headMap(v, false).values()) {
                    add(out, recorded, state, below, row, "at or below " + row.foreignId() + " in " + table, false);
                }
            }
            if (m != null) {
                add(out, recorded, state, m, row, "in " + table, true);
            } else if (row.marker() && v != null) {
                if (!state.isApplied(v) && recorded.add("V" + v)) {
                    out.add(new Entry(new Mark(Operation.BASELINE, v.toString(), "baseline", MigrationKind.BASELINE.code(),
                            null, null, "baseline without a script, as " + row.foreignId() + " in " + table + " (" + row.note() + ")"), row, null));
                }
            } else {
                missing.add(row.foreignId());
            }
        }
        if (!missing.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: " + table + " records " + missing.size()
                    + " migration(s) this project does not have: " + String.join(", ", missing.stream().limit(20).toList())
                    + (missing.size() > 20 ? ", …" : "") + "; nothing was recorded. Restore their files (e.g. from version"
                    + " control) in the locations dbshift reads, so each is checksummed and matched, then adopt again");
        }
        return out;
    }

    private static void add(List<Entry> out, Set<String> recorded, AppliedState state, MigrationRef m, ForeignRow row, String where,
                            boolean named) {
        boolean applied = m.version() == null
                ? state.repeatables().containsKey(m.description()) && state.repeatables().get(m.description()).applied()
                : state.isApplied(m.version());
        String key = m.version() == null ? "R" + m.description() : "V" + m.version();
        if (applied || !recorded.add(key)) {
            return;
        }
        out.add(new Entry(new Mark(Operation.BASELINE, m.version() == null ? null : m.version().toString(), m.description(),
                m.kind().code(), m.scriptName(), m.checksum(), "applied " + where + " (" + row.note() + ")"), row, named ? m : null));
    }

    private static Version version(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
