package dev.dbshift.db.mysql.online;

import dev.dbshift.online.Checksummer;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.EngineSql;
import dev.dbshift.online.KeyRange;
import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares table and shadow chunk by chunk before the swap. Runs in the sync phase, when every
 * application write reaches both tables in one transaction and the change log is empty, so each
 * chunk is compared inside one {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}: both sides are
 * read at the same instant, without locks, and must be equal (count and BIT_XOR of CRC32 over the
 * copied columns, NULL-aware where a column may be NULL; the source side read as the shadow's column types hold the values, so
 * a type change such as DECIMAL(10,2) to DECIMAL(12,3) compares 1.230 with 1.230, not 1.23). One snapshot per chunk, not per table, so the purge of old row
 * versions is held back only for a chunk's time, and chunks can be compared on two connections
 * at once.
 *
 * <p>A mismatching range is copied again under shared locks (source before shadow, as the sync
 * triggers lock) and checked again; the swap is refused while any range still differs.
 */
public final class MySqlChecksummer implements Checksummer {

    private final Connection connection;
    private final CopyLayout layout;

    public MySqlChecksummer(Connection connection, CopyLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /** {rows in the table's range, 0 when both sides match else 1}, read in one snapshot. */
    private long[] both(KeyRange range) throws SQLException {
        Statements.execute(connection, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
        try {
            // the source read as the shadow's types hold it: DECIMAL(10,2) 1.23 is 1.230 in a DECIMAL(12,3) shadow
            long[] a = sum(layout.names().table(), layout.sourceAsShadow(), layout.key(), range);
            long[] b = sum(layout.names().shadow(), layout.mapping().shadowColumns().stream().map(MySqlOnlineSql::quote).toList(),
                    layout.shadowKey(), range);
            return new long[] {a[0], a[0] == b[0] && a[1] == b[1] ? 0 : 1};
        } finally {
            Statements.execute(connection, "COMMIT");
        }
    }

    @Override
    public Comparison compare(KeyRange range) throws SQLException {
        long[] r = both(range);
        return new Comparison(r[0], r[1] == 0);
    }

    @Override
    public Optional<List<Object>> pieceEnd(KeyRange range, int rows) throws SQLException {
        OnlineNames n = layout.names();
        List<List<Object>> r = Statements.rows(connection, MySqlOnlineSql.nthKey(n.schema(), n.table(), layout.keyIndex(),
                layout.key(), range, rows), layout.key().size());
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    private long[] sum(String table, List<String> expressions, List<String> key, KeyRange range) throws SQLException {
        List<List<Object>> r = Statements.rows(connection,
                MySqlOnlineSql.checksumOf(layout.names().schema(), table, expressions, layout.mayBeNull(), key, range), 2);
        return new long[] {((Number) r.get(0).get(0)).longValue(), ((Number) r.get(0).get(1)).longValue()};
    }

    /**
     * Copies a range again while sync triggers run: shared locks on the source range (NOWAIT, so
     * the engine never waits on the application), then delete and re-insert in the shadow. One try.
     */
    @Override
    public boolean recopy(KeyRange range) throws SQLException {
        OnlineNames n = layout.names();
        return LockRetry.unlessLocked(connection, () -> {
            MySqlOnlineSql.Statement where = MySqlOnlineSql.rangeCondition(layout.key(), range);
            Statements.rows(connection, new MySqlOnlineSql.Statement("SELECT " + String.join(", ",
                    layout.key().stream().map(MySqlOnlineSql::quote).toList()) + " FROM "
                    + MySqlOnlineSql.qualified(n.schema(), n.table()) + " FORCE INDEX (" + MySqlOnlineSql.quote(layout.keyIndex())
                    + ") WHERE " + where.sql() + " LOCK IN SHARE MODE NOWAIT", where.params()), layout.key().size());
            Statements.update(connection, MySqlOnlineSql.deleteRange(n.schema(), n.shadow(), layout.shadowKey(), range));
            Statements.update(connection, MySqlOnlineSql.copyRangeLocked(n.schema(), n.table(), n.shadow(), layout.keyIndex(),
                    layout.key(), layout.mapping().copied(), range));
            return null;
        });
    }

    /**
     * InnoDB names a row lock's holder only to a session waiting for it, and the re-copy never waits; so these are
     * the transactions that hold row locks at all, oldest first (those of a short write come and go; one held open
     * across the re-copy's tries is what stops it).
     */
    @Override
    public List<String> holders(KeyRange range) throws SQLException {
        MySqlOnlineSql.Statement holding = new MySqlOnlineSql.Statement("SELECT t.trx_mysql_thread_id, p.HOST, p.COMMAND,"
                + " p.TIME, LEFT(p.INFO, 120), TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), t.trx_rows_locked"
                + " FROM information_schema.INNODB_TRX t LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                + " WHERE t.trx_rows_locked > 0 AND t.trx_mysql_thread_id <> CONNECTION_ID() ORDER BY t.trx_started LIMIT 3",
                List.of());
        List<List<Object>> r = EngineSql.retrying(connection, (e, attempt) -> false, () -> Statements.rows(connection, holding, 7));
        List<String> out = new ArrayList<>();
        for (List<Object> row : r) {
            Object id = row.get(0);
            out.add(EngineSql.session("connection " + id + " (in a transaction for " + row.get(5) + " s, " + row.get(6)
                    + " row lock(s))", row.get(1) == null ? null : row.subList(1, 5), "KILL " + id));
        }
        return out;
    }
}
