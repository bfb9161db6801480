package dev.dbshift.db.postgres.online;

import dev.dbshift.online.Chunker;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Chunk bounds in key order, chunk {@code (after, end]}, the last one open-ended (rows inserted
 * beyond the end seen at the start are copied too). As on MySQL, a single integer key whose values
 * are dense (span at most twice the row estimate) is cut by span, {@code end = after + n}, with no
 * query; any other key by keyset, the n-th key after {@code after} ({@code ORDER BY key LIMIT 1
 * OFFSET n-1}, one walk of the key's index).
 */
final class PgChunker implements Chunker {

    private final Connection connection;
    private final PgKeys keys;
    private Boolean dense;
    private long max;

    PgChunker(Connection connection, PgKeys keys) {
        this.connection = connection;
        this.keys = keys;
    }

    @Override
    public Optional<List<Object>> nextEnd(List<Object> after, int size) throws SQLException {
        if (dense == null) {
            dense = probeDense();
        }
        String k = PgSql.tuple(keys.layout.key(), "");
        if (dense) {
            long from = after == null ? bound("min") - 1 : ((Number) after.get(0)).longValue();
            long end = from + size;
            if (end >= max) {
                max = bound("max");
                if (end >= max) {
                    return Optional.empty();
                }
            }
            return Optional.of(List.of(end));
        }
        PgSql.Sql where = after == null ? PgSql.Sql.of("TRUE")
                : new PgSql.Sql(k + " > " + PgSql.params(keys.keyTypes), after);
        return keys.nthKey(connection, where, size);
    }

    private boolean probeDense() throws SQLException {
        if (keys.layout.key().size() != 1 || !List.of("bigint", "integer", "smallint").contains(keys.keyTypes.get(0))) {
            return false;
        }
        String k = PgSql.quote(keys.layout.key().get(0));
        List<List<Object>> r = PgSql.rows(connection, new PgSql.Sql("SELECT min(" + k + ")::bigint, max(" + k + ")::bigint,"
                + " (SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass) FROM " + keys.table, List.of(keys.table)), 3);
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        Object lo = r.get(0).get(0);
        Object hi = r.get(0).get(1);
        if (lo == null || hi == null) {
            return false;
        }
        long span = ((Number) hi).longValue() - ((Number) lo).longValue() + 1;
        max = ((Number) hi).longValue();
        return span > 0 && span <= 2 * Math.max(((Number) r.get(0).get(2)).longValue(), 1000);
    }

    private long bound(String fn) throws SQLException {
        List<List<Object>> r = PgSql.rows(connection, PgSql.Sql.of("SELECT coalesce(" + fn + "(" + PgSql.quote(keys.layout.key().get(0))
                + ")::bigint, 0) FROM " + keys.table), 1);
        return ((Number) r.get(0).get(0)).longValue();
    }
}
