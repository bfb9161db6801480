package dev.dbshift.db.mysql.online;

import dev.dbshift.online.EngineSql;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static dev.dbshift.db.mysql.online.OnlineFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An engine transaction that keeps losing its lock conflict gives up with an error that says what the engine was doing
 * and which transaction held the lock: the session a DBA would look for in {@code INNODB_TRX}, with its {@code KILL}.
 */
class LockRetryTest {

    @Test
    void givingUpNamesWhatTheEngineDidAndTheTransactionThatHeldTheLock() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Connection app = db.connect(); Connection engine = db.connect()) {
            sql(c, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            sql(c, "INSERT INTO t VALUES (1, 'a')");
            app.setAutoCommit(false);
            long holder;
            try (Statement st = app.createStatement()) {
                st.execute("UPDATE t SET v = 'b' WHERE id = 1");
                var rs = st.executeQuery("SELECT CONNECTION_ID()");
                rs.next();
                holder = rs.getLong(1);
            }
            engine.setAutoCommit(false);
            sql(engine, "SET SESSION innodb_lock_wait_timeout = 0");

            SQLException e = catchThrowableOfType(SQLException.class, () -> new LockRetry(3, "copying a chunk").run(engine,
                    () -> EngineSql.update(engine, "UPDATE t SET v = 'c' WHERE id = 1", List.of())));

            assertThat(LockRetry.isLockConflict(e)).as("still a lock conflict for the callers").isTrue();
            assertThat(e.getMessage()).contains("Lock wait timeout").contains("copying a chunk: gave up after 3 tries")
                    .contains("connection " + holder + " (a transaction open ").contains("row locks)")
                    .contains("idle (Sleep)").contains("ended by KILL " + holder);
            app.rollback();
            assertThat(new LockRetry(3, "copying a chunk").run(engine,
                    () -> EngineSql.update(engine, "UPDATE t SET v = 'c' WHERE id = 1", List.of()))).isEqualTo(1);
        }
    }
}
