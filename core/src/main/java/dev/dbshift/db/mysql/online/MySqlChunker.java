package dev.dbshift.db.mysql.online;

import dev.dbshift.online.Chunker;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Chunk bounds in key order, chunk {@code (after, end]}; an empty end means the last, open-ended
 * chunk, so rows inserted beyond the end as seen at the start are copied too (never "up to the
 * max key seen at the start", which would drop them).
 *
 * <p>Two ways to find {@code end}:
 * <ul>
 *   <li><b>Integer span</b>, for a single integer key whose values are dense (span at most twice
 *   the row count, the usual AUTO_INCREMENT key): {@code end = after + n}, no query at all. A
 *   boundary query with OFFSET walks n rows of the clustered index, i.e. reads every row of the
 *   chunk one extra time. Gaps only make a chunk smaller, and the chunk sizer, which works on
 *   time, widens the span again. Near the maximum key the maximum is read again, so a table that
 *   grows during the copy is still cut into bounded chunks.</li>
 *   <li><b>Keyset</b>, for everything else (composite, text, sparse keys): {@code end} is the key of
 *   the n-th row after {@code after} (one index dive with LIMIT/OFFSET), so gaps, composite keys and
 *   text keys all give chunks of the asked size.</li>
 * </ul>
 */
public final class MySqlChunker implements Chunker {

    private final Connection connection;
    private final CopyLayout layout;
    private Boolean dense;
    private long max;

    public MySqlChunker(Connection connection, CopyLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /**
     * The inclusive end of the next chunk after {@code after} (null: from the start) of the source
     * table; {@code size} is rows (keyset) or a key span (integer span). Empty for the last chunk.
     */
    public Optional<List<Object>> nextEnd(List<Object> after, int size) throws SQLException {
        OnlineNames n = layout.names();
        if (dense == null) {
            dense = probeDense();
        }
        if (dense) {
            long from = after == null ? Long.MIN_VALUE : ((Number) after.get(0)).longValue();
            if (after == null) {
                from = min() - 1;
            }
            long end = from + size;
            if (end >= max) {
                max = max();
                if (end >= max) {
                    return Optional.empty();
                }
            }
            return Optional.of(List.of(end));
        }
        List<List<Object>> r = Statements.rows(connection, MySqlOnlineSql.nextChunkEnd(n.schema(), n.table(),
                layout.keyIndex(), layout.key(), after, size), layout.key().size());
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** True when chunks go by integer span (see the class comment). */
    public boolean bySpan() throws SQLException {
        if (dense == null) {
            dense = probeDense();
        }
        return dense;
    }

    private boolean probeDense() throws SQLException {
        if (layout.key().size() != 1) {
            return false;
        }
        OnlineNames n = layout.names();
        String k = MySqlOnlineSql.quote(layout.key().get(0));
        try (PreparedStatement ps = connection.prepareStatement("SELECT MIN(" + k + "), MAX(" + k + "), "
                + "(SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?) FROM "
                + MySqlOnlineSql.qualified(n.schema(), n.table()))) {
            ps.setString(1, n.schema());
            ps.setString(2, n.table());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Object lo = rs.getObject(1);
                Object hi = rs.getObject(2);
                long rows = rs.getLong(3);
                if (!(lo instanceof Long || lo instanceof Integer) || !(hi instanceof Long || hi instanceof Integer)) {
                    return false;
                }
                long span = ((Number) hi).longValue() - ((Number) lo).longValue() + 1;
                max = ((Number) hi).longValue();
                return span > 0 && span <= 2 * Math.max(rows, 1000);
            }
        }
    }

    private long min() throws SQLException {
        return bound("MIN");
    }

    private long max() throws SQLException {
        return bound("MAX");
    }

    private long bound(String fn) throws SQLException {
        OnlineNames n = layout.names();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + fn + "(" + MySqlOnlineSql.quote(layout.key().get(0))
                + ") FROM " + MySqlOnlineSql.qualified(n.schema(), n.table()));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
