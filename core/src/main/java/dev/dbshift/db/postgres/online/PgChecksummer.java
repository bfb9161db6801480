package dev.dbshift.db.postgres.online;

import dev.dbshift.online.Checksummer;
import dev.dbshift.online.EngineSql;
import dev.dbshift.online.KeyRange;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Compares one key range of table and shadow in one REPEATABLE READ snapshot (in the sync phase
 * both change in the same transactions, so one snapshot sees them equal): row count and the sum of
 * the first 64 bits of each row's md5, the row being the copied columns as text, the source's read
 * as the shadow's types hold them ({@code CAST(amount AS numeric(14,2))}: 1.234 compares as 1.23,
 * as the shadow stores it). A sum, not an XOR, so a row counted twice does not cancel out.
 * A mismatching range is copied again with the source rows share-locked (NOWAIT).
 */
final class PgChecksummer implements Checksummer {

    private final Connection connection;
    private final PgKeys keys;

    PgChecksummer(Connection connection, PgKeys keys) {
        this.connection = connection;
        this.keys = keys;
    }

    @Override
    public Comparison compare(KeyRange range) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            PgSql.execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            List<Object> a = sum(keys.table, String.join(", ", keys.layout.sourceAsShadow()), keys.sourceRange(range));
            List<Object> b = sum(keys.shadow, PgSql.columns(keys.layout.mapping().shadowColumns(), ""), keys.shadowRange(range));
            connection.commit();
            return new Comparison(((Number) a.get(0)).longValue(), a.equals(b));
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    @Override
    public java.util.Optional<List<Object>> pieceEnd(KeyRange range, int rows) throws SQLException {
        return keys.nthKey(connection, keys.sourceRange(range), rows);
    }

    private List<Object> sum(String table, String row, PgSql.Sql where) throws SQLException {
        List<Object> r = PgSql.rows(connection, new PgSql.Sql("SELECT count(*), coalesce(sum(('x' || substr(md5(ROW(" + row
                + ")::text), 1, 16))::bit(64)::bigint), 0)::text FROM " + table + " WHERE " + where.text(), where.params()), 2).get(0);
        return List.of(((Number) r.get(0)).longValue(), r.get(1));
    }

    @Override
    public boolean recopy(KeyRange range) throws SQLException {
        return PgSql.unlessLocked(connection, () -> {
            PgSql.Sql source = keys.sourceRange(range);
            keys.lockSource(connection, source);
            PgSql.Sql shadow = keys.shadowRange(range);
            PgSql.update(connection, new PgSql.Sql("DELETE FROM " + keys.shadow + " WHERE " + shadow.text(), shadow.params()));
            keys.copy(connection, source);
            return null;
        });
    }

    /**
     * The backends whose transaction holds a row of the range: a row lock lives in the row itself ({@code xmax}, the
     * locking or writing transaction's id), and that transaction holds a lock on its own id while it runs.
     */
    @Override
    public List<String> holders(KeyRange range) throws SQLException {
        PgSql.Sql source = keys.sourceRange(range);
        PgSql.Sql holding = new PgSql.Sql("SELECT a.pid, host(a.client_addr), CASE WHEN a.state = 'active' THEN 'Query'"
                + " ELSE a.state END, (extract(epoch FROM now() - a.state_change))::bigint, left(a.query, 120),"
                + " (extract(epoch FROM now() - a.xact_start))::bigint FROM pg_stat_activity a WHERE a.pid <> pg_backend_pid()"
                + " AND a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.locktype = 'transactionid' AND l.granted"
                + " AND l.mode = 'ExclusiveLock' AND l.transactionid IN (SELECT xmax FROM " + keys.table + " WHERE "
                + source.text() + ")) ORDER BY a.xact_start LIMIT 3", source.params());
        List<List<Object>> r = EngineSql.retrying(connection, (e, attempt) -> false, () -> PgSql.rows(connection, holding, 6));
        List<String> out = new java.util.ArrayList<>();
        for (List<Object> row : r) {
            out.add(EngineSql.session("backend " + row.get(0) + " (in a transaction for " + row.get(5) + " s)",
                    row.subList(1, 5), "SELECT pg_terminate_backend(" + row.get(0) + ")"));
        }
        return out;
    }
}
