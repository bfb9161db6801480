package dev.dbshift.history.foreign;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Alembic's {@code alembic_version (version_num)}: only the heads the database is at. Which revisions
 * that means comes from the project's revision files ({@code <script_location>/versions/*.py}, the
 * {@code script_location} of {@code alembic.ini}, else {@code alembic/} or {@code migrations/}): their
 * {@code revision = '...'} and {@code down_revision = ...} lines (with or without type annotations; a
 * merge's tuple names several parents) make the graph, and a head is applied with all its ancestors.
 *
 * <p>Alembic revisions are Python, so dbshift reads them only as SQL written for it; such a migration
 * names its revision as {@code alembic:<revision id>}. Without one, a revision matches the migration whose
 * version is its place in the graph's order from the base (1, 2, 3...; parents before children, siblings
 * by revision id), so a chain rewritten as {@code 1__...sql}, {@code 2__...sql} adopts as it is.
 */
final class AlembicHistory implements ForeignHistory {
    private static final Pattern REVISION = Pattern.compile("(?m)^revision\\s*(?::[^=\\n]*)?=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern DOWN = Pattern.compile("(?m)^down_revision\\s*(?::[^=\\n]*)?=\\s*(.*)$");
    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");
    private static final Pattern SCRIPT_LOCATION = Pattern.compile("(?m)^\\s*script_location\\s*=\\s*(\\S+)\\s*$");

    @Override
    public String tool() {
        return "alembic";
    }

    @Override
    public Optional<String> find(TargetTables tables, Path projectDir) throws SQLException {
        return tables.find("alembic_version");
    }

    @Override
    public List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException {
        List<String> heads = tables.query("SELECT version_num FROM " + tables.qualified(table), rs -> rs.getString(1));
        if (heads.isEmpty()) {
            return List.of();
        }
        Path versions = versionsFolder(projectDir);
        Map<String, List<String>> parents = graph(versions);
        Set<String> applied = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(heads);
        List<ForeignRow> out = new ArrayList<>();
        while (!todo.isEmpty()) {
            String r = todo.pop();
            if (!applied.add(r)) {
                continue;
            }
            List<String> ps = parents.get(r);
            if (ps == null) {
                // a revision the files do not have: adopt lists it as missing
                out.add(ForeignRow.applied("alembic:" + r, null, null, null, "alembic revision " + r + " (no file in " + versions + ")"));
            } else {
                todo.addAll(ps);
            }
        }
        List<String> order = order(parents);
        for (int i = 0; i < order.size(); i++) {
            String r = order.get(i);
            if (applied.contains(r)) {
                out.add(ForeignRow.applied("alembic:" + r, Integer.toString(i + 1), null, null,
                        "alembic revision " + r + (heads.contains(r) ? " (head in " + table + ")" : "")));
            }
        }
        return out;
    }

    static Path versionsFolder(Path projectDir) {
        List<Path> candidates = new ArrayList<>();
        Path ini = projectDir.resolve("alembic.ini");
        try {
            if (Files.isRegularFile(ini)) {
                Matcher m = SCRIPT_LOCATION.matcher(Files.readString(ini));
                if (m.find()) {
                    candidates.add(projectDir.resolve(m.group(1).replace("%(here)s", projectDir.toString())).resolve("versions"));
                }
            }
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: cannot read " + ini + ": " + e.getMessage(), e);
        }
        candidates.add(projectDir.resolve("alembic/versions"));
        candidates.add(projectDir.resolve("migrations/versions"));
        return candidates.stream().filter(Files::isDirectory).findFirst().orElseThrow(() -> new DbShiftException(
                DbShiftException.BAD_INPUT, "adopt: alembic_version names revisions, but no Alembic versions folder was"
                + " found to map them (looked in " + String.join(", ", candidates.stream().map(Path::toString).toList())
                + "); run adopt in the project that holds alembic.ini"));
    }

    /** Revision id to its parents, from the revision files. */
    static Map<String, List<String>> graph(Path versions) {
        Map<String, List<String>> parents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(versions)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                String text = Files.readString(f);
                Matcher rev = REVISION.matcher(text);
                if (!rev.find()) {
                    continue;
                }
                List<String> ps = new ArrayList<>();
                Matcher down = DOWN.matcher(text);
                if (down.find()) {
                    Matcher q = QUOTED.matcher(down.group(1));
                    while (q.find()) {
                        ps.add(q.group(1));
                    }
                }
                parents.put(rev.group(1), ps);
            }
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: cannot read the Alembic revisions in "
                    + versions + ": " + e.getMessage(), e);
        }
        return parents;
    }

    /** Parents before children; among revisions ready at once, by revision id. */
    static List<String> order(Map<String, List<String>> parents) {
        List<String> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Map<String, List<String>> left = new LinkedHashMap<>(parents);
        while (!left.isEmpty()) {
            String next = null;
            for (Map.Entry<String, List<String>> e : left.entrySet()) {
                if (e.getValue().stream().allMatch(p -> done.contains(p) || !parents.containsKey(p))) {
                    next = e.getKey();
                    break; // the map is sorted by revision id
                }
            }
            if (next == null) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: the Alembic revisions "
                        + String.join(", ", left.keySet()) + " form a cycle through their down_revision lines");
            }
            out.add(next);
            done.add(next);
            left.remove(next);
        }
        return out;
    }
}
