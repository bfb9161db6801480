package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the vendor-neutral online tests need of each vendor: its engine, the proof table's DDL, the
 * proof change in its dialect and the query that finds what a change left behind.
 */
enum OnlineVendor {
    MARIADB(TestDatabase.Vendor.MARIADB),
    POSTGRES(TestDatabase.Vendor.POSTGRES);

    final TestDatabase.Vendor vendor;

    OnlineVendor(TestDatabase.Vendor vendor) {
        this.vendor = vendor;
    }

    static OnlineVendor of(TestDatabase db) {
        return db.vendor() == TestDatabase.Vendor.POSTGRES ? POSTGRES : MARIADB;
    }

    TestDatabase create() {
        return TestDatabase.create(vendor);
    }

    OnlineChange engine() {
        return this == POSTGRES ? new PostgresOnlineChange() : new MySqlOnlineChange();
    }

    /** {@code items}: a bigserial key on PostgreSQL (its sequence's owner must move with the swap). */
    List<String> itemsDdl() {
        return this == POSTGRES
                ? List.of("CREATE TABLE items (id BIGSERIAL PRIMARY KEY, grp INT NOT NULL, name VARCHAR(40) NULL,"
                        + " amount NUMERIC(10,2) NOT NULL, note VARCHAR(100) NULL)", "CREATE INDEX idx_grp ON items (grp)")
                : List.of(WriterLoad.TABLE_DDL);
    }

    /** Adds a column, changes a type (rewrite on PostgreSQL) and renames a column that keeps its data. */
    String spec() {
        return this == POSTGRES
                ? "ADD COLUMN flags INT NOT NULL DEFAULT 0, ALTER COLUMN amount TYPE NUMERIC(12,3), RENAME COLUMN note TO remark"
                : OnlineConcurrentWritesTest.SPEC;
    }

    /** Tables, triggers (and on PostgreSQL trigger functions) other than items and the state table. */
    List<String> leftovers(Connection c, String schema) throws SQLException {
        String sql = this == POSTGRES
                ? "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema
                + "' AND c.relkind = 'r' AND c.relname NOT IN ('items', 'dbshift_online') UNION ALL SELECT t.tgname FROM pg_trigger t"
                + " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema
                + "' AND NOT t.tgisinternal UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = '" + schema + "'"
                : "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + schema
                + "' AND TABLE_NAME NOT IN ('items', 'dbshift_online') UNION ALL "
                + "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + schema + "'";
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Column names of a table, in order. */
    static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }
}
