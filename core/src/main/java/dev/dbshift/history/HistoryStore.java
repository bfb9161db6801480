package dev.dbshift.history;

import dev.dbshift.db.Database;
import dev.dbshift.db.Locker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/**
 * The history and runs tables of one schema. Table names are always qualified with the schema read
 * when the store was opened, so a script that changes {@code search_path} or {@code USE}s another
 * database cannot send the history somewhere else. Timestamps are stored in UTC.
 */
public final class HistoryStore {
    private static final String COLUMNS = "id, run_id, version, description, kind, operation, script, checksum,"
            + " schema_checksum, environment, installed_by, started_at, finished_at, duration_ms, success,"
            + " error_message, error_trace, statements_done, statements_checksum";
    private static final String RUN_COLUMNS = "id, command, target, from_version, to_version, environment,"
            + " tool_version, host, started_at, finished_at, success, progress_version, progress_statements,"
            + " progress_checksum";

    private final Connection connection;
    private final Database database;
    private final String schema;
    private final String historyName;
    private final String runsName;
    private final String history;
    private final String runs;
    /**
     * Null when the driver reads and writes the history's timestamps as {@code LocalDateTime}s (UTC's wall clock);
     * else the UTC calendar they go through. {@code java.util.Calendar}'s set-up alone was 30 ms of a MariaDB
     * {@code status} with 1,000 migrations, and its arithmetic per time read another 15.
     */
    private final Calendar utc;
    /** Prepared once, used for every row and every progress mark of the session; closed with the connection. */
    private PreparedStatement appendStatement;
    private PreparedStatement progressStatement;
    /** The lock's fence, which every write of a run passes in its own transaction; null: nothing to check. */
    private Locker.Fence fence;
    /** A session lock's check that the session still holds it ({@link Locker#heldCheck}), and whether it is on now. */
    private Locker.Fence heldCheck;
    private boolean checkHeld;
    /** While a step may have changed the session: its settings as the run began, for this store's writes; else null. */
    private Database.SessionState ownWrites;

