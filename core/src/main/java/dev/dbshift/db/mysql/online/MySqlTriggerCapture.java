package dev.dbshift.db.mysql.online;

import dev.dbshift.online.ChangeCapture;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.Pause;
import dev.dbshift.online.TableShape;
import dev.dbshift.db.mysql.online.MySqlOnlineSql.KeyColumnType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Change capture with triggers, in two modes.
 *
 * <p>During the bulk copy the <em>capture</em> triggers only append the touched key to the change
 * log {@code _t_chg}; the {@link Replayer} later re-reads those keys from the table and rewrites them
 * in the shadow. An application write therefore never touches the shadow, never waits on the
 * copier's row locks and can only fail if appending to a table without constraints fails.
 *
 * <p>For the short end phase the <em>sync</em> triggers apply each write to the shadow directly
 * (pt-online-schema-change's way), so that the swap needs no final drain under a table lock: on
 * MariaDB a RENAME cannot run under LOCK TABLES, and a RENAME queued behind a LOCK TABLES loses the
 * race to queued application writes (measured), which rules out gh-ost's two-session cut-over.
 *
 * <p>Each CREATE/DROP TRIGGER needs a brief exclusive metadata lock; it runs with a 1 s
 * {@code lock_wait_timeout} and is retried, so a long application transaction delays the step
 * instead of queueing every writer behind it for long.
 */
public final class MySqlTriggerCapture implements ChangeCapture {

    private final Connection connection;
    private final CopyLayout layout;
    private final TableShape source;

    public MySqlTriggerCapture(Connection connection, CopyLayout layout, TableShape source) {
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
    }

    public void installCapture() throws SQLException {
        List<String> existing = new MySqlInspector(connection).triggers(n().schema(), n().table());
        List<String> ddl = MySqlOnlineSql.captureTriggers(n().schema(), n().table(), n().changeLog(), n().capture(), layout.key());
        createMissing(existing, n().capture().all(), ddl);
    }

    /**
     * Installs the sync triggers (if missing). Idempotent. The capture triggers stay until the
     * cleanup, which drops them from the old table after the swap, where no application statement
     * waits for it: every trigger DDL on the live table makes the application's statements queue
     * for a moment, so the change does three (capture) + three (sync) instead of nine. Log entries
     * written after the switch are redundant (the sync triggers already applied those writes) and
     * are discarded without replay.
     *
     * <p>Creating a trigger takes the table's exclusive metadata lock, which waits for every open
     * transaction that touched the table; so when this returns, every write made without the sync
     * triggers is committed and logged with a sequence number at or below the log's current maximum.
     */
    public void switchToSync() throws SQLException {
        List<String> existing = new MySqlInspector(connection).triggers(n().schema(), n().table());
        List<String> ddl = MySqlOnlineSql.syncTriggers(n().schema(), n().table(), n().shadow(), n().sync(),
                layout.key(), layout.shadowKey(), layout.mapping().copied());
        createMissing(existing, n().sync().all(), ddl);
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
                if (!LockRetry.isLockConflict(e) || attempt >= 120) {
                    throw e;
                }
                Pause.millis(Math.min(2000, 50L * attempt));
            }
        }
    }
}
