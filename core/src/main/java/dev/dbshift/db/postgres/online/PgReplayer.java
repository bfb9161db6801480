package dev.dbshift.db.postgres.online;

import dev.dbshift.online.KeyRange;
import dev.dbshift.online.Replayer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the change log to the shadow: for a batch of logged keys the shadow's rows are deleted and
 * the table's current rows inserted again, and exactly the entries read are deleted, in one
 * transaction. Under READ COMMITTED each statement has a newer snapshot than the one before, so the
 * table is read after the log: every entry read belongs to a committed write the re-read sees.
 * Replaying a key is idempotent and order-free. During the copy only keys up to the copied position
 * are replayed (a later chunk copies the others with a newer snapshot).
 *
 * <p>In the sync phase the source keys are first locked with {@code FOR SHARE NOWAIT}, so no
 * application write changes them between the re-read and the shadow write; the engine never waits
 * for an application lock (its session's short lock_timeout), it rolls back and tries again.
 */
final class PgReplayer implements Replayer {

    private static final int BATCH = 500;

    private final Connection connection;
    private final PgKeys keys;
    private final String log;

    PgReplayer(Connection connection, PgKeys keys) {
        this.connection = connection;
        this.keys = keys;
        this.log = PgSql.qualified(keys.layout.names().schema(), keys.layout.names().changeLog());
    }

    @Override
    public long replay(List<Object> copiedUpTo, boolean copyDone, boolean locking, int maxBatches, long upToSeq)
            throws SQLException {
        long total = 0;
        for (int b = 0; b < maxBatches; b++) {
            int n = PgSql.retrying(connection, 500, locking, () -> batch(copiedUpTo, copyDone, locking, upToSeq));
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }

    private int batch(List<Object> copiedUpTo, boolean copyDone, boolean locking, long upToSeq) throws SQLException {
        List<String> key = keys.layout.key();
        List<List<Object>> rows = PgSql.rows(connection, new PgSql.Sql("SELECT dbshift_seq, " + PgSql.columns(key, "") + " FROM "
                + log + " WHERE dbshift_seq <= ? ORDER BY dbshift_seq LIMIT " + BATCH, List.of(upToSeq)), key.size() + 1);
        if (rows.isEmpty()) {
            return 0;
        }
        List<String> seqs = new ArrayList<>();
        Set<List<Object>> keySet = new LinkedHashSet<>();
        for (List<Object> r : rows) {
            seqs.add(String.valueOf(((Number) r.get(0)).longValue()));
            keySet.add(new ArrayList<>(r.subList(1, r.size())));
        }
        List<List<Object>> logged = new ArrayList<>(keySet);
        if (copyDone || copiedUpTo != null) {
            KeyRange bound = new KeyRange(null, copyDone ? null : copiedUpTo);
            PgSql.Sql source = PgKeys.and(PgSql.keyIn(key, keys.keyTypes, logged), keys.sourceRange(bound));
            if (locking) {
                keys.lockSource(connection, source);
            }
            PgSql.Sql shadow = PgKeys.and(PgSql.keyIn(keys.layout.shadowKey(), keys.shadowKeyTypes, logged), keys.shadowRange(bound));
            PgSql.update(connection, new PgSql.Sql("DELETE FROM " + keys.shadow + " WHERE " + shadow.text(), shadow.params()));
            keys.copy(connection, source);
        }
        PgSql.execute(connection, "DELETE FROM " + log + " WHERE dbshift_seq IN (" + String.join(", ", seqs) + ")");
        return rows.size();
    }

    @Override
    public long lastSeq() throws SQLException {
        List<List<Object>> r = PgSql.rows(connection, PgSql.Sql.of("SELECT coalesce(max(dbshift_seq), 0) FROM " + log), 1);
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return ((Number) r.get(0).get(0)).longValue();
    }

    /** Deletes the oldest entries (redundant after the switch to the sync trigger); never waits for a lock. */
    @Override
    public int discard(int limit) throws SQLException {
        try {
            int n = PgSql.update(connection, PgSql.Sql.of("DELETE FROM " + log + " WHERE dbshift_seq IN (SELECT dbshift_seq FROM "
                    + log + " ORDER BY dbshift_seq LIMIT " + limit + ")"));
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return n;
        } catch (SQLException e) {
            if (!PgSql.isLockConflict(e)) {
                throw e;
            }
            connection.rollback();
            return 0;
        }
    }
}
