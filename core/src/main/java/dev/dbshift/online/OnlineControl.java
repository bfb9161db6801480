package dev.dbshift.online;


import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands that steer a change from outside the engine: status, pause, cutover, abort. They
 * talk to the engine only through the state table (flags it reads before every chunk) and learn
 * whether an engine is alive from its server-side lock ({@link OnlineChange#running}), which the server
 * releases when the engine's session dies; so they work from any host and after any crash.
 */
public final class OnlineControl {

    /** A change and whether an engine is running it now. */
    public record Status(OnlineState state, boolean running) {
    }

    private final OnlineChange engine;
    private final Connections factory;

    public OnlineControl(OnlineChange engine, Connections factory) {
        this.engine = engine;
        this.factory = Job.Prepared.of(engine, factory);
    }

    public List<Status> status(String schema) {
        try (Connection c = factory.open()) {
            String db = OnlineMigrator.schemaOf(engine, c, schema);
            if (!engine.inspector(c).tableExists(db, Checkpoint.TABLE)) {
                return List.of();
            }
            List<Status> out = new ArrayList<>();
            for (OnlineState s : engine.checkpoint(db).readAll(c)) {
                out.add(new Status(s, engine.running(c, OnlineNames.of(db, s.table()))));
            }
            return out;
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.UNREACHABLE, "cannot read online change state: " + e.getMessage(), e);
        }
    }

    public void pause(String schema, String table) {
        setFlag(schema, table, Checkpoint.Flag.PAUSED, true);
    }

    /** Clears a pause; returns false when no engine is running (then {@link OnlineMigrator#resume} must be called). */
    public boolean unpause(String schema, String table) {
        setFlag(schema, table, Checkpoint.Flag.PAUSED, false);
        return isRunning(schema, table);
    }

    public void requestCutover(String schema, String table) {
        setFlag(schema, table, Checkpoint.Flag.CUTOVER_REQUESTED, true);
    }

    public boolean isRunning(String schema, String table) {
        try (Connection c = factory.open()) {
            return engine.running(c, OnlineNames.of(OnlineMigrator.schemaOf(engine, c, schema), table));
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.UNREACHABLE, e.getMessage(), e);
        }
    }

    /**
     * Aborts: a running engine is asked to stop and clean up (and this waits for it); when none is
     * running, the triggers, change log and shadow are removed here. The table itself is never
     * touched. Refused after the swap, also when the engine swaps while this waits for it (the request came after the
     * engine's last look before its swap): that is said, never called aborted.
     */
    public void abort(String schema, String table) {
        try (Connection c = factory.open()) {
            String db = OnlineMigrator.schemaOf(engine, c, schema);
            OnlineNames names = OnlineNames.of(db, table);
            Checkpoint checkpoint = engine.checkpoint(db);
            checkpoint.ensureTable(c);
            var state = checkpoint.read(c, table);
            if (swapped(c, names, state)) {
                throw new OnlineException(OnlineException.BAD_INPUT, "the tables of " + table + " are already swapped; "
                        + (state.get().phase() == Phase.DONE ? "abort is no longer possible"
                        : "run online resume to finish the cleanup"));
            }
            checkpoint.flag(c, table, Checkpoint.Flag.ABORT_REQUESTED, true);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (engine.running(c, names)) {
                if (System.nanoTime() > deadline) {
                    throw new OnlineException(OnlineException.FAILED, "the engine running the change of " + table
                            + " did not stop within 120 s");
                }
                Pause.millis(200);
            }
            var after = checkpoint.read(c, table);
            if (after.isPresent() && after.get().phase() == Phase.ABORTED) {
                return;
            }
            if (swapped(c, names, after)) { // the request came after the engine's last look before its swap
                checkpoint.flag(c, table, Checkpoint.Flag.ABORT_REQUESTED, false);
                throw new OnlineException(OnlineException.BAD_INPUT, "the online change of " + table + " swapped its tables"
                        + " before the abort took effect: " + table + " has its new definition and nothing was aborted"
                        + (after.get().phase() == Phase.DONE ? "" : "; run online resume to finish the cleanup"));
            }
            takeLock(c, names);
            try {
                engine.cleanupAbort(factory, c, names);
                if (after.isPresent()) {
                    checkpoint.phase(c, table, Phase.ABORTED, "aborted by request");
                }
            } finally {
                engine.unlock(c, names);
            }
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "abort of the online change of " + table + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** True when the change's tables are swapped already: its phase is past the swap, or the swap is done on disk. */
    private boolean swapped(Connection c, OnlineNames names, Optional<OnlineState> state) throws SQLException {
        if (state.isEmpty()) {
            return false;
        }
        Phase phase = state.get().phase();
        if (phase == Phase.CLEANUP || phase == Phase.DONE) {
            return true;
        }
        Inspector inspector = engine.inspector(c);
        return phase == Phase.SWAP && !inspector.tableExists(names.schema(), names.shadow())
                && inspector.tableExists(names.schema(), names.old());
    }

    private void setFlag(String schema, String table, Checkpoint.Flag flag, boolean value) {
        try (Connection c = factory.open()) {
            String db = OnlineMigrator.schemaOf(engine, c, schema);
            Checkpoint checkpoint = engine.checkpoint(db);
            checkpoint.ensureTable(c);
            if (!checkpoint.flag(c, table, flag, value)) {
                throw new OnlineException(OnlineException.BAD_INPUT, "no online change of " + db + "." + table);
            }
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.UNREACHABLE, e.getMessage(), e);
        }
    }

    private void takeLock(Connection c, OnlineNames names) throws SQLException {
        if (!engine.lock(c, names)) {
            throw new OnlineException(OnlineException.LOCKED, "an engine started on " + names.table() + " meanwhile");
        }
    }
}
