package dev.dbshift.db.mysql.online;

import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.Replayer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the change log to the shadow: for each logged key, the shadow's row is deleted and the
 * table's current row (if any) inserted again, then exactly the log entries read are deleted, all
 * in one transaction. Replaying a key is idempotent and order-free (it copies the key's state as
 * of now), so entries may be coalesced, replayed twice or replayed late; an entry is only ever
 * deleted together with the replay that covered it, so a crash loses none.
 *
 * <p>During the copy, replay runs on the copier's thread between chunks and touches only keys up
 * to the copied position: a key beyond it will be copied later by a chunk whose snapshot is newer
 * than the logged write. Rows are read with READ COMMITTED consistent reads, so the replay takes
 * no lock on the application's rows.
 *
 * <p>After the switch to sync triggers, the remaining entries are replayed with locking reads,
 * source before shadow like the triggers, and with NOWAIT: the engine never waits on an
 * application lock (so it can never be the other half of a deadlock that picks an application
 * transaction as the victim); it backs off and tries again.
 */
public final class MySqlReplayer implements Replayer {

    private static final int BATCH = 500;

    private final Connection connection;
    private final CopyLayout layout;
    private final LockRetry retry = new LockRetry(500, "replaying the change log into the shadow");

    public MySqlReplayer(Connection connection, CopyLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    @Override
    public long replay(List<Object> copiedUpTo, boolean copyDone, boolean locking, int maxBatches, long upToSeq)
            throws SQLException {
        long total = 0;
        for (int b = 0; b < maxBatches; b++) {
            int n = retry.run(connection, () -> batch(copiedUpTo, copyDone, locking, upToSeq));
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }

    private int batch(List<Object> copiedUpTo, boolean copyDone, boolean locking, long upToSeq) throws SQLException {
        OnlineNames n = layout.names();
        int keyCols = layout.key().size();
        List<List<Object>> rows = Statements.rows(connection, new MySqlOnlineSql.Statement(
                MySqlOnlineSql.readChangeLog(n.schema(), n.changeLog(), layout.key(), BATCH), List.of(upToSeq)),
                keyCols + 1);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Long> seqs = new ArrayList<>();
        Set<List<Object>> keySet = new LinkedHashSet<>();
        for (List<Object> r : rows) {
            seqs.add(((Number) r.get(0)).longValue());
            keySet.add(new ArrayList<>(r.subList(1, r.size())));
        }
        List<List<Object>> keys = new ArrayList<>(keySet);
        boolean anyCopied = copyDone || copiedUpTo != null;
        if (anyCopied) {
            List<Object> bound = copyDone ? null : copiedUpTo;
            if (locking) {
                Statements.rows(connection, nowait(MySqlOnlineSql.lockSourceKeys(n.schema(), n.table(), layout.key(), keys)), keyCols);
            }
            Statements.update(connection, MySqlOnlineSql.replayDelete(n.schema(), n.shadow(), layout.shadowKey(), keys, bound));
            Statements.update(connection, MySqlOnlineSql.replayInsert(n.schema(), n.table(), n.shadow(), layout.key(),
                    layout.mapping().copied(), keys, bound, false));
        }
        Statements.batch(connection, MySqlOnlineSql.deleteChangeLogEntry(n.schema(), n.changeLog()), seqs);
        return rows.size();
    }

    /** The highest sequence number in the change log (0 when empty). */
    public long lastSeq() throws SQLException {
        OnlineNames n = layout.names();
        List<List<Object>> r = Statements.rows(connection, MySqlOnlineSql.Statement.of("SELECT COALESCE(MAX(`dbshift_seq`), 0) FROM "
                + MySqlOnlineSql.qualified(n.schema(), n.changeLog())), 1);
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return ((Number) r.get(0).get(0)).longValue();
    }

    /**
     * Deletes up to {@code limit} entries (redundant ones, after the switch to sync triggers). Only
     * entries read first are deleted, by sequence number: a range or ORDER BY ... LIMIT delete would
     * take gap locks at the log's end and wait on uncommitted application entries, a lock cycle
     * with the application's trigger inserts that InnoDB may break by failing the application's
     * write.
     */
    public int discard(int limit) throws SQLException {
        OnlineNames n = layout.names();
        List<List<Object>> rows = Statements.rows(connection, MySqlOnlineSql.Statement.of("SELECT `dbshift_seq` FROM "
                + MySqlOnlineSql.qualified(n.schema(), n.changeLog()) + " ORDER BY `dbshift_seq` LIMIT " + limit), 1);
        List<Long> seqs = new ArrayList<>();
        for (List<Object> r : rows) {
            seqs.add(((Number) r.get(0)).longValue());
        }
        try {
            int deleted = Statements.batch(connection, MySqlOnlineSql.deleteChangeLogEntry(n.schema(), n.changeLog()), seqs);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return deleted;
        } catch (SQLException e) {
            if (!LockRetry.isLockConflict(e)) {
                throw e;
            }
            connection.rollback(); // the engine does not wait; the entries go next time
            return 0;
        }
    }

    static MySqlOnlineSql.Statement nowait(MySqlOnlineSql.Statement s) {
        return new MySqlOnlineSql.Statement(s.sql() + " NOWAIT", s.params());
    }
}
