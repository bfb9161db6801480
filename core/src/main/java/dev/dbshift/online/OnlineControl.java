package dev.dbshift.online;

import dev.dbshift.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands that steer a change from outside the engine: status, pause, cutover, abort. They
 * talk to the engine only through the state table (flags it reads before every chunk) and learn
 * whether an engine is alive from its server-side lock ({@code IS_USED_LOCK}), which the server
 * releases when the engine's session dies; so they work from any host and after any crash.
 */
public final class OnlineControl {

    /** A change and whether an engine is running it now. */
    public record Status(OnlineState state, boolean running) {
    }

    private final ConnectionFactory factory;

    public OnlineControl(ConnectionFactory factory) {
        this.factory = factory;
    }

    public List<Status> status(String schema) {
        try (Connection c = factory.open()) {
            String db = OnlineMigrator.schemaOf(c, schema);
            if (!new Inspector(c).tableExists(db, Checkpoint.TABLE)) {
                return List.of();
            }
            List<Status> out = new ArrayList<>();
            for (OnlineState s : new Checkpoint(db).readAll(c)) {
                out.add(new Status(s, running(c, OnlineNames.of(db, s.table()))));
            }
            return out;
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.UNREACHABLE, "cannot read online change state: " + e.getMessage(), e);
        }
    }

    public void pause(String schema, String table) {
        setFlag(schema, table, "paused", true);
    }

    /** Clears a pause; returns false when no engine is running (then {@link OnlineMigrator#resume} must be called). */
    public boolean unpause(String schema, String table) {
        setFlag(schema, table, "paused", false);
        return isRunning(schema, table);
    }

    public void requestCutover(String schema, String table) {
        setFlag(schema, table, "cutover_requested", true);
    }

    public boolean isRunning(String schema, String table) {
        try (Connection c = factory.open()) {
            return running(c, OnlineNames.of(OnlineMigrator.schemaOf(c, schema), table));
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.UNREACHABLE, e.getMessage(), e);
        }
    }

    /**
     * Aborts: a running engine is asked to stop and clean up (and this waits for it); when none is
     * running, the triggers, change log and shadow are removed here. The table itself is never
     * touched. Refused after the swap.
     */
    public void abort(String schema, String table) {
        try (Connection c = factory.open()) {
            String db = OnlineMigrator.schemaOf(c, schema);
            OnlineNames names = OnlineNames.of(db, table);
            Checkpoint checkpoint = new Checkpoint(db);
            checkpoint.ensureTable(c);
            var state = checkpoint.read(c, table);
            if (state.isPresent() && (state.get().phase() == Phase.CLEANUP || state.get().phase() == Phase.DONE)) {
                throw new OnlineException(OnlineException.BAD_INPUT, "the tables of " + table
                        + " are already swapped; abort is no longer possible");
            }
            if (state.isPresent() && state.get().phase() == Phase.SWAP) {
                Inspector inspector = new Inspector(c);
                if (!inspector.tableExists(db, names.shadow()) && inspector.tableExists(db, names.old())) {
                    throw new OnlineException(OnlineException.BAD_INPUT, "the tables of " + table
                            + " are already swapped; run online resume to finish the cleanup");
                }
            }
            checkpoint.flag(c, table, "abort_requested", true);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (running(c, names)) {
                if (System.nanoTime() > deadline) {
                    throw new OnlineException(OnlineException.FAILED, "the engine running the change of " + table
                            + " did not stop within 120 s");
                }
                LockRetry.sleep(200);
            }
            var after = checkpoint.read(c, table);
            if (after.isPresent() && after.get().phase() == Phase.ABORTED) {
                return;
            }
            takeLock(c, names);
            try {
                new Cleanup(c, names).abort();
                if (after.isPresent()) {
                    checkpoint.phase(c, table, Phase.ABORTED, "aborted by request");
                }
            } finally {
                releaseLock(c, names);
            }
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "abort of the online change of " + table + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void setFlag(String schema, String table, String flag, boolean value) {
        try (Connection c = factory.open()) {
            String db = OnlineMigrator.schemaOf(c, schema);
            Checkpoint checkpoint = new Checkpoint(db);
            checkpoint.ensureTable(c);
            if (!checkpoint.flag(c, table, flag, value)) {
                throw new OnlineException(OnlineException.BAD_INPUT, "no online change of " + db + "." + table);
            }
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.UNREACHABLE, e.getMessage(), e);
        }
    }

    static boolean running(Connection c, OnlineNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            ps.setString(1, names.lockName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rs.getObject(1);
                return !rs.wasNull();
            }
        }
    }

    private static void takeLock(Connection c, OnlineNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, names.lockName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new OnlineException(OnlineException.LOCKED, "an engine started on " + names.table() + " meanwhile");
                }
            }
        }
    }

    private static void releaseLock(Connection c, OnlineNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, names.lockName());
            ps.executeQuery().close();
        }
    }
}
