package dev.dbshift.db.mysql.online;

import dev.dbshift.online.ChangeCapture;
import dev.dbshift.online.Connections;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.Pause;
import dev.dbshift.online.TableShape;
import dev.dbshift.db.mysql.online.MySqlOnlineSql.KeyColumnType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Change capture with triggers, in two modes, switched by a row ({@code _t_ctl}), not by DDL: the
 * three triggers are created once, before the copy, while the disk is quiet, and dropped from the
 * old table after the swap; the live table sees three trigger DDL statements in all.
 *
 * <p>During the bulk copy the triggers, in <em>capture</em> mode, only append the touched key to the change
 * log {@code _t_chg}; the {@link Replayer} later re-reads those keys from the table and rewrites them
 * in the shadow. An application write therefore never touches the shadow, never waits on the
 * copier's row locks and can only fail if appending to a table without constraints fails.
 *
 * <p>For the short end phase, in <em>sync</em> mode, they apply each write to the shadow directly
 * (pt-online-schema-change's way), so that the swap needs no final drain under a table lock: on
 * MariaDB a RENAME cannot run under LOCK TABLES, and a RENAME queued behind a LOCK TABLES loses the
 * race to queued application writes (measured), which rules out gh-ost's two-session cut-over.
 * The row switches back to capture too ({@link #switchBackToCapture}), when an index build beside the checksum
 * outgrew what InnoDB keeps of the synchronous writes and the change returns to the end of its copy.
 *
 * <p>Each CREATE/DROP TRIGGER needs a brief exclusive metadata lock; it runs with a 1 s
 * {@code lock_wait_timeout} and is retried, so a long application transaction delays the step
 * instead of queueing every writer behind it for long.
 */
public final class MySqlTriggerCapture implements ChangeCapture {

    private static final int SWITCH_WAIT_SECONDS = 2;

    private final Connections factory;
    private final Connection connection;
    private final CopyLayout layout;
    private final TableShape source;

    /** {@code factory} reaches a Galera cluster's other nodes, to check the triggers there ({@link GaleraNodes}). */
    public MySqlTriggerCapture(Connections factory, Connection connection, CopyLayout layout, TableShape source) {
        this.factory = factory;
        this.connection = connection;
        this.layout = layout;
        this.source = source;
    }

    private OnlineNames n() {
        return layout.names();
    }

    public void createChangeLog() throws SQLException {
        List<KeyColumnType> types = new ArrayList<>();
        for (String k : layout.key()) {
            TableShape.Column col = source.column(k).orElseThrow();
            // the type as a column definition, character set and collation kept
            types.add(new KeyColumnType(col.name(), col.charset() == null ? col.type()
                    : col.type() + " CHARACTER SET " + col.charset() + " COLLATE " + col.collation()));
        }
        Statements.execute(connection, MySqlOnlineSql.createChangeLog(n().schema(), n().changeLog(), types));
        Statements.execute(connection, MySqlOnlineSql.createControl(n().schema(), control(n())));
    }

    /**
     * The two-mode triggers (see {@link MySqlOnlineSql#switchedTriggers}), in capture mode. The
     * control row is (re)set only while none of them exists: resetting it takes the row's
     * exclusive lock, and a trigger that finds the row locked applies its write to the shadow.
     */
    public void installCapture() throws SQLException {
        List<String> existing = new MySqlInspector(connection).triggers(n().schema(), n().table());
        Optional<GaleraNodes> galera = GaleraNodes.of(factory, connection);
        if (galera.isPresent()) {
            // Galera: row locks are node-local, so a shared lock read on one node is no barrier for the switch's UPDATE
            // on another (measured: the cluster stalled, a writer hung). Capture-only triggers now, and the
            // synchronous ones by DDL at the switch (DDL runs cluster-wide in TOI, the barrier the replay needs).
            List<String> ddl = MySqlOnlineSql.captureTriggers(n().schema(), n().table(), n().changeLog(), n().capture(),
                    layout.key());
            galera.get().ensureTables(connection, n().schema(), List.of(n().changeLog(), n().shadow()));
            createMissing(existing, n().capture().all(), ddl);
            // before the copy begins, so a write made on a node while it lacked one is still copied
            onEveryNode(galera.get(), n().capture().all(), ddl);
            return;
        }
        if (n().sync().all().stream().noneMatch(existing::contains)) {
            Statements.execute(connection, MySqlOnlineSql.resetControl(n().schema(), control(n())));
        }
        createMissing(existing, n().sync().all(), MySqlOnlineSql.switchedTriggers(n().schema(), n().table(),
                n().changeLog(), control(n()), n().shadow(), n().sync(), layout.key(), layout.shadowKey(),
                layout.mapping().copied()));
    }

    /**
     * Switches to synchronous capture; idempotent. When it returns, every write made without it is
     * committed and in the change log with a sequence number at or below the log's current maximum.
     *
     * <p>The switch is one UPDATE of the control row. Each trigger reads the row with a shared lock
     * ({@code LOCK IN SHARE MODE SKIP LOCKED}, a current read, never a stale snapshot) and keeps it
     * to its transaction's end, so the UPDATE's exclusive lock is granted only once every
     * transaction that read 0 (and captured) has committed or rolled back: exactly the barrier the
     * change-log replay needs. While the UPDATE waits, a trigger finds the row locked, skips it and
     * applies its write to the shadow: the copy is over, so that is already correct, and no
     * application statement ever waits for the switch. Trigger DDL, which this replaces, took the
     * table's exclusive metadata lock and synced the trigger file while every application
     * statement queued behind it (the longest writer stalls in the bench). Rejected: a plain read
     * of the row (a REPEATABLE READ transaction with an older snapshot would still capture after
     * the switch, and only a wait for every open transaction on the server could catch it), and a
     * waiting shared lock (writers queued behind the UPDATE, a lock cycle InnoDB may break by
     * failing an application write).
     *
     * <p>A change begun by an earlier version has the capture-only triggers and no control table:
     * then the synchronous triggers are created (the capture triggers stay until the cleanup drops
     * them from the old table after the swap, and their later log entries are discarded).
     */
    public void switchToSync() throws SQLException {
        List<String> existing = new MySqlInspector(connection).triggers(n().schema(), n().table());
        Optional<GaleraNodes> galera = GaleraNodes.of(factory, connection);
        if (existing.containsAll(n().sync().all()) && galera.isEmpty()) {
            if (new MySqlInspector(connection).tableExists(n().schema(), control(n()))) {
                switchControl(true);
            }
            return;
        }
        List<String> ddl = MySqlOnlineSql.syncTriggers(n().schema(), n().table(), n().shadow(), n().sync(),
                layout.key(), layout.shadowKey(), layout.mapping().copied());
        createMissing(existing, n().sync().all(), ddl);
        if (galera.isPresent()) {
            // a node that lacked one meanwhile logged those writes with its capture triggers (checked at install); this
            // node applies them, and everything else committed in the cluster so far, before the replay reads the log
            onEveryNode(galera.get(), n().sync().all(), ddl);
            causalWait();
        }
    }

    /** {@link GaleraNodes#ensureTriggers}: every node has the triggers {@code names} ({@code ddl} creates them). */
    private void onEveryNode(GaleraNodes nodes, List<String> names, List<String> ddl) throws SQLException {
        nodes.ensureTriggers(connection, n().schema(), n().table(), names,
                ddl.stream().map(MySqlOnlineSql::ifNotExists).toList());
    }

    /** Waits until this node has applied every transaction the cluster committed before now ({@code wsrep_sync_wait}). */
    private void causalWait() throws SQLException {
        List<List<Object>> before = Statements.rows(connection, MySqlOnlineSql.Statement.of("SELECT @@SESSION.wsrep_sync_wait"), 1);
        Statements.execute(connection, "SET SESSION wsrep_sync_wait = 1");
        try {
            Statements.rows(connection, MySqlOnlineSql.Statement.of("SELECT 1 FROM "
                    + MySqlOnlineSql.qualified(n().schema(), n().changeLog()) + " LIMIT 1"), 1);
        } finally {
            Statements.execute(connection, "SET SESSION wsrep_sync_wait = " + before.get(0).get(0));
        }
    }

    /**
     * The control row set back to capture, where the two-mode triggers are all there is: not on Galera, nor for a
     * change begun by an earlier version (there the synchronous triggers were made by DDL and have no capture mode,
     * and the capture-only ones are still on the table). The same barrier as {@link #switchToSync}, the other way: the
     * UPDATE waits for every transaction that read "synchronous" with its shared lock, and those that find the row
     * locked meanwhile apply their write to the shadow, which is still exact; once it commits, every trigger logs.
     */
    @Override
    public boolean switchBackToCapture() throws SQLException {
        MySqlInspector inspector = new MySqlInspector(connection);
        List<String> existing = inspector.triggers(n().schema(), n().table());
        if (!existing.containsAll(n().sync().all()) || n().capture().all().stream().anyMatch(existing::contains)
                || !inspector.tableExists(n().schema(), control(n())) || inspector.clusterDdl().isPresent()) {
            return false;
        }
        switchControl(false);
        return true;
    }

    /**
     * The UPDATE of the control row, waiting at most {@value #SWITCH_WAIT_SECONDS} s per try (a
     * killed engine's waiting UPDATE, and the engine lock its session holds, end that soon), tried
     * again until the transactions that read the other mode before it have ended.
     */
    private void switchControl(boolean sync) throws SQLException {
        List<List<Object>> before = Statements.rows(connection, MySqlOnlineSql.Statement.of("SELECT @@SESSION.innodb_lock_wait_timeout"), 1);
        Statements.execute(connection, "SET SESSION innodb_lock_wait_timeout = " + SWITCH_WAIT_SECONDS);
        try {
            new LockRetry(600, "switching the triggers' mode").run(connection, () -> Statements.update(connection,
                    MySqlOnlineSql.Statement.of(MySqlOnlineSql.switchControl(n().schema(), control(n()), sync))));
        } finally {
            Statements.execute(connection, "SET SESSION innodb_lock_wait_timeout = " + before.get(0).get(0));
        }
    }

    /** False when the two-mode triggers are there (the switch is the control row); true for a change begun by an earlier version. */
    @Override
    public boolean switchIsDdl() throws SQLException {
        return !new MySqlInspector(connection).triggers(n().schema(), n().table()).containsAll(n().sync().all());
    }

    /** The control table of the two-mode triggers, {@code _t_ctl}. */
    static String control(OnlineNames names) {
        return OnlineNames.derived(names.table(), "ctl");
    }

    private void createMissing(List<String> existing, List<String> names, List<String> ddl) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            if (!existing.contains(names.get(i))) {
                withShortMetadataWait(ddl.get(i));
            }
        }
    }

    /** Drops every trigger the engine may have created, wherever the table now is. */
    public static void dropAll(Connection connection, OnlineNames names) throws SQLException {
        for (String t : names.allTriggers()) {
            shortWait(connection, MySqlOnlineSql.dropTrigger(names.schema(), t));
        }
    }

    private void withShortMetadataWait(String sql) throws SQLException {
        shortWait(connection, sql);
    }

    static void shortWait(Connection connection, String sql) throws SQLException {
        Statements.execute(connection, "SET SESSION lock_wait_timeout = 1");
        for (int attempt = 1; ; attempt++) {
            try {
                Statements.execute(connection, sql);
                return;
            } catch (SQLException e) {
                if (!LockRetry.isLockConflict(e)) {
                    throw e;
                }
                if (attempt >= 120) {
                    throw new SQLException(e.getMessage() + " (" + sql.substring(0, Math.min(60, sql.length()))
                            + "...: gave up after " + attempt + " tries; " + LockRetry.holders(connection) + ")",
                            e.getSQLState(), e.getErrorCode(), e);
                }
                Pause.millis(Math.min(2000, 50L * attempt));
            }
        }
    }
}
