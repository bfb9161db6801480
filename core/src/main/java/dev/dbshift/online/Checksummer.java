package dev.dbshift.online;

import dev.dbshift.db.mysql.MySqlOnlineSql;
import dev.dbshift.db.mysql.MySqlOnlineSql.KeyRange;

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
 * copied columns, NULL-aware). One snapshot per chunk, not per table, so the purge of old row
 * versions is held back only for a chunk's time.
 *
 * <p>A mismatching range is copied again under shared locks (source before shadow, as the sync
 * triggers lock) and checked again; the swap is refused while any range still differs.
 */
public final class Checksummer {

    /** Result of one pass. */
    public record Pass(long chunks, long rows, List<KeyRange> mismatches) {
    }

    private final Connection connection;
    private final CopyLayout layout;

    public Checksummer(Connection connection, CopyLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    public Pass compareAll(int chunkRows) throws SQLException {
        List<KeyRange> bad = new ArrayList<>();
        long chunks = 0;
        long rows = 0;
        List<Object> after = null;
        boolean last = false;
        Chunker chunker = new Chunker(connection, layout);
        while (!last) {
            Statements.execute(connection, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
            try {
                Optional<List<Object>> end = chunker.nextEnd(after, chunkRows);
                KeyRange range = new KeyRange(after, end.orElse(null));
                long[] a = sum(layout.names().table(), layout.mapping().sourceColumns(), layout.key(), range);
                long[] b = sum(layout.names().shadow(), layout.mapping().shadowColumns(), layout.shadowKey(), range);
                if (a[0] != b[0] || a[1] != b[1]) {
                    bad.add(range);
                }
                rows += a[0];
                chunks++;
                last = end.isEmpty();
                after = end.orElse(null);
            } finally {
                Statements.execute(connection, "COMMIT");
            }
        }
        return new Pass(chunks, rows, bad);
    }

    public boolean matches(KeyRange range) throws SQLException {
        Statements.execute(connection, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
        try {
            long[] a = sum(layout.names().table(), layout.mapping().sourceColumns(), layout.key(), range);
            long[] b = sum(layout.names().shadow(), layout.mapping().shadowColumns(), layout.shadowKey(), range);
            return a[0] == b[0] && a[1] == b[1];
        } finally {
            Statements.execute(connection, "COMMIT");
        }
    }

    private long[] sum(String table, List<String> columns, List<String> key, KeyRange range) throws SQLException {
        List<List<Object>> r = Statements.rows(connection,
                MySqlOnlineSql.checksum(layout.names().schema(), table, columns, key, range), 2);
        return new long[] {((Number) r.get(0).get(0)).longValue(), ((Number) r.get(0).get(1)).longValue()};
    }

    /**
     * Copies a range again while sync triggers run: shared locks on the source range (NOWAIT, so
     * the engine never waits on the application), then delete and re-insert in the shadow.
     */
    public static void recopy(Connection connection, CopyLayout layout, KeyRange range) throws SQLException {
        OnlineNames n = layout.names();
        new LockRetry(500).run(connection, () -> {
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
}
