package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
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
 * Writes a {@link Plan} as one SQL script that the database's own client runs ({@code psql -v
 * ON_ERROR_STOP=1 -f}, {@code mariadb db < file}), for databases dbshift cannot reach: the history
 * and runs tables are created if missing, one runs row is added for the script, and each migration's
 * statements are followed by the history row that {@code up} or {@code down} would have written
 * (in one transaction with it where the database has transactional DDL and the script allows it).
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
                .append(", in the current schema\n\n");
        out.append(tables.historyDdl()).append(";\n");
        out.append(tables.runsDdl()).append(";\n");
        String now = database.utcNowSql();
        out.append("INSERT INTO ").append(context.runsTable()).append(" (command, target, from_version, to_version, environment,"
                        + " tool_version, host, started_at, finished_at, success) VALUES (")
                .append(lit("sql")).append(", ").append(lit(plan.target().toString())).append(", ")
                .append(lit(plan.from() == null ? null : plan.from().toString())).append(", ")
                .append(lit(plan.to() == null ? null : plan.to().toString())).append(", ")
                .append(lit(context.environment())).append(", ").append(lit(context.toolVersion())).append(", ")
                .append(lit(context.host())).append(", ").append(now).append(", ").append(now).append(", TRUE);\n");
        for (Step step : plan.steps()) {
            writeStep(out, step, now);
        }
        return out.toString();
    }

    private void writeStep(StringBuilder out, Step step, String now) {
        MigrationRef m = step.migration();
        if (m.java() != null) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, m.label() + " is a Java migration ("
                    + m.java().getClass().getName() + "); it cannot be written as SQL");
        }
        boolean revert = step.action() == Step.Action.REVERT;
        List<ScriptRef> refs = revert ? m.down() : m.up();
        try (StepScripts scripts = new StepScripts(database, source, context.scriptPlaceholders(),
                schema -> false)) {
            writeStep(out, step, refs, scripts, now);
        }
    }

    private void writeStep(StringBuilder out, Step step, List<ScriptRef> refs, StepScripts scripts, String now) {
        MigrationRef m = step.migration();
        boolean revert = step.action() == Step.Action.REVERT;
        boolean transaction = database.supportsTransactionalDdl() && scripts.inTransaction(refs);
        out.append("\n-- ").append(revert ? "reverting " : "applying ").append(m.label()).append(": ")
                .append(revert ? m.downScriptName() : m.scriptName()).append('\n');
        if (transaction) {
            out.append("BEGIN;\n");
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
        Operation op = revert ? Operation.ROLLBACK : Operation.APPLY;
        out.append("INSERT INTO ").append(context.historyTable()).append(" (run_id, version, description, kind, operation,"
                        + " script, checksum, environment, installed_by, started_at, finished_at, duration_ms, success,"
                        + " statements_done) VALUES (")
                .append("(SELECT MAX(id) FROM ").append(context.runsTable()).append("), ")
                .append(lit(m.version() == null ? null : m.version().toString())).append(", ")
                .append(lit(m.description())).append(", ").append(lit(m.kind().code())).append(", ")
                .append(lit(op.code())).append(", ").append(lit(revert ? m.downScriptName() : m.scriptName())).append(", ")
                .append(lit(revert ? null : m.checksum())).append(", ").append(lit(context.environment())).append(", ")
                .append(lit(context.installedBy())).append(", ").append(now).append(", ").append(now)
                .append(", 0, TRUE, ").append(statements).append(");\n");
        if (transaction) {
            out.append("COMMIT;\n");
        }
    }

    private String lit(String s) {
        return database.stringLiteral(s);
    }
}
