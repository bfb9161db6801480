package dev.dbshift.online;

import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.dbshift.testing.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code CREATE TABLE (LIKE ... INCLUDING ALL)} leaves behind on PostgreSQL, through an online copy. Before, each
 * was gone after a change that said done: storage parameters, replica identity FULL, column privileges and UNLOGGED
 * are now carried; rules, membership of a publication, a replica identity by index and functions or columns of the
 * table's row type are refused before anything is made (the swap would drop the first two in silence: a DO INSTEAD rule
 * stops acting, logical replication stops sending the table's changes; the last stayed bound to the old table).
 */
class OnlinePostgresCarriedTest {

    @Test
    void storageParametersReplicaIdentityColumnGrantsAndUnloggedAreCarried() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE UNLOGGED TABLE t (id int PRIMARY KEY, v int, note text)");
                st.execute("INSERT INTO t SELECT g, g, 'n' FROM generate_series(1, 2000) g");
                st.execute("ALTER TABLE t SET (fillfactor = 70, autovacuum_enabled = false)");
                st.execute("ALTER TABLE t REPLICA IDENTITY FULL");
                st.execute("GRANT SELECT (id, v), UPDATE (note) ON t TO pg_monitor");
            }
            OnlineResult r = OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "t",
                    "ALTER COLUMN v TYPE bigint", OnlineConcurrentWritesTest.testOptions());
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT count(*)::text FROM t")).containsExactly("2000");
                assertThat(strings(st, "SELECT relpersistence::text || ' ' || relreplident::text || ' ' || array_to_string(reloptions, ',')"
                        + " FROM pg_class WHERE oid = 't'::regclass")).containsExactly("u f fillfactor=70,autovacuum_enabled=false");
                assertThat(strings(st, "SELECT privilege_type || ' ' || column_name FROM information_schema.column_privileges"
                        + " WHERE table_schema = current_schema() AND table_name = 't' AND grantee = 'pg_monitor' ORDER BY 1"))
                        .containsExactly("SELECT id", "SELECT v", "UPDATE note");
                assertThat(strings(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                        + " WHERE attrelid = 't'::regclass AND attname = 'v'")).containsExactly("bigint");
            }
        }
    }

    @Test
    void rulesPublicationsAndAReplicaIdentityIndexAreRefusedBeforeAnythingIsMade() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            String publication = "dbs_pub_" + db.name();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)");
                st.execute("CREATE UNIQUE INDEX t_v ON t (v)");
                st.execute("INSERT INTO t SELECT g, g FROM generate_series(1, 500) g");
                st.execute("CREATE TABLE gone (id int)");
                st.execute("CREATE RULE keep AS ON DELETE TO t DO INSTEAD INSERT INTO gone VALUES (OLD.id)");
            }
            refused(db, "t has rules [keep]");
            exec(db, "DROP RULE keep ON t");
            exec(db, "CREATE PUBLICATION " + publication + " FOR TABLE t");
            try {
                refused(db, "t is published for logical replication [" + publication + "]");
            } finally {
                exec(db, "DROP PUBLICATION " + publication);
            }
            exec(db, "ALTER TABLE t REPLICA IDENTITY USING INDEX t_v");
            refused(db, "t has REPLICA IDENTITY USING INDEX t_v");
            exec(db, "ALTER TABLE t REPLICA IDENTITY DEFAULT");
            // functions and columns of its row type: before, the swap left them on the old table, whose drop then failed
            // after the swap on every resume, and a call with the new table's rows found no function
            exec(db, "CREATE FUNCTION " + db.name() + ".plus(r " + db.name() + ".t) RETURNS int LANGUAGE sql AS 'SELECT r.v + 1'");
            exec(db, "CREATE TABLE snap (x t[])");
            exec(db, "CREATE VIEW whole AS SELECT t FROM t");
            refused(db, "t's row type is used by [column x of table snap, function plus(t)]");
            exec(db, "DROP FUNCTION " + db.name() + ".plus");
            exec(db, "DROP TABLE snap");
            // bound to the table itself: a BEGIN ATOMIC body and another table's policy read the old table after the swap
            exec(db, "CREATE FUNCTION " + db.name() + ".counted() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t; END");
            exec(db, "CREATE TABLE other (id int)");
            exec(db, "CREATE POLICY seen ON other USING (EXISTS (SELECT 1 FROM t WHERE t.id = other.id))");
            refused(db, "[function counted(), policy seen on table other] read t by its identity");
            exec(db, "DROP FUNCTION " + db.name() + ".counted");
            exec(db, "DROP POLICY seen ON other");
            exec(db, "CREATE RULE copied AS ON INSERT TO other DO ALSO INSERT INTO t VALUES (NEW.id + 1000, 0)");
            refused(db, "rules on [other] read or write t by its identity");
            exec(db, "DROP TABLE other");
            // a partitioned table's key into it: the swap failed on adding it again, after the whole copy
            exec(db, "CREATE TABLE ev (id int, t_id int REFERENCES t (id), at date) PARTITION BY RANGE (at)");
            exec(db, "CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            exec(db, "INSERT INTO ev SELECT g, g, '2024-06-01' FROM generate_series(1, 10) g");
            refused(db, "the foreign keys [ev.ev_t_id_fkey] of partitioned tables reference t");
            exec(db, "DROP TABLE ev");
            assertThat(OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "t", "ALTER COLUMN v TYPE bigint",
                    OnlineConcurrentWritesTest.testOptions()).outcome()).isEqualTo(Phase.DONE);
        }
    }

    private static void refused(TestDatabase db, String why) throws SQLException {
        assertThatThrownBy(() -> OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "t",
                "ALTER COLUMN v TYPE bigint", OnlineConcurrentWritesTest.testOptions()))
                .isInstanceOf(OnlineException.class).hasMessageContaining(why);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThat(strings(st, "SELECT relname::text FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
                    + " AND relname LIKE '\\_t\\_%'")).as(why).isEmpty();
            assertThat(strings(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 't'::regclass AND attname = 'v'")).as(why).containsExactly("integer");
        }
    }

    private static void exec(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
