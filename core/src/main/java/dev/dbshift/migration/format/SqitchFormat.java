package dev.dbshift.migration.format;

import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sqitch project: {@code sqitch.plan} and the {@code deploy/}, {@code revert/} and {@code verify/} folders beside
 * it (the location is the folder holding the plan). Changes are applied in plan order; tags ({@code @v1.0}) name
 * points of the plan and change nothing in it.
 *
 * <p>Versions: Sqitch has none, so a change's version is its ordinal among the plan's changes (1, 2, 3...). Sqitch
 * only appends to a plan ({@code add}, {@code rework}), so an existing change never gets another number. The
 * {@link dev.dbshift.migration.MigrationRef#foreignId()} is {@code sqitch:<change name>}; a reworked change's earlier
 * instance is {@code sqitch:<name>@<tag>} (Sqitch's own name for it, its scripts are {@code deploy/<name>@<tag>.sql}
 * where the tag is the first one after it in the plan).
 *
 * <p>Dependencies are checked as Sqitch checks them: a change whose {@code [requires]} names a change the plan
 * does not have, or has only later, is refused naming the plan line; so is one that conflicts ({@code !name}) with
 * a change an earlier line deploys, and one requiring another project's change ({@code project:name}), which
 * dbshift cannot check.
 *
 * <p>Scripts: the up of a change is its deploy script and then its verify script, so a verify that fails (Sqitch
 * verify scripts fail by raising: {@code SELECT 1/COUNT(*)}, a missing column) fails the migration, and where the
 * engine has transactional DDL the deploy is rolled back with it, which is what Sqitch achieves by reverting. The
 * down is the revert script. Sqitch's templates wrap every script in {@code BEGIN;} ... {@code COMMIT;} (verify in
 * {@code BEGIN;} ... {@code ROLLBACK;}); that pair, when it is the first and the last statement of the file, is
 * blanked on its lines so the script runs in dbshift's own transaction with the change's history row (left in, the
 * script's COMMIT would end that transaction). The verify script is part of the checksum, like everything a
 * migration runs. Verify scripts that call the MySQL registry's {@code sqitch.checkit()} need that function, which
 * dbshift does not create.
 */
public final class SqitchFormat implements MigrationFormat {
    static final String PLAN = "sqitch.plan";
    private static final Pattern PRAGMA = Pattern.compile("%\\s*([A-Za-z_-]+)\\s*=\\s*(.*?)\\s*");
    private static final Pattern CHANGE = Pattern.compile(
            "([+-]?)([^\\s\\[\\]@:#\\\\]+)(?:\\s+\\[([^\\]]*)\\])?\\s+(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)\\s+(.*?)\\s*<([^>]*)>(?:\\s*#.*)?");
    private static final Pattern TAG = Pattern.compile("@([^\\s\\[\\]@:#\\\\]+)\\s+(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)\\s+(.*?)\\s*<([^>]*)>(?:\\s*#.*)?");
    private static final Pattern OPENS = Pattern.compile("(?i)\\s*(BEGIN(\\s+(WORK|TRANSACTION))?|START\\s+TRANSACTION)\\s*;\\s*(--.*)?");
    private static final Pattern CLOSES = Pattern.compile("(?i)\\s*(COMMIT|ROLLBACK)(\\s+(WORK|TRANSACTION))?\\s*;\\s*(--.*)?");

    @Override
    public String name() {
        return "sqitch";
    }

    @Override
    public boolean detect(FolderListing folder) {
        return folder.hasFile(PLAN);
    }

    /** One change line of the plan. */
    private record Change(String name, List<String> requires, int line, String tagAfter) {
    }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        Path planFile = folder.dir().resolve(PLAN);
        if (!Files.isRegularFile(planFile)) {
            sink.problem(folder.display(planFile) + ": missing; a Sqitch project lists its changes in sqitch.plan");
            return;
        }
        String plan = folder.display(planFile);
        List<String> lines = FormatFiles.lines(folder.text(planFile));
        String project = null;
        List<Change> changes = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int lastTagLine = 0;
        int problems = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m;
            if ((m = PRAGMA.matcher(line)).matches()) {
                if (m.group(1).equals("project")) {
                    project = m.group(2);
                }
            } else if ((m = TAG.matcher(line)).matches()) {
                if (tags.contains(m.group(1))) {
                    sink.problem(plan + ":" + number + ": tag @" + m.group(1) + " is declared twice");
                    problems++;
                }
                tags.add(m.group(1));
                lastTagLine = number;
                // the earlier changes without a tag yet are "as of" this one (a reworked change's old scripts are named by it)
                for (int c = changes.size() - 1; c >= 0 && changes.get(c).tagAfter == null; c--) {
                    Change old = changes.get(c);
                    changes.set(c, new Change(old.name, old.requires, old.line, m.group(1)));
                }
            } else if ((m = CHANGE.matcher(line)).matches()) {
                if (m.group(1).equals("-")) {
                    sink.problem(plan + ":" + number + ": '-" + m.group(2) + "' is a revert entry; dbshift reads plans of"
                            + " deployed changes (remove the entry, or rework the change)");
                    problems++;
                    continue;
                }
                List<String> requires = m.group(3) == null || m.group(3).isBlank() ? List.of()
                        : List.of(m.group(3).strip().split("\\s+"));
                String name = m.group(2);
                int previous = changes.stream().filter(c -> c.name.equals(name)).mapToInt(Change::line).max().orElse(0);
                if (previous > 0 && lastTagLine < previous) {
                    sink.problem(plan + ":" + number + ": " + name + " is planned again (line " + previous + ") without a tag"
                            + " between; Sqitch reworks a change only after a tag");
                    problems++;
                    continue;
                }
                changes.add(new Change(name, requires, number, null));
            } else {
                sink.problem(plan + ":" + number + ": not a Sqitch plan line (a %pragma, a change"
                        + " 'name [requires] 2024-01-01T00:00:00Z Planner <email> # note' or a tag '@name ...')");
                problems++;
            }
        }
        if (project == null) {
            sink.problem(plan + ": no %project=NAME pragma; Sqitch refuses a plan without it");
            return;
        }
        if (problems > 0) {
            return;
        }
        emit(folder, sink, plan, project, changes);
    }

    private void emit(FormatFolder folder, FormatSink sink, String plan, String project, List<Change> changes) throws IOException {
        Map<String, Integer> lastIndex = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            lastIndex.put(changes.get(i).name, i);
        }
        Map<String, Integer> deployed = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            boolean reworkedLater = lastIndex.get(c.name) > i;
            if (!dependencies(sink, plan, project, c, changes, deployed)) {
                deployed.put(c.name, i);
                continue;
            }
            deployed.put(c.name, i);
            String file = reworkedLater ? c.name + "@" + c.tagAfter : c.name;
            Path deploy = folder.dir().resolve("deploy").resolve(file + ".sql");
            if (!Files.isRegularFile(deploy)) {
                sink.problem(plan + ":" + c.line + ": " + c.name + " has no deploy script " + folder.display(deploy));
                continue;
            }
            List<ScriptRef> up = new ArrayList<>();
            up.add(script(folder, deploy, "deploy"));
            Path verify = folder.dir().resolve("verify").resolve(file + ".sql");
            if (Files.isRegularFile(verify)) {
                up.add(script(folder, verify, "verify"));
            }
            Path revert = folder.dir().resolve("revert").resolve(file + ".sql");
            List<ScriptRef> down = Files.isRegularFile(revert) ? List.of(script(folder, revert, "revert")) : List.of();
            sink.versioned(Version.parse(Integer.toString(i + 1)), c.name, up, down, "sqitch:" + file);
        }
    }

    /** Whether {@code c}'s requires and conflicts hold, as Sqitch checks them when it deploys in plan order. */
    private static boolean dependencies(FormatSink sink, String plan, String project, Change c, List<Change> changes,
                                        Map<String, Integer> deployed) {
        boolean ok = true;
        for (String dep : c.requires) {
            boolean conflict = dep.startsWith("!");
            String ref = conflict ? dep.substring(1) : dep;
            int colon = ref.indexOf(':');
            if (colon >= 0) {
                if (!ref.substring(0, colon).equals(project)) {
                    sink.problem(plan + ":" + c.line + ": " + c.name + " depends on " + dep + " of another project;"
                            + " dbshift cannot check another project's changes");
                    ok = false;
                    continue;
                }
                ref = ref.substring(colon + 1);
            }
            String name = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
            boolean earlier = deployed.containsKey(name);
            if (conflict) {
                if (earlier) {
                    sink.problem(plan + ":" + c.line + ": " + c.name + " conflicts with " + name + ", which line "
                            + changes.get(deployed.get(name)).line + " deploys before it");
                    ok = false;
                }
            } else if (!earlier) {
                int later = -1;
                for (Change other : changes) {
                    if (other.name.equals(name) && other.line > c.line) {
                        later = other.line;
                        break;
                    }
                }
                sink.problem(plan + ":" + c.line + ": " + c.name + " requires " + dep + (later > 0
                        ? ", which the plan lists later (line " + later + "); Sqitch deploys in plan order"
                        : ", which is not a change of the plan"));
                ok = false;
            }
        }
        return ok;
    }

    /** A script with Sqitch's wrapping {@code BEGIN;} ... {@code COMMIT;} (or {@code ROLLBACK;}) blanked. */
    private static ScriptRef script(FormatFolder folder, Path file, String label) throws IOException {
        List<String> lines = FormatFiles.lines(folder.text(file));
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (!s.isEmpty() && !s.startsWith("--")) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        Map<Integer, String> edits = new HashMap<>();
        if (first >= 0 && first < last && OPENS.matcher(lines.get(first)).matches() && CLOSES.matcher(lines.get(last)).matches()) {
            edits.put(first + 1, "");
            edits.put(last + 1, "");
        }
        return FormatFiles.script(folder, file, label, edits);
    }
}
