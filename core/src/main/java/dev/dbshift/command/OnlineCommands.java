package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.Database;
import dev.dbshift.online.Connections;
import dev.dbshift.online.OnlineChange;
import dev.dbshift.online.OnlineControl;
import dev.dbshift.online.OnlineMigrator;
import dev.dbshift.online.OnlineOptions;
import dev.dbshift.online.OnlinePlan;
import dev.dbshift.online.OnlineProgress;
import dev.dbshift.online.OnlineResult;

import java.util.List;
import java.util.function.Consumer;

/**
 * {@code dbshift online ...} as library calls: plan, run, resume and steer an online table change
 * of the configured target, with the target database's engine ({@link Database#online()}). Options
 * start from {@link OnlineOptions#defaults()}, the one set of defaults. A target without an engine
 * is refused (BAD_INPUT) before any SQL is sent.
 */
public final class OnlineCommands {

    private final Database database;
    private final Connections connections;

    public OnlineCommands(Database database, ConnectionFactory connections) {
        this(database, connections, java.sql.DriverManager::getConnection);
    }

    /** {@code replicas} opens connections to the replicas {@code --max-lag} watches (by URL). */
    public OnlineCommands(Database database, ConnectionFactory connections, Connections.Others replicas) {
        this.database = database;
        this.connections = Connections.withOthers(connections::open, replicas);
    }

    /** Preflight and plan; builds the shadow to prove the change and drops it again. */
    public OnlinePlan plan(String schema, String table, String alterSpec, OnlineOptions options) {
        return new OnlineMigrator(engine(), connections, options, null).plan(schema, table, alterSpec);
    }

    /** Runs one change; {@code progress} (null: none) hears each phase and chunk. */
    public OnlineResult alter(String schema, String table, String alterSpec, OnlineOptions options,
                              Consumer<OnlineProgress> progress) {
        OnlineChange engine = engine();
        refuseReadOnly();
        return new OnlineMigrator(engine, connections, options, progress).execute(schema, table, alterSpec);
    }

    /** Continues an interrupted change from its last checkpoint (the change's own options over {@code options}). */
    public OnlineResult resume(String schema, String table, OnlineOptions options, Consumer<OnlineProgress> progress) {
        OnlineChange engine = engine();
        refuseReadOnly();
        return new OnlineMigrator(engine, connections, options, progress).resume(schema, table);
    }

    /** The changes in {@code schema} (null: the connection's database) and whether an engine runs each. */
    public List<OnlineControl.Status> status(String schema) {
        return control().status(schema);
    }

    public void pause(String schema, String table) {
        control().pause(schema, table);
    }

    /** Clears a pause; false when no engine runs the change (then {@link #resume} continues it). */
    public boolean unpause(String schema, String table) {
        return control().unpause(schema, table);
    }

    public void abort(String schema, String table) {
        control().abort(schema, table);
    }

    /** Allows the swap of a change run with a postponed cut-over. */
    public void requestCutover(String schema, String table) {
        control().requestCutover(schema, table);
    }

    /**
     * An online change on a replica would copy and swap behind its primary's back: refused (exit 2), as {@code up} is.
     * So is one on a Galera node in RSU, before anything is made: the engine's own preflight refused it too, but only
     * after it had made its state table, in RSU on that node alone.
     */
    private void refuseReadOnly() {
        try (java.sql.Connection c = connections.open()) {
            database.writeRefusal(c).ifPresent(refusal -> {
                throw new DbShiftException(DbShiftException.BAD_INPUT, refusal.replica()
                        ? "the target is read-only (" + refusal.why() + "): a replica takes its changes from its primary;"
                        + " run the online change against the primary"
                        : "nothing was changed: " + refusal.why());
            });
        } catch (java.sql.SQLException e) {
            throw new DbShiftException(DbShiftException.UNREACHABLE, "cannot connect: " + e.getMessage(), e);
        }
    }

    private OnlineControl control() {
        return new OnlineControl(engine(), connections);
    }

    private OnlineChange engine() {
        return database.online().orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT, "online table changes"
                + " work on MySQL/MariaDB and PostgreSQL only; the target (url) is " + database.name() + ". Use a plain ALTER TABLE in a"
                + " migration there"));
    }
}
