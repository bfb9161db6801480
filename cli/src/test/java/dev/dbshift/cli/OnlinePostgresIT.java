package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static dev.dbshift.testing.Queries.count;
import static dev.dbshift.testing.Queries.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dbshift online alter} and a {@code -- dbshift:online} migration on PostgreSQL, through the
 * packaged jar: a type change (a rewrite) by the copy with the table's sequence ownership, index
 * names, comment and grants carried over; a change PostgreSQL does without a rewrite natively; a
 * foreign key refused with its reason.
 */
class OnlinePostgresIT {

    private static final String CONTENTS = "SELECT count(*), sum(amount)::text, sum(hashtext(id || '#' || coalesce(note, '-')))::text FROM items";

    @Test
    void onlineAlterCopiesNativeChangesNativelyAndRefusesForeignKeys() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            List<Object> before;
            String role = "dbs_reader_" + db.name();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE items (id BIGSERIAL PRIMARY KEY, amount NUMERIC(10,3) NOT NULL, note TEXT)");
                st.execute("CREATE INDEX items_note ON items (note)");
                st.execute("COMMENT ON TABLE items IS 'the items'");
                st.execute("DROP ROLE IF EXISTS " + role);
                st.execute("CREATE ROLE " + role);
                st.execute("GRANT SELECT ON items TO " + role);
                st.execute("INSERT INTO items (amount, note) SELECT g / 7.0, 'note ' || g FROM generate_series(1, 5000) g");
                st.execute("CREATE TABLE parent (id INT PRIMARY KEY, name TEXT)");
                st.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent (id))");
                st.execute("CREATE VIEW parent_names AS SELECT id, name FROM parent");
                before = row(st, "SELECT count(*), sum(round(amount, 2))::text, sum(hashtext(id || '#' || coalesce(note, '-')))::text FROM items");
            }
            Map<String, String> env = DbShiftProcess.env(db);
            try {
                DbShiftProcess.Result dry = DbShiftProcess.run(project.dir(), env, "online", "alter", "items",
                        "ALTER COLUMN amount TYPE NUMERIC(14,2)");
                assertThat(dry.exit()).as(dry.toString()).isZero();
                assertThat(dry.out()).contains("dry run: nothing changed").contains("copy");

                DbShiftProcess.Result run = DbShiftProcess.run(project.dir(), env, "online", "alter", "items",
                        "ALTER COLUMN amount TYPE NUMERIC(14,2)", "--execute");
                assertThat(run.exit()).as(run.toString()).isZero();
                assertThat(run.out()).contains("online copy of items: done");
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    assertThat(row(st, CONTENTS)).as("same rows, amounts as numeric(14,2) holds them").isEqualTo(before);
                    assertThat(row(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                            + " AND attname = 'amount'")).containsExactly("numeric(14,2)");
                    assertThat(row(st, "SELECT pg_get_serial_sequence('items', 'id') IS NOT NULL")).as("the sequence moved with the swap")
                            .containsExactly(true);
                    st.execute("INSERT INTO items (amount) VALUES (1)");
                    assertThat(count(st, "SELECT max(id) FROM items")).as("the serial continues").isEqualTo(5001);
                    assertThat(row(st, "SELECT string_agg(indexrelid::regclass::text, ',' ORDER BY indexrelid::regclass::text) FROM pg_index"
                            + " WHERE indrelid = 'items'::regclass")).containsExactly("items_note,items_pkey");
                    assertThat(row(st, "SELECT obj_description('items'::regclass, 'pg_class')")).containsExactly("the items");
                    assertThat(row(st, "SELECT has_table_privilege('" + role + "', 'items', 'SELECT')")).containsExactly(true);
                    assertThat(count(st, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = current_schema() AND c.relname LIKE '\\_items\\_%'")).as("shadow, change log, old table").isZero();
                    assertThat(count(st, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'items'::regclass")).isZero();
                }

                DbShiftProcess.Result nat = DbShiftProcess.run(project.dir(), env, "online", "alter", "items",
                        "ADD COLUMN flags INT NOT NULL DEFAULT 0", "--execute", "--json");
                assertThat(nat.exit()).as(nat.toString()).isZero();
                assertThat(nat.out()).contains("\"method\"").contains("\"instant\"");

                DbShiftProcess.Result refused = DbShiftProcess.run(project.dir(), env, "online", "alter", "parent",
                        "DROP COLUMN name", "--strategy", "copy", "--execute");
                assertThat(refused.exit()).as(refused.toString()).isNotZero();
                assertThat(refused.err()).contains("the view parent_names over parent cannot be carried");

                DbShiftProcess.Result carried = DbShiftProcess.run(project.dir(), env, "online", "alter", "parent",
                        "ALTER COLUMN id TYPE BIGINT", "--strategy", "copy", "--execute");
                assertThat(carried.exit()).as(carried.toString()).isZero();
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    assertThat(row(st, "SELECT confrelid::regclass::text, convalidated FROM pg_constraint WHERE contype = 'f'"
                            + " AND conrelid = 'child'::regclass")).as("the FK in follows the new table").containsExactly("parent", true);
                    assertThat(row(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'parent_names'::regclass"
                            + " AND attname = 'id'")).as("the view re-created over it").containsExactly("bigint");
                }

                DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), env, "online", "status", "--json");
                assertThat(status.exit()).as(status.toString()).isZero();
                assertThat(status.out()).contains("items").contains("\"phase\":\"done\"");
            } finally {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("DROP TABLE items");
                    st.execute("DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    /**
     * A PostgreSQL online migration whose ALTER PostgreSQL does in place, killed (SIGKILL) while the ALTER waits for its
     * lock behind an application transaction (its lock timeout ends the wait, with nobody to try again): the next
     * {@code up} says the engine's state decides (not "it ran in one transaction with its progress mark": the engine's
     * session is not the mark's), compares the table's definition with the recorded ones, finds the one before and runs
     * the ALTER once; the statements around it run once each. The native path of a migration had never run on
     * PostgreSQL: its definition query failed every time.
     */
    @Test
    void aNativeOnlineMigrationKilledWhileItWaitsForItsLockRunsOnceAfter() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__items.sql", "CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20));\n"
                + "INSERT INTO items VALUES (1, 'a');\nCREATE TABLE log (what TEXT NOT NULL);\n");
        project.file("migrations/2__extra.sql", "-- dbshift:online\nINSERT INTO log VALUES ('before');\n"
                + "ALTER TABLE items ADD COLUMN extra INT, ALTER COLUMN note TYPE VARCHAR(40);\nINSERT INTO log VALUES ('after');\n");
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            Map<String, String> env = DbShiftProcess.env(db);
            DbShiftProcess.Result first = DbShiftProcess.run(project.dir(), env, "up", "1");
            assertThat(first.exit()).as(first.toString()).isZero();
            try (Connection holder = db.connect(); Statement hold = holder.createStatement()) {
                holder.setAutoCommit(false);
                hold.execute("SELECT * FROM items"); // ACCESS SHARE until the rollback: the ALTER waits, tries again
                Process up = DbShiftProcess.builder(project.dir(), env, "up")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    boolean waiting = false;
                    while (!waiting && System.nanoTime() < deadline && up.isAlive()) {
                        Thread.sleep(50);
                        try (Connection c = db.connect(); Statement st = c.createStatement()) {
                            waiting = count(st, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                    + " AND query LIKE 'ALTER TABLE%items%ADD COLUMN extra%'") > 0;
                        }
                    }
                    assertThat(waiting).as("the native ALTER was seen waiting for its lock").isTrue();
                } finally {
                    up.destroyForcibly(); // SIGKILL
                }
                assertThat(up.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                holder.rollback();
            }
            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("an online change: the engine's state table knows whether it finished")
                    .doesNotContain("in one transaction with its progress mark").contains("online instant ALTER of items");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(row(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                        + " AND attname = 'note'")).containsExactly("character varying(40)");
                assertThat(count(st, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'extra'"))
                        .isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM log WHERE what = 'before'")).isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM log WHERE what = 'after'")).isEqualTo(1);
                assertThat(row(st, "SELECT phase FROM dbshift_online WHERE table_name = 'items'")).containsExactly("DONE");
                assertThat(count(st, "SELECT count(*) FROM dbshift_history WHERE version = '2' AND success")).isEqualTo(1);
            }
        }
    }

    @Test
    void onlineMigrationThroughUp() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__items.sql", "CREATE TABLE items (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " amount NUMERIC(10,3) NOT NULL);\nINSERT INTO items (amount) SELECT g / 3.0 FROM generate_series(1, 3000) g;\n");
        project.file("migrations/2__online.sql", "-- dbshift:online\nALTER TABLE items ALTER COLUMN amount TYPE NUMERIC(12,2);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), DbShiftProcess.env(db), "up");
            assertThat(up.exit()).as(up.toString()).isZero();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(row(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                        + " AND attname = 'amount'")).containsExactly("numeric(12,2)");
                assertThat(row(st, "SELECT count(*), sum(amount)::text FROM items")).containsExactly(3000L, "1500500.00");
                st.execute("INSERT INTO items (amount) VALUES (1)");
                assertThat(count(st, "SELECT max(id) FROM items")).as("the identity continues after the swap").isEqualTo(3001);
                assertThat(row(st, "SELECT phase FROM dbshift_online WHERE table_name = 'items'")).containsExactly("DONE");
                assertThat(count(st, "SELECT count(*) FROM dbshift_history WHERE version = '2' AND success")).isEqualTo(1);
            }
        }
    }

    /**
     * A replica named with --replica that takes the connection and never answers: the lag reading's connect waited
     * for ever on PostgreSQL, so --lag-timeout never fired and the change sat silent (seen by hand: still running after
     * 60 s with --lag-timeout 10). With connect_timeout the reading fails, the lag counts as unmeasurable, and after
     * the lag timeout the change stops fail closed, nothing swapped; the process's 120 s limit fails this test if not.
     */
    @Test
    void aSilentReplicaStopsTheChangeAfterTheLagTimeout() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES);
             dev.dbshift.testing.SilentServer replica = new dev.dbshift.testing.SilentServer()) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE items (id INT PRIMARY KEY, amount NUMERIC(10,3) NOT NULL)");
                st.execute("INSERT INTO items SELECT g, g / 7.0 FROM generate_series(1, 2000) g");
            }
            DbShiftProcess.Result run = DbShiftProcess.run(project.dir(), DbShiftProcess.env(db), "--connect-timeout", "2s",
                    "online", "alter", "items", "ALTER COLUMN amount TYPE NUMERIC(14,2)", "--execute", "--strategy", "copy",
                    "--replica", "jdbc:postgresql://127.0.0.1:" + replica.port() + "/x", "--max-lag", "1", "--lag-timeout", "3");
            assertThat(run.exit()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("replication lag of 127.0.0.1:" + replica.port() + " could not be measured for 3 s",
                    "fail closed");
            assertThat(replica.accepted()).as("the lag reading reached the silent replica").isPositive();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(row(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                        + " AND attname = 'amount'")).as("not swapped").containsExactly("numeric(10,3)");
                assertThat(row(st, "SELECT phase FROM dbshift_online WHERE table_name = 'items'")).containsExactly("ABORTED");
            }
        }
    }
}