    public HistoryStore(Connection connection, Database database, String schema, String historyTable, String runsTable) {
        this.connection = connection;
        this.database = database;
        this.schema = schema == null || schema.isEmpty() ? null : schema;
        this.historyName = historyTable;
        this.runsName = runsTable;
        String prefix = this.schema == null ? "" : database.quote(schema) + ".";
        this.history = prefix + historyTable;
        this.runs = prefix + runsTable;
        this.utc = database.localDateTimes() ? null : Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    /** The same tables through another connection (a failure is recorded on a new one when the session cannot write). */
    public HistoryStore on(Connection other) {
        return new HistoryStore(other, database, schema, historyName, runsName);
    }

    /** The schema the tables live in (null: the connection's current one). */
    public String schema() {
        return schema;
    }

    public String historyTable() {
        return history;
    }

    public String runsTable() {
        return runs;
    }

    /**
     * From now on every write of this store (history rows, runs, progress marks) first checks, in the same
     * transaction, that the run still holds the migration lock ({@code null}: no check, a session lock).
     */
    public void fence(Locker.Fence fence) {
        this.fence = fence;
    }

    /** The session lock's check that the session still holds it, passed while {@link #checkLockHeld} says so. */
    public void heldCheck(Locker.Fence check) {
        this.heldCheck = check;
    }

    /**
     * While a step runs whose statements may release a session lock ({@code DISCARD ALL}, a function that calls
     * {@code pg_advisory_unlock_all()}), every write of this store first checks that the session still holds it.
     */
    public void checkLockHeld(boolean on) {
        this.checkHeld = on;
    }

    /** The check a write passes now: the lease's fence, or the session lock's check during such a step; else null. */
    private Locker.Fence guard() {
        return fence != null ? fence : checkHeld ? heldCheck : null;
    }

    /**
     * While a step runs whose statements may change the session ({@code SET ROLE app_owner}, under which the history
     * table may not be written), every write of this store runs with the run's starting settings for its transaction
     * ({@link Database.SessionState#forOwnWrite}); null when the step cannot change them.
     */
    public void ownWritesAs(Database.SessionState settings) {
        this.ownWrites = settings;
    }

    /**
     * Readies a write in the connection's open transaction: the run's starting settings for it ({@link #ownWritesAs}),
     * then the lock's fence (not for a read: {@code guard} null). Returns how to put the step's settings back after.
     */
    private Database.Undo readied(Locker.Fence guard) throws SQLException {
        Database.Undo undo = ownWrites == null ? Database.Undo.NOTHING : ownWrites.forOwnWrite(connection);
        if (guard != null) {
            guard.check(connection);
        }
        return undo;
    }

    /** A write of the store, or a read of dbshift's own ({@link #readAsRunBegan}). */
    @FunctionalInterface
    public interface Write<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a read of dbshift's own on the step's connection (the schema's checksum after a step) with the run's starting
     * settings, as the store's writes ({@link #ownWritesAs}), and in autocommit in a transaction of its own, as they
     * are: a script's {@code SET time_zone} (MySQL) or {@code SET IntervalStyle} (PostgreSQL) changed how the catalog
     * shows defaults, and the checksum recorded after the step differed from every later read, a drift that never was.
     */
    public <T> T readAsRunBegan(Write<T> read) throws SQLException {
        return ownWrites == null ? read.run() : behind(read, null);
    }

    /**
     * Runs {@code write} behind the fence: in the connection's transaction when one is open (a migration's
     * history row commits with it), else in a transaction of its own, so the check and the write are atomic.
     */
    private <T> T fenced(Write<T> write) throws SQLException {
        return behind(write, guard());
    }

    /** {@link #fenced}, behind {@code guard} (null: none, for a read). */
    private <T> T behind(Write<T> write, Locker.Fence guard) throws SQLException {
        // in autocommit a setting for the transaction only would end with its own statement: the write gets one
        if ((guard == null && ownWrites == null) || !connection.getAutoCommit()) {
            Database.Undo undo = readied(guard);
            T result = write.run();
            undo.undo(connection); // the step's statements still to run in this transaction run as it left them
            return result;
        }
        connection.setAutoCommit(false);
        Database.Undo undo;
        T result;
        try {
            undo = readied(guard);
            result = write.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                database.rollback(connection);
            } catch (SQLException ignored) {
                // the connection is gone: nothing was written
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        undo.undo(connection); // a setting of the session, not of the transaction (MySQL's character sets), set again
        return result;
    }

    /** True when the history table exists (without creating anything: read-only commands call this). */
    public boolean exists() throws SQLException {
        return database.tableExists(connection, schema, historyName);
    }

    /** {@code CREATE TABLE IF NOT EXISTS} of the history table (also written into offline scripts). */
    public String historyDdl() {
        Database.HistoryTypes t = database.historyTypes();
        return "CREATE TABLE IF NOT EXISTS " + history + " ("
                + "id " + t.identity() + ", "
                + "run_id " + t.bigint() + ", "
                + "version " + t.text() + ", "
                + "description " + t.text() + ", "
                + "kind " + t.text() + " NOT NULL, "
                + "operation " + t.text() + " NOT NULL, "
                + "script " + t.text() + ", "
                + "checksum " + t.text() + ", "
                + "schema_checksum " + t.text() + ", "
                + "environment " + t.text() + ", "
                + "installed_by " + t.text() + ", "
                + "started_at " + t.timestamp() + " NOT NULL, "
                + "finished_at " + t.timestamp() + ", "
                + "duration_ms " + t.bigint() + ", "
                + "success " + t.bool() + " NOT NULL, "
                + "error_message " + t.longText() + ", "
                + "error_trace " + t.longText() + ", "
                + "statements_done INTEGER, "
                + "statements_checksum " + t.text() + ")" + t.tableOptions();
    }

    /** {@code CREATE TABLE IF NOT EXISTS} of the runs table. */
    public String runsDdl() {
        Database.HistoryTypes t = database.historyTypes();
        return "CREATE TABLE IF NOT EXISTS " + runs + " ("
                + "id " + t.identity() + ", "
                + "command " + t.text() + " NOT NULL, "
                + "target " + t.text() + ", "
                + "from_version " + t.text() + ", "
                + "to_version " + t.text() + ", "
                + "environment " + t.text() + ", "
                + "tool_version " + t.text() + ", "
                + "host " + t.text() + ", "
                + "started_at " + t.timestamp() + " NOT NULL, "
                + "finished_at " + t.timestamp() + ", "
                + "success " + t.bool() + ", "
                + "progress_version " + t.text() + ", "
                + "progress_statements INTEGER, "
                + "progress_checksum " + t.text() + ")" + t.tableOptions();
    }

    /** Creates both tables when missing; safe to run from several processes at once. */
    public void create() throws SQLException {
        forgetPreparedStatements();   // reset drops the tables and creates them again
        boolean auto = connection.getAutoCommit();
        try (Statement st = connection.createStatement()) {
            if (!database.tableExists(connection, schema, historyName)) {
                st.execute(historyDdl());
            }
            if (!database.tableExists(connection, schema, runsName)) {
                st.execute(runsDdl());
            }
            if (!auto) {
                connection.commit();
            }
        }
    }

    /** Every history row in the order they were written. */
    public List<HistoryRow> read() throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM " + history + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(new HistoryRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Operation.fromCode(rs.getString(6)), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), instant(rs, 12), instant(rs, 13),
                        rs.getLong(14), rs.getBoolean(15), rs.getString(16), rs.getString(17),
                        rs.getObject(18) == null ? null : rs.getInt(18), rs.getString(19)));
            }
        }
        return rows;
    }

    /** Appends one row, in the connection's current transaction. */
    public void append(HistoryRow r) throws SQLException {
        fenced(() -> {
            insert(r);
            return null;
        });
    }

    private void insert(HistoryRow r) throws SQLException {
        if (appendStatement == null) {
            appendStatement = connection.prepareStatement("INSERT INTO " + history + " (" + COLUMNS.substring("id, ".length())
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        PreparedStatement ps = appendStatement;
        {
            ps.setLong(1, r.runId());
            ps.setString(2, r.version());
            ps.setString(3, r.description());
            ps.setString(4, r.kind());
            ps.setString(5, r.operation().code());
            ps.setString(6, r.script());
            ps.setString(7, r.checksum());
            ps.setString(8, r.schemaChecksum());
            ps.setString(9, r.environment());
            ps.setString(10, r.installedBy());
            setInstant(ps, 11, r.startedAt());
            setInstant(ps, 12, r.finishedAt());
            ps.setLong(13, r.durationMs());
            ps.setBoolean(14, r.success());
            ps.setString(15, r.errorMessage());
            ps.setString(16, r.errorTrace());
            if (r.statementsDone() == null) {
                ps.setNull(17, Types.INTEGER);
            } else {
                ps.setInt(17, r.statementsDone());
            }
            ps.setString(18, r.statementsChecksum());
            ps.executeUpdate();
            database.leaveIdle(ps);
        }
    }

    /** Records the start of a run and returns its id. */
    public long beginRun(RunRow r) throws SQLException {
        return fenced(() -> insertRun(r));
    }

    private long insertRun(RunRow r) throws SQLException {
        String sql = "INSERT INTO " + runs + " (command, target, from_version, environment, tool_version, host,"
                + " started_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, r.command());
            ps.setString(2, r.target());
            ps.setString(3, r.fromVersion());
            ps.setString(4, r.environment());
            ps.setString(5, r.toolVersion());
            ps.setString(6, r.host());
            setInstant(ps, 7, r.startedAt());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new run");
                }
                return keys.getLong(1);
            }
        }
    }

    public void endRun(long runId, String toVersion, boolean success, Instant finishedAt) throws SQLException {
        fenced(() -> {
            finishRun(runId, toVersion, success, finishedAt);
            return null;
        });
    }

    private void finishRun(long runId, String toVersion, boolean success, Instant finishedAt) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + runs
                + " SET to_version = ?, success = ?, finished_at = ?, progress_version = NULL,"
                + " progress_statements = NULL, progress_checksum = NULL WHERE id = ?")) {
            ps.setString(1, toVersion);
            ps.setBoolean(2, success);
            setInstant(ps, 3, finishedAt);
            ps.setLong(4, runId);
            ps.executeUpdate();
        }
    }

    /** Marks a run whose process died as finished and failed, once its state was taken over. */
    public void closeInterruptedRun(long runId, Instant at) throws SQLException {
        fenced(() -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE " + runs
                    + " SET success = ?, finished_at = ? WHERE id = ? AND finished_at IS NULL")) {
                ps.setBoolean(1, false);
                setInstant(ps, 2, at);
                ps.setLong(3, runId);
                return ps.executeUpdate();
            }
        });
    }

    /** Records that {@code statements} statements of {@code version} are done (databases without transactional DDL). */
    public void progress(long runId, String version, int statements, String checksum) throws SQLException {
        fenced(() -> {
            mark(runId, version, statements, checksum);
            return null;
        });
    }

    /**
     * {@link #progress} inside a transaction the script opened itself ({@code BEGIN} sent as SQL): the driver still
     * says autocommit, so {@link #progress} would wrap the mark in a transaction of its own, which SQLite's driver
     * refuses inside the script's (every SQLite script with its own {@code BEGIN} failed at its first mark: "cannot
     * commit - no transaction is active") and another driver would end the script's transaction early with. The mark
     * joins the script's transaction as it is, to commit or roll back with it.
     */
    public void progressInScriptTransaction(long runId, String version, int statements, String checksum) throws SQLException {
        Database.Undo undo = readied(guard());
        mark(runId, version, statements, checksum);
        undo.undo(connection); // the script's transaction goes on as the script left it
    }

    private void mark(long runId, String version, int statements, String checksum) throws SQLException {
        if (progressStatement == null) {
            progressStatement = connection.prepareStatement("UPDATE " + runs
                    + " SET progress_version = ?, progress_statements = ?, progress_checksum = ? WHERE id = ?");
        }
        PreparedStatement ps = progressStatement;
        {
            ps.setString(1, version);
            ps.setInt(2, statements);
            ps.setString(3, checksum);
            ps.setLong(4, runId);
            ps.executeUpdate();
        }
    }

    /** Every run, oldest first. */
    public List<RunRow> runs() throws SQLException {
        return runs("");
    }

    /**
     * The runs not finished (still running, or their process died), oldest first: what {@code up}, {@code status}
     * and {@code repair} read. The filter is the server's, because the runs table gains a row with every {@code up}, no-op
     * ones too, and is never pruned.
     */
    public List<RunRow> unfinishedRuns() throws SQLException {
        return runs(" WHERE finished_at IS NULL");
    }

    private List<RunRow> runs(String where) throws SQLException {
        List<RunRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + RUN_COLUMNS + " FROM " + runs + where + " ORDER BY id")) {
            while (rs.next()) {
                Object success = rs.getObject(11);
                rows.add(new RunRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9),
                        instant(rs, 10), success == null ? null : rs.getBoolean(11), rs.getString(12),
                        rs.getObject(13) == null ? null : rs.getInt(13), rs.getString(14)));
            }
        }
        return rows;
    }

    private void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP);
        } else if (utc == null) {
            ps.setObject(i, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        } else {
            ps.setTimestamp(i, Timestamp.from(t), utc);
        }
    }

    private Instant instant(ResultSet rs, int i) throws SQLException {
        if (utc == null) {
            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }
        Timestamp t = rs.getTimestamp(i, utc);
        return t == null ? null : t.toInstant();
    }

    /** Statements prepared for the tables as they were: closed, so the next use prepares them again. */
    private void forgetPreparedStatements() throws SQLException {
        for (PreparedStatement ps : new PreparedStatement[]{appendStatement, progressStatement}) {
            if (ps != null) {
                ps.close();
            }
        }
        appendStatement = null;
        progressStatement = null;
    }
}
