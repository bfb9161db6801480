package dev.dbshift.db.postgres.online;

import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.KeyRange;
import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL of one change's copy, shared by chunker, copier, replayer and checksummer: both tables'
 * names, the row key on each side with its column types (bound key values are cast to them), and
 * the copy's column lists (the source read as the shadow's types hold it).
 */
final class PgKeys {

    final CopyLayout layout;
    final String table;
    final String shadow;
    final List<String> keyTypes;
    final List<String> shadowKeyTypes;

    PgKeys(Connection c, CopyLayout layout) throws SQLException {
        this.layout = layout;
        OnlineNames n = layout.names();
        this.table = PgSql.qualified(n.schema(), n.table());
        this.shadow = PgSql.qualified(n.schema(), n.shadow());
        this.keyTypes = PgInspector.types(c, n.schema(), n.table(), layout.key());
        this.shadowKeyTypes = PgInspector.types(c, n.schema(), n.shadow(), layout.shadowKey());
    }

    PgSql.Sql sourceRange(KeyRange range) {
        return PgSql.range(layout.key(), keyTypes, range, "");
    }

    PgSql.Sql shadowRange(KeyRange range) {
        return PgSql.range(layout.shadowKey(), shadowKeyTypes, range, "");
    }

    /**
     * {@code INSERT INTO shadow (...) OVERRIDING SYSTEM VALUE SELECT ... FROM table WHERE} (the condition follows): each
     * source column as it is, or through its {@code USING} expression, converted to the shadow's type by the INSERT's
     * assignment as the server's ALTER converts it. An explicit cast, which the checksum reads through, cut a value
     * too long for a shorter {@code varchar} where the ALTER fails.
     */
    String insertSelect() {
        return "INSERT INTO " + shadow + " (" + PgSql.columns(layout.mapping().shadowColumns(), "") + ") OVERRIDING SYSTEM VALUE"
                + " SELECT " + copyList(layout) + " FROM " + table + " WHERE ";
    }

    /**
     * What the copy selects for the shadow's columns, in order: each source column by its name, or its {@code USING}
     * expression, over a row of the source table (the table itself, or the sync trigger's {@code NEW} under its name).
     */
    static String copyList(CopyLayout layout) {
        List<String> select = new java.util.ArrayList<>();
        List<String> sources = layout.mapping().sourceColumns();
        for (int i = 0; i < sources.size(); i++) {
            String using = layout.usings().get(i);
            select.add(using.isEmpty() ? PgSql.quote(sources.get(i)) : "(" + using + ")");
        }
        return String.join(", ", select);
    }

    /** Copies the rows of {@code where} (a condition on the source) into the shadow. */
    int copy(Connection c, PgSql.Sql where) throws SQLException {
        return PgSql.update(c, new PgSql.Sql(insertSelect() + where.text(), where.params()));
    }

    /** The key of the {@code n}-th source row of {@code where} in key order; empty when fewer rows match. */
    java.util.Optional<List<Object>> nthKey(Connection c, PgSql.Sql where, int n) throws SQLException {
        String columns = PgSql.columns(layout.key(), "");
        List<List<Object>> r = PgSql.rows(c, new PgSql.Sql("SELECT " + columns + " FROM " + table + " WHERE " + where.text()
                + " ORDER BY " + columns + " LIMIT 1 OFFSET " + Math.max(0, n - 1), where.params()), layout.key().size());
        return r.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(r.get(0));
    }

    /** Takes shared locks on the source rows of {@code where} without waiting (lock_not_available when taken). */
    void lockSource(Connection c, PgSql.Sql where) throws SQLException {
        PgSql.rows(c, new PgSql.Sql("SELECT 1 FROM " + table + " WHERE " + where.text() + " FOR SHARE NOWAIT", where.params()), 1);
    }

    static PgSql.Sql and(PgSql.Sql a, PgSql.Sql b) {
        List<Object> params = new java.util.ArrayList<>(a.params());
        params.addAll(b.params());
        return new PgSql.Sql(a.text() + " AND " + b.text(), params);
    }
}
