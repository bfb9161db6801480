package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryView;
import dev.dbshift.history.foreign.ForeignHistories;
import dev.dbshift.history.foreign.ForeignRow;
import dev.dbshift.history.foreign.TargetTables;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.plan.Adoption;
import dev.dbshift.plan.Mark;
import dev.dbshift.session.Project;
import dev.dbshift.session.Run;
import dev.dbshift.session.Session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

/**
 * {@code adopt [--from TOOL]}: reads another tool's history on the target (never writing it) and
 * appends what it says is applied to dbshift's, as {@code baseline} rows with the tool's time and user,
 * so {@code status} shows the same applied set and the next {@code up} runs only what that tool had
 * not. Planned by {@link Adoption}; written with the lock held, in one transaction, the live schema's
 * checksum on the last row (as {@code stamp} does: the schema is now as the history says).
 */
public final class Adopt {
    private final Project project;

    public Adopt(Project project) {
        this.project = project;
    }

    public Adopted run(String from, boolean dryRun) {
        List<MigrationRef> migrations = project.source().list();
        // an embedded database that is not there holds no other tool's history: read as empty, refused, not made
        if (dryRun || project.absentFile()) {
            try (Session s = project.open(false)) {
                AppliedState state = HistoryView.of(s.rows(), List.of(), migrations).state();
                Plan p = plan(s, from, migrations, state);
                List<Mark> marks = p.entries().stream().map(Adoption.Entry::mark).toList();
                if (dryRun || marks.isEmpty()) {
                    return new Adopted(p.found().history().tool(), p.found().table(), new Recorded("adopt", dryRun, 0,
                            current(state), HistoryCommands.after(state, marks), marks));
                }
            } catch (SQLException e) {
                throw project.failure(e);
            }
        }
        try (Run run = Run.open(project, () -> migrations)) {
            Session s = run.session();
            AppliedState state = run.history(migrations).state();
            Plan p = plan(s, from, migrations, state);
            List<Mark> marks = p.entries().stream().map(Adoption.Entry::mark).toList();
            String tool = p.found().history().tool();
            if (marks.isEmpty()) {
                return new Adopted(tool, p.found().table(), new Recorded("adopt", false, 0, current(state), current(state), marks));
            }
            String before = current(state);
            long runId = run.begin("adopt", tool, before);
            append(s, runId, p.entries(), s.liveSchemaChecksum());
            String to = current(run.history(migrations).state());
            run.end(to, true);
            return new Adopted(tool, p.found().table(), new Recorded("adopt", false, runId, before, to, marks));
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    private record Plan(ForeignHistories.Found found, List<Adoption.Entry> entries) {
    }

    private Plan plan(Session s, String from, List<MigrationRef> migrations, AppliedState state) throws SQLException {
        TargetTables tables = new TargetTables(s.connection(), s.database(), s.schema());
        ForeignHistories.Found found = ForeignHistories.find(from, tables, project.settings().projectDir());
        List<ForeignRow> rows = found.history().read(tables, found.table(), project.settings().projectDir());
        List<Adoption.Entry> entries = new ArrayList<>();
        List<String> edited = new ArrayList<>();
        for (Adoption.Entry e : Adoption.plan(found.table(), migrations, state, rows)) {
            MigrationRef m = e.migration();
            if (m == null || m.up().size() != 1 || found.history().sameScript(e.from(), text(m))) {
                entries.add(e);
            } else if (m.kind() != MigrationKind.REPEATABLE) {
                edited.add(m.scriptName());
            }
            // an edited repeatable stays pending: the tool would run it again, and so does the next 'up'
        }
        if (!edited.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: " + String.join(", ", edited) + " changed since "
                    + found.history().tool() + " applied it (its checksum in " + found.table() + " differs), so "
                    + found.history().tool() + " itself would refuse to go on; restore the file as it was applied, or accept"
                    + " the edit with the tool's repair, then 'dbshift adopt' again");
        }
        return new Plan(found, entries);
    }

    /** The script as stored, for the tool's checksum (before placeholders, as the tools hash it). */
    private String text(MigrationRef m) {
        try (InputStream in = project.source().open(m.up().get(0))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "adopt: cannot read " + m.scriptName() + ": " + e.getMessage(), e);
        }
    }

    private static void append(Session s, long runId, List<Adoption.Entry> entries, String schema) throws SQLException {
        String user = s.user();
        List<Mark> marks = entries.stream().map(Adoption.Entry::mark).toList();
        HistoryCommands.append(s, marks, schema, (i, m, withSchema) -> {
            ForeignRow f = entries.get(i).from();
            HistoryRow.Origin origin = new HistoryRow.Origin(runId, s.settings().environment(),
                    f.installedBy() != null ? f.installedBy() : user);
            return HistoryRow.applied(origin, HistoryCommands.subject(m), withSchema,
                    HistoryRow.Timing.at(f.appliedAt() != null ? f.appliedAt() : Instant.now()), m.note());
        });
    }

    private static String current(AppliedState state) {
        return HistoryCommands.current(state);
    }
}
