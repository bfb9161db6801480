package dev.dbshift.online;

import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PostgreSQL copy carries what refers to the table across the swap: {@code orders} references
 * {@code customers} (FK out), {@code order_lines} references {@code orders} (FK in, ON DELETE
 * CASCADE, DEFERRABLE), a security_barrier view over it and a WITH CHECK OPTION view over that
 * view; a writer inserts orders and their lines all along. Afterwards both keys are validated and
 * bound to the new table, the views read the new column type with their options, owner comment
 * and grant; a SIGKILL after the swap, before the validation, is finished by resume.
 */
class OnlinePostgresDependentsTest {

    private static final String SPEC = "ALTER COLUMN amount TYPE NUMERIC(14,2)";

    @Test
    void foreignKeysAndViewsFollowTheNewTableUnderWrites() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            setUp(db);
            Writer writer = new Writer(db);
            writer.start();
            OnlineResult r;
            try {
                r = OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "orders", SPEC,
                        OnlineConcurrentWritesTest.testOptions());
                Thread.sleep(200);
            } finally {
                writer.stop();
            }
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertThat(writer.errors).isEmpty();
            assertThat(writer.done.get()).isPositive();
            assertCarried(db, writer.done.get());
        }
    }

    @Test
    void killedBetweenSwapAndValidationThenResumed() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            setUp(db);
            Process child = new ProcessBuilder(OnlineCrashResumeTest.java(), "-cp", System.getProperty("java.class.path"),
                    OnlineFreezeChild.class.getName(), db.url(), db.user(), db.name(), "orders", SPEC, Phase.CLEANUP.name(), "1")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("FROZEN")) {
                System.out.println(line);
            }
            assertThat(line).as("the engine froze after the swap").isEqualTo("FROZEN");
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(OnlineCrashResumeTest.state(db, "orders").phase()).isEqualTo(Phase.CLEANUP);
            try (Connection c = db.connect()) {
                assertThat(strings(c, "SELECT conname || ' ' || convalidated FROM pg_constraint WHERE contype = 'f'"
                        + " AND connamespace = current_schema()::regnamespace AND conrelid <> '_orders_old'::regclass ORDER BY 1"))
                        .as("swapped, not validated yet").containsExactly("order_lines_order_fk false", "orders_customer_fk false");
            }
            OnlineResult r = new OnlineMigrator(new PostgresOnlineChange(), db::connect, OnlineConcurrentWritesTest.testOptions(), null)
                    .resume(db.name(), "orders");
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertCarried(db, 0);
        }
    }

    @Test
    void aViewThatCannotBeCarriedIsRefusedInPreflightByName() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            setUp(db);
            assertThatThrownBy(() -> OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "orders",
                    "DROP COLUMN amount", OnlineConcurrentWritesTest.testOptions()))
                    .isInstanceOf(OnlineException.class).hasMessageContaining("the view v_orders over orders cannot be carried")
                    .hasMessageContaining("amount");
            try (Connection c = db.connect()) {
                assertThat(strings(c, "SELECT nspname FROM pg_namespace WHERE nspname LIKE '%views%'")).isEmpty();
                assertThat(strings(c, "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
                        + " AND relkind = 'r' AND relname LIKE '\\_%' ORDER BY 1")).isEmpty();
            }
        }
    }

    private static void setUp(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : List.of(
                    "CREATE TABLE customers (id INT PRIMARY KEY)",
                    "INSERT INTO customers SELECT g FROM generate_series(1, 20) g",
                    "CREATE TABLE orders (id INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, customer INT NOT NULL"
                            + " DEFAULT 1 CONSTRAINT orders_customer_fk REFERENCES customers (id), amount NUMERIC(10,2) NOT NULL)",
                    "CREATE TABLE order_lines (id SERIAL PRIMARY KEY, order_id INT NOT NULL CONSTRAINT order_lines_order_fk"
                            + " REFERENCES orders (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, qty INT NOT NULL)",
                    "COMMENT ON CONSTRAINT order_lines_order_fk ON order_lines IS 'lines of an order'",
                    "INSERT INTO orders (customer, amount) SELECT 1 + g % 20, g % 100 FROM generate_series(1, 2000) g",
                    "INSERT INTO order_lines (order_id, qty) SELECT id, 1 FROM orders",
                    "CREATE VIEW v_orders WITH (security_barrier) AS SELECT id, customer, amount FROM orders",
                    "CREATE VIEW v_big AS SELECT id, amount FROM v_orders WHERE amount > 50 WITH CHECK OPTION",
                    "COMMENT ON VIEW v_big IS 'the big orders'",
                    "GRANT SELECT ON v_big TO PUBLIC")) {
                st.execute(s);
            }
        }
    }

    private static void assertCarried(TestDatabase db, int written) throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(strings(c, "SELECT conname || ' ' || conrelid::regclass || ' -> ' || confrelid::regclass || ' '"
                    + " || convalidated || ' ' || confdeltype::text || ' ' || condeferrable || ' ' || condeferred"
                    + " || ' ' || coalesce(obj_description(oid, 'pg_constraint'), '-')"
                    + " FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1"))
                    .containsExactly("order_lines_order_fk order_lines -> orders true c true true lines of an order",
                            "orders_customer_fk orders -> customers true a false false -");
            assertThat(strings(c, "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
                    + " AND relkind = 'r' AND relname LIKE '\\_orders%'")).as("no table left of the change").isEmpty();
            assertThat(strings(c, "SELECT c.relname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '"
                    + " || coalesce(array_to_string(c.reloptions, ','), '-') || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '-')"
                    + " || ' ' || has_table_privilege('public', c.oid, 'SELECT') FROM pg_class c JOIN pg_attribute a"
                    + " ON a.attrelid = c.oid AND a.attname = 'amount' WHERE c.relname IN ('orders', 'v_orders', 'v_big')"
                    + " AND c.relnamespace = current_schema()::regnamespace ORDER BY 1"))
                    .containsExactly("orders numeric(14,2) - - false",
                            "v_big numeric(14,2) check_option=cascaded the big orders true",
                            "v_orders numeric(14,2) security_barrier=true - false");
            assertThat(strings(c, "SELECT (SELECT count(*) FROM v_orders) - (SELECT count(*) FROM orders)")).containsExactly("0");
            assertThat(strings(c, "SELECT (SELECT count(*) FROM v_big) - (SELECT count(*) FROM orders WHERE amount > 50)"))
                    .containsExactly("0");
            assertThat(strings(c, "SELECT count(*) - " + (2000 + written) + " FROM order_lines l JOIN orders o ON o.id = l.order_id"))
                    .containsExactly("0");
            assertThatThrownBy(() -> strings(c, "INSERT INTO order_lines (order_id, qty) VALUES (-1, 1) RETURNING id"))
                    .as("the FK in is enforced").hasMessageContaining("order_lines_order_fk");
            assertThatThrownBy(() -> strings(c, "INSERT INTO orders (customer, amount) VALUES (-1, 1) RETURNING id"))
                    .as("the FK out is enforced").hasMessageContaining("orders_customer_fk");
            assertThatThrownBy(() -> strings(c, "INSERT INTO v_big (id, amount) VALUES (-5, 1) RETURNING id"))
                    .as("the check option is kept").hasMessageContaining("v_big");
            strings(c, "DELETE FROM orders WHERE id = 1 RETURNING id");
            assertThat(strings(c, "SELECT count(*) FROM order_lines WHERE order_id = 1")).as("ON DELETE CASCADE").containsExactly("0");
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Inserts an order and its line in one transaction, again and again. */
    private static final class Writer {
        final List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger done = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Writer(TestDatabase db) {
            thread = new Thread(() -> {
                try (Connection c = db.connect()) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        try (PreparedStatement o = c.prepareStatement("INSERT INTO orders (customer, amount) VALUES (?, ?) RETURNING id");
                             PreparedStatement l = c.prepareStatement("INSERT INTO order_lines (order_id, qty) VALUES (?, 2)")) {
                            o.setInt(1, 1 + ThreadLocalRandom.current().nextInt(20));
                            o.setBigDecimal(2, java.math.BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(10_000), 2));
                            try (ResultSet rs = o.executeQuery()) {
                                rs.next();
                                l.setInt(1, rs.getInt(1));
                            }
                            l.executeUpdate();
                            c.commit();
                            done.incrementAndGet();
                        }
                        Thread.sleep(2);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
        }
    }
}
