package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Step;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.StatementIterator;

import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Plan} as one SQL script that the database's own client runs ({@code psql -f}, {@code mariadb db <
 * file}, {@code sqlite3 db < file}), for databases dbshift cannot reach: it tells the client to stop at the first
 * error, the history and runs tables are created if missing, one runs row is added for the script, and each
 * migration's statements are followed by the history row that {@code up} or {@code down} would have written (in one
 * transaction with it where the database has transactional DDL and the script allows it). Each migration is guarded:
 * a statement before it fails when the history says it is already applied (going down: not applied), and a script
 * that applies from a version first checks that version is applied. A DBA who runs the script again, after a failure
 * mended or by mistake, gets a stop with the way on, not every statement of the migrations before run twice.
 * Statements come from the same splitter as {@code up}, placeholders replaced; each one is written
 * the way the client reads it ({@link Database#clientStatement}). Table names are not qualified:
 * the script works in the client's current schema or database.
 */
public final class OfflineScript {
    /**
     * Who and where, for the runs and history rows.
     *
     * @param installedBy recorded as the history's installed_by
     * @param placeholdersInLiterals also replace placeholders inside string literals ({@code placeholder_literals})
     */
    public record Context(String environment, String installedBy, String toolVersion, String host,
                          Map<String, String> placeholders, boolean replacePlaceholders, boolean placeholdersInLiterals,
                          String historyTable, String runsTable) {
        /** The placeholder settings every script is read with. */
        ScriptOptions.Placeholders scriptPlaceholders() {
            return new ScriptOptions.Placeholders(placeholders, replacePlaceholders, placeholdersInLiterals);
        }
    }

    private final Database database;
    private final MigrationSource source;
    private final Context context;
    private final HistoryStore tables;

    public OfflineScript(Database database, MigrationSource source, Context context) {
        this.database = database;
        this.source = source;
        this.context = context;
        this.tables = new HistoryStore(null, database, null, context.historyTable(), context.runsTable());
    }

    public String write(Plan plan) {
        StringBuilder out = new StringBuilder();
        String from = plan.from() == null ? "base" : plan.from().toString();
        String to = plan.to() == null ? "base" : plan.to().toString();
        out.append("-- dbshift ").append(context.toolVersion()).append(": offline script for ").append(database.name())
                .append(", ").append(from).append(" -> ").append(to).append(" (").append(plan.steps().size())
                .append(" migration(s))").append(context.environment() == null ? "" : ", environment " + context.environment())
                .append('\n');
        out.append("-- history: ").append(context.historyTable()).append(", runs: ").append(context.runsTable())
                .append(", in the current schema\n");
        out.append("-- each migration is guarded: the script stops before one the history says is already applied (or, going\n"
                + "-- down, not applied), so running it twice runs nothing twice\n\n");
        out.append(database.clientPreamble());
        out.append(tables.historyDdl()).append(";\n");
        out.append(tables.runsDdl()).append(";\n");
        String now = database.utcNowSql();
        String run = "INSERT INTO " + context.runsTable() + " (command, target, from_version, to_version, environment,"
                + " tool_version, host, started_at, finished_at, success) VALUES (" + lit("sql") + ", "
                + lit(plan.target().toString()) + ", " + lit(plan.from() == null ? null : plan.from().toString()) + ", "
                + lit(plan.to() == null ? null : plan.to().toString()) + ", " + lit(context.environment()) + ", "
                + lit(context.toolVersion()) + ", " + lit(context.host()) + ", " + now + ", " + now + ", "
                + (plan.steps().isEmpty() ? "TRUE" : "FALSE") + ");\n";
        Guards guards = new Guards(plan.to() == null ? "base" : plan.to().toString());
        boolean up = !plan.steps().isEmpty() && plan.steps().get(0).action() != Step.Action.REVERT;
        if (up && plan.from() != null) {
            // a script from 1.2 run where 1.2 is not applied would apply what follows it over a gap
            out.append(guards.stop("not (" + applied(plan.from().toString()) + ")", "this script applies the migrations after "
                    + plan.from() + ", which is not applied here"));
        }
        if (plan.steps().isEmpty()) {
            out.append(run);
        }
        // the run's row goes in with the first migration, after its guard (a script stopped there records no run), as
        // failed; the last migration's transaction, where there is one, sets it succeeded
        String succeeded = "UPDATE " + context.runsTable() + " SET success = TRUE, finished_at = " + now + " WHERE id = (SELECT id FROM"
                + " (SELECT MAX(id) AS id FROM " + context.runsTable() + ") dbshift_run);\n";
        for (int i = 0; i < plan.steps().size(); i++) {
            writeStep(out, plan.steps().get(i), guards, i == 0 ? run : "", i == plan.steps().size() - 1 ? succeeded : "");
        }
        return out.toString();
    }

    /**
     * An SQL condition true when the history says {@code version} is applied: its latest successful row, repairs
     * aside, is not a rollback ({@code AppliedState}'s rule).
     */
    private String applied(String version) {
        String h = context.historyTable();
        return "COALESCE((SELECT operation FROM " + h + " WHERE id = (SELECT MAX(id) FROM " + h + " WHERE version = "
                + lit(version) + " AND success AND operation <> 'repair')), 'rollback') <> 'rollback'";
    }

    /** The guards of one script, numbered, each ending its message with the way on. */
    private final class Guards {
        private final String to;
        private int n;

        Guards(String to) {
            this.to = to;
        }

        /** Stops where the history is not what the script was written for: it ran here before, or is for another version. */
        String stop(String condition, String why) {
            return stop(condition, why, "The script ran here before, or was written for another version: 'dbshift status' says"
                    + " where this database is, and 'dbshift sql VERSION:" + to + "' writes the script from there");
        }

        String stop(String condition, String why, String wayOn) {
            return database.clientStop(++n, condition, "dbshift: stopped: " + why + "; nothing from here on has run. " + wayOn);
        }
    }

    private void writeStep(StringBuilder out, Step step, Guards guards, String run, String succeeded) {
        MigrationRef m = step.migration();
        if (m.java() != null) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, m.label() + " is a Java migration ("
                    + m.java().getClass().getName() + "); it cannot be written as SQL");
        }
        if (step.action() == Step.Action.RESUME) {
            // up resumes after the statements that ran, proving they were not edited and setting again what they set in
            // the session; a script that ran them again would run committed statements twice
            throw new DbShiftException(DbShiftException.VALIDATION, m.label() + " failed here after " + step.skipStatements()
                    + " of its statements, which ran and stay: an offline script does not resume a migration inside. Run"
                    + " 'dbshift up' to resume it" + (m.version() == null ? "" : ", or finish it by hand and record it with"
                    + " 'dbshift stamp " + m.version() + "'") + "; then write the script of the rest");
        }
        boolean revert = step.action() == Step.Action.REVERT;
        List<ScriptRef> refs = revert ? m.down() : m.up();
        try (StepScripts scripts = new StepScripts(database, source, context.scriptPlaceholders(),
                schema -> false)) {
            writeStep(out, step, refs, scripts, guards, run, succeeded);
        }
    }

    private void writeStep(StringBuilder out, Step step, List<ScriptRef> refs, StepScripts scripts, Guards guards, String run,
                           String succeeded) {
        MigrationRef m = step.migration();
        boolean revert = step.action() == Step.Action.REVERT;
        boolean transaction = database.supportsTransactionalDdl() && scripts.inTransaction(refs);
        out.append("\n-- ").append(revert ? "reverting " : "applying ").append(m.label()).append(": ")
                .append(revert ? m.downScriptName() : m.scriptName()).append('\n');
        if (transaction) {
            out.append("BEGIN;\n");
        }
        if (m.version() != null) {
            // in the step's transaction, where there is one: a client that goes on after an error runs none of it
            String version = m.version().toString();
            out.append(revert ? guards.stop("not (" + applied(version) + ")", "version " + version + " is not applied here")
                    : guards.stop(applied(version), "version " + version + " is already applied here"));
            out.append(guards.stop(stoppedInside(version), "version " + version + " was begun here by a run that stopped inside"
                    + " it, and what ran of it stays", "'dbshift status' says how to finish or undo it and record which"));
        } else if (m.description() != null) {
            out.append(guards.stop(stoppedInside(null, m.description()), "repeatable migration " + m.description() + " was"
                    + " begun here by a run that stopped inside it, and what ran of it stays", "'dbshift status' says how to"
                    + " finish or undo it and record which"));
        }
        out.append(run);
        if (!transaction) {
            // each statement commits: a script that stops inside the migration leaves this row its last, which the next
            // script's guard and dbshift's own up and status read as begun and not finished, never to run from its start
            out.append(historyRow(m, revert, false, 0, HistoryRow.BEGUN_OFFLINE, "begun by an offline script (dbshift sql):"
                    + " the row after this one says it finished; if none does, the script stopped inside it"));
        }
        int statements = 0;
        for (ScriptRef s : refs) {
            try (StatementIterator it = scripts.statements(s)) {
                while (it.hasNext()) {
                    out.append(database.clientStatement(it.next()));
                    statements++;
                }
            }
        }
        out.append(historyRow(m, revert, true, statements, null, null));
        out.append(succeeded);
        if (transaction) {
            out.append("COMMIT;\n");
        }
    }

    /** The history row {@code up} or {@code down} would write for {@code m}, as a statement of the script. */
    private String historyRow(MigrationRef m, boolean revert, boolean success, int statements, String statementsChecksum,
                              String error) {
        String now = database.utcNowSql();
        return "INSERT INTO " + context.historyTable() + " (run_id, version, description, kind, operation, script, checksum,"
                + " environment, installed_by, started_at, finished_at, duration_ms, success, statements_done, statements_checksum,"
                + " error_message) VALUES ((SELECT MAX(id) FROM " + context.runsTable() + "), "
                + lit(m.version() == null ? null : m.version().toString()) + ", " + lit(m.description()) + ", "
                + lit(m.kind().code()) + ", " + lit((revert ? Operation.ROLLBACK : Operation.APPLY).code()) + ", "
                + lit(revert ? m.downScriptName() : m.scriptName()) + ", " + lit(revert ? null : m.checksum()) + ", "
                + lit(context.environment()) + ", " + lit(context.installedBy()) + ", " + now + ", " + now + ", 0, "
                + (success ? "TRUE" : "FALSE") + ", " + statements + ", " + lit(statementsChecksum) + ", " + lit(error) + ");\n";
    }

    /**
     * An SQL condition true when the latest row of {@code version}, repairs aside, is a failed try whose statements
     * stay: some ran and committed (where each statement commits, {@code statements_done}), or its rollback could not
     * undo what it wrote ({@link HistoryRow#ROWS_STAYED}), or an offline script began it ({@link
     * HistoryRow#BEGUN_OFFLINE}). Running it from its start would run them twice.
     */
    private String stoppedInside(String version) {
        return stoppedInside(version, null);
    }

    /** {@link #stoppedInside(String)} of a version, or of a repeatable migration by its description (version null). */
    private String stoppedInside(String version, String description) {
        String h = context.historyTable();
        String which = version != null ? "version = " + lit(version) : "version IS NULL AND description = " + lit(description);
        // a scalar, not EXISTS, which H2 2.3 fails to parse again where a derived table holds it
        return "COALESCE((SELECT CASE WHEN NOT success AND (statements_done > 0 OR statements_checksum LIKE "
                + lit(HistoryRow.ROWS_STAYED + "%") + ") THEN 1 ELSE 0 END FROM " + h + " WHERE id = (SELECT MAX(id) FROM " + h
                + " WHERE " + which + " AND operation <> 'repair')), 0) = 1";
    }

    private String lit(String s) {
        return database.stringLiteral(s);
    }
}
