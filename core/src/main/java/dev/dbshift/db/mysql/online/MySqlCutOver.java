package dev.dbshift.db.mysql.online;

import dev.dbshift.online.Connections;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.Pause;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The swap: one {@code RENAME TABLE t TO _t_old, _t_new TO t}, atomic for every session. It is sent
 * with NOWAIT: a RENAME that waits for its metadata lock makes every later application statement
 * on the table queue behind it (the stall pt-osc's and gh-ost's cut-overs cause under a long
 * transaction); with NOWAIT it either gets the lock at once and holds it for the rename's
 * milliseconds, or fails and is retried after a growing pause. Nothing is lost between attempts:
 * the sync triggers keep the shadow current meanwhile.
 *
 * <p>Under a write load where some statement always holds the table's metadata lock, NOWAIT may
 * keep failing; after {@value #NOWAIT_ATTEMPTS} tries the swap waits for the lock, for at most one
 * second per attempt ({@code WAIT 1}; MariaDB truncates fractional waits to zero). Application
 * statements queue behind a waiting RENAME only until the statements already running finish, which
 * with short transactions is milliseconds, and never more than that second.
 *
 * <p>On a Galera node the RENAME is sent with no wait clause and the server's own lock wait. It runs in
 * TOI: every node executes the statement's text, and a node's applier that meets a local transaction
 * holding the table's metadata lock aborts that transaction (the TOI statement has priority), unless
 * the text says NOWAIT: then the applier fails at once, Galera ignores a failed DDL on an applier, and
 * that node keeps the old table while the others swapped (measured: the next write on that node fired
 * the sync trigger into a table the others no longer had, lost the inconsistency vote, and the node
 * left the cluster). The originating node aborts local holders the same way, so the swap does not
 * queue application statements there either. An applier can still skip the RENAME (any failure: a table of
 * the old table's name there), so afterwards every node is seen to have swapped ({@link GaleraNodes#ensureSwapped}).
 */
public final class MySqlCutOver {

    static final int NOWAIT_ATTEMPTS = 40;

    private final Connections factory;
    private final Connection connection;
    private final OnlineNames names;
    private final int attempts;

    /** {@code factory} reaches a Galera cluster's other nodes, to see that each swapped ({@link GaleraNodes}). */
    public MySqlCutOver(Connections factory, Connection connection, OnlineNames names, int attempts) {
        this.factory = factory;
        this.connection = connection;
        this.names = names;
        this.attempts = attempts;
    }

    /** Swaps; returns the number of attempts it took. */
    public int swap() throws SQLException {
        boolean cluster = new MySqlInspector(connection).clusterDdl().isPresent();
        String nowait = MySqlOnlineSql.swap(names.schema(), names.table(), names.old(), names.shadow(), cluster ? "" : "NOWAIT");
        String wait = MySqlOnlineSql.swap(names.schema(), names.table(), names.old(), names.shadow(), cluster ? "" : "WAIT 1");
        if (cluster) {
            Statements.execute(connection, "SET SESSION lock_wait_timeout = @@GLOBAL.lock_wait_timeout");
        }
        java.util.Random jitter = new java.util.Random();
        for (int attempt = 1; ; attempt++) {
            try {
                Statements.execute(connection, attempt <= NOWAIT_ATTEMPTS ? nowait : wait);
                if (cluster) {
                    ensureSwappedEverywhere();
                }
                return attempt;
            } catch (SQLException e) {
                if (!LockRetry.isLockConflict(e) || attempt >= attempts) {
                    throw new OnlineException(OnlineException.FAILED, "the swap did not get its lock after " + attempt
                            + " attempts (a long transaction on " + names.table() + "?); the shadow stays in sync, "
                            + "run online resume to try again: " + e.getMessage()
                            + (LockRetry.isLockConflict(e) ? " (" + LockRetry.holders(connection) + ")" : ""), e);
                }
                Pause.millis(attempt <= NOWAIT_ATTEMPTS ? 1 + jitter.nextInt(10)
                        : Math.min(2000, 100L * (attempt - NOWAIT_ATTEMPTS)));
            }
        }
    }

    /** After a swap found done here: on a Galera node, {@link #ensureSwappedEverywhere}; elsewhere nothing to see. */
    public void checkNodes() throws SQLException {
        if (new MySqlInspector(connection).clusterDdl().isPresent()) {
            ensureSwappedEverywhere();
        }
    }

    /** {@link GaleraNodes#ensureSwapped}; a node that cannot be read now is as unknown as one that did not swap. */
    private void ensureSwappedEverywhere() {
        try {
            GaleraNodes.of(factory, connection).orElseThrow().ensureSwapped(names);
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.VALIDATION, "the swap of " + names.table() + " ran on this node,"
                    + " but whether every Galera node applied it cannot be read now: " + e.getMessage() + ". Look on each"
                    + " node for " + names.shadow() + " (there: its applier skipped the RENAME) before writing through it,"
                    + " then run 'dbshift online resume " + names.table() + "' to finish the cleanup", e);
        }
    }
}
