package dev.dbshift.online;

import dev.dbshift.db.mysql.MySqlOnlineSql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Keyset chunking in key order: the next chunk is {@code (after, end]} where {@code end} is the key
 * of the n-th row after {@code after} (one index dive with LIMIT/OFFSET on the key index). When
 * fewer than n rows remain there is no end: the last chunk is open-ended, so rows inserted beyond
 * the end as seen at the start are copied too (never "up to the max key seen at the start", which
 * would drop them). Keyset bounds, not OFFSET pages and not numeric ranges, so gaps in the key,
 * composite keys and text keys all give chunks of the asked size.
 */
public final class Chunker {

    private final Connection connection;
    private final CopyLayout layout;

    public Chunker(Connection connection, CopyLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /** The inclusive end of the next chunk of {@code rows} rows after {@code after}; empty for the last chunk. */
    public Optional<List<Object>> nextEnd(String table, List<String> key, List<Object> after, int rows) throws SQLException {
        List<List<Object>> r = Statements.rows(connection, MySqlOnlineSql.nextChunkEnd(layout.names().schema(), table,
                table.equals(layout.names().table()) ? layout.keyIndex() : shadowIndex(), key, after, rows), key.size());
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    private String shadowIndex() {
        return "PRIMARY".equals(layout.keyIndex()) ? "PRIMARY" : layout.keyIndex();
    }
}
