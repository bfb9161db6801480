package dev.dbshift.db.mysql.online;

import dev.dbshift.online.OnlineException;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.dbshift.db.mysql.online.OnlineFixture.rows;
import static dev.dbshift.db.mysql.online.OnlineFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The swap on MariaDB: the shadow becomes the table and the table becomes {@code _t_old}, in one
 * step no reader sees half of; while a transaction holds the table the swap does not queue behind
 * it but fails after its attempts, leaving both tables as they were.
 */
class CutOverTest {

    /** The swap of MySQL/MariaDB does not look at the change. */
    private static final dev.dbshift.online.AlterSpec ANY_CHANGE = dev.dbshift.online.AlterSpec.parse("FORCE", java.util.Map.of());

    @Test
    void theSwapIsAtomicForReadersAndLeavesTheOldTable() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect()) {
            OnlineFixture f = new OnlineFixture(c, db.name());
            sql(c, "INSERT INTO t VALUES (1, 'old'), (2, 'old')");
            sql(c, "INSERT INTO " + f.names.shadow() + " VALUES (1, 'new'), (2, 'new')");

            AtomicBoolean stop = new AtomicBoolean();
            List<String> seen = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (Connection r = db.connect(); Statement st = r.createStatement()) {
                    while (!stop.get()) {
                        try (ResultSet rs = st.executeQuery("SELECT GROUP_CONCAT(DISTINCT v) FROM t")) {
                            rs.next();
                            seen.add(rs.getString(1));
                        }
                    }
                } catch (SQLException e) {
                    errors.add(e);
                }
            });
            reader.start();
            awaitReads(seen, 20, errors);
            int attempts = f.engine.swap(db::connect, c, f.names, 200, ANY_CHANGE);
            awaitReads(seen, seen.size() + 20, errors);
            stop.set(true);
            reader.join(10_000);

            assertThat(attempts).isPositive();
            assertThat(errors).as("a reader never finds the table missing").isEmpty();
            assertThat(seen).containsOnly("old", "new");
            assertThat(seen.indexOf("new")).isGreaterThan(seen.lastIndexOf("old")); // once new, never old again
            assertThat(rows(c, "t")).containsExactly("1=new", "2=new");
            assertThat(rows(c, f.names.old())).containsExactly("1=old", "2=old");
            assertThat(tableExists(c, db.name(), f.names.shadow())).isFalse();
        }
    }

    @Test
    void aTransactionHoldingTheTableMakesTheSwapFailWithoutChangingAnything() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Connection app = db.connect()) {
            OnlineFixture f = new OnlineFixture(c, db.name());
            sql(c, "INSERT INTO t VALUES (1, 'old')");
            sql(c, "INSERT INTO " + f.names.shadow() + " VALUES (1, 'new')");
            app.setAutoCommit(false);
            sql(app, "SELECT * FROM t"); // holds t's metadata lock until the transaction ends
            sql(c, "SET SESSION lock_wait_timeout = 2"); // a swap that queued would wait 2 s per attempt, not forever

            long start = System.nanoTime();
            assertThatThrownBy(() -> f.engine.swap(db::connect, c, f.names, 3, ANY_CHANGE)).isInstanceOf(OnlineException.class)
                    .hasMessageContaining("the swap did not get its lock after 3 attempts");
            assertThat(System.nanoTime() - start).as("NOWAIT tries do not queue").isLessThan(5_000_000_000L);
            assertThat(rows(c, "t")).containsExactly("1=old");
            assertThat(rows(c, f.names.shadow())).containsExactly("1=new");
            assertThat(tableExists(c, db.name(), f.names.old())).isFalse();

            app.commit();
            f.engine.swap(db::connect, c, f.names, 3, ANY_CHANGE);
            assertThat(rows(c, "t")).containsExactly("1=new");
            assertThat(rows(c, f.names.old())).containsExactly("1=old");
        }
    }

    /** Until the reader has read {@code n} times, failed, or 10 s passed. */
    private static void awaitReads(List<String> seen, int n, List<Throwable> errors) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (seen.size() < n && errors.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        return new MySqlOnlineChange().inspector(c).tableExists(schema, table);
    }
}
