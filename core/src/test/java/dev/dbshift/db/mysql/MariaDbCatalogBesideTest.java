package dev.dbshift.db.mysql;

import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.TableFilter;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On MariaDB, a schema read with more tables than the server's {@code table_open_cache} reads the check constraints and
 * the foreign keys' columns on a second connection beside the rest. It must read exactly what one connection reads,
 * close what it opened, and leave the read to the caller's connection whenever the helper cannot do its part. The
 * connections are the server's own, wrapped only to see which of them ran which query.
 */
class MariaDbCatalogBesideTest {
    private static TestDatabase db;

    @BeforeAll
    static void schema() throws SQLException {
        db = TestDatabase.create(Vendor.MARIADB);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id INT, code CHAR(3), name VARCHAR(50) CHECK (name <> ''),"
                    + " PRIMARY KEY (id, code), CONSTRAINT parent_code CHECK (code REGEXP '^[A-Z]+$'), KEY parent_name (name DESC))");
            st.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, parent_code CHAR(3), qty INT CHECK (qty >= 0),"
                    + " note TEXT, FULLTEXT KEY child_note (note),"
                    + " CONSTRAINT child_parent FOREIGN KEY (parent_id, parent_code) REFERENCES parent (id, code) ON DELETE CASCADE)");
            st.execute("CREATE TABLE plain (id INT PRIMARY KEY)");
            st.execute("CREATE VIEW parents AS SELECT id, name FROM parent");
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void theHelperReadsTheConstraintsAndTheModelIsTheOneConnectionsRead() throws Exception {
        try (Connection c = db.connect()) {
            SchemaModel alone = new MySqlSchemaReader().read(c, db.name(), TableFilter.everything());
            assertThat(alone.tables()).hasSize(3);
            assertThat(alone.tables().stream().flatMap(t -> t.checks().stream()).toList()).hasSize(3);
            assertThat(alone.tables().stream().flatMap(t -> t.foreignKeys().stream()).toList()).hasSize(1);

            List<String> callers = new CopyOnWriteArrayList<>();
            List<String> helpers = new CopyOnWriteArrayList<>();
            AtomicInteger opened = new AtomicInteger();
            AtomicInteger closed = new AtomicInteger();
            ConnectionFactory helper = () -> {
                opened.incrementAndGet();
                return watched(db.connect(), helpers, closed);
            };
            SchemaModel beside = new MySqlSchemaReader(helper, 0).read(watched(c, callers, new AtomicInteger()), db.name(),
                    TableFilter.everything());

            assertThat(beside).isEqualTo(alone);
            assertThat(beside.checksum()).isEqualTo(alone.checksum());
            assertThat(opened).hasValue(1);
            assertThat(closed).hasValue(1);
            assertThat(helpers).anyMatch(sql -> sql.contains("CHECK_CONSTRAINTS")).anyMatch(sql -> sql.contains("KEY_COLUMN_USAGE"));
            assertThat(callers).noneMatch(sql -> sql.contains("CHECK_CONSTRAINTS") || sql.contains("KEY_COLUMN_USAGE"))
                    .anyMatch(sql -> sql.contains("STATISTICS"));
        }
    }

    @Test
    void aHelperThatCannotConnectOrFailsLeavesTheReadToTheCallersConnection() throws Exception {
        try (Connection c = db.connect()) {
            SchemaModel alone = new MySqlSchemaReader().read(c, db.name(), TableFilter.everything());

            List<String> callers = new CopyOnWriteArrayList<>();
            ConnectionFactory refused = () -> {
                throw new SQLException("Too many connections", "08004", 1040);
            };
            assertThat(new MySqlSchemaReader(refused, 0).read(watched(c, callers, new AtomicInteger()), db.name(),
                    TableFilter.everything())).isEqualTo(alone);
            assertThat(callers).anyMatch(sql -> sql.contains("CHECK_CONSTRAINTS")).anyMatch(sql -> sql.contains("KEY_COLUMN_USAGE"));

            // a helper whose connection is gone before its first query (killed, cut) fails there
            callers.clear();
            ConnectionFactory cut = () -> {
                Connection gone = db.connect();
                gone.close();
                return gone;
            };
            assertThat(new MySqlSchemaReader(cut, 0).read(watched(c, callers, new AtomicInteger()), db.name(),
                    TableFilter.everything())).isEqualTo(alone);
            assertThat(callers).anyMatch(sql -> sql.contains("CHECK_CONSTRAINTS"));
        }
    }

    @Test
    @Timeout(120)
    void aHelperThatHangsIsGivenUpAndTheCallersConnectionReadsItsPart() throws Exception {
        try (Connection c = db.connect()) {
            SchemaModel alone = new MySqlSchemaReader().read(c, db.name(), TableFilter.everything());

            // connecting never ends: a proxy that queues connections beyond its pool
            List<String> callers = new CopyOnWriteArrayList<>();
            CountDownLatch never = new CountDownLatch(1);
            ConnectionFactory queued = () -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new SQLException("let go");
            };
            try {
                assertThat(new MySqlSchemaReader(queued, 0).read(watched(c, callers, new AtomicInteger()), db.name(),
                        TableFilter.everything())).isEqualTo(alone);
            } finally {
                never.countDown();
            }
            assertThat(callers).anyMatch(sql -> sql.contains("CHECK_CONSTRAINTS")).anyMatch(sql -> sql.contains("KEY_COLUMN_USAGE"));

            // connected, and its first query never answers: the server itself is made to stall on that connection
            callers.clear();
            String stall = "DO SLEEP(600) /* " + db.name() + " helper stalled */";
            List<Connection> opened = new CopyOnWriteArrayList<>();
            ConnectionFactory stalled = () -> {
                Connection real = db.connect();
                opened.add(real);
                return stalling(real, stall);
            };
            assertThat(new MySqlSchemaReader(stalled, 0).read(watched(c, callers, new AtomicInteger()), db.name(),
                    TableFilter.everything())).isEqualTo(alone);
            assertThat(callers).anyMatch(sql -> sql.contains("CHECK_CONSTRAINTS")).anyMatch(sql -> sql.contains("KEY_COLUMN_USAGE"));
            assertThat(opened).hasSize(1);
            // nothing is left behind: the helper's connection is aborted and the server ends its statement
            long stalledOnServer = -1;
            for (int i = 0; i < 300 && stalledOnServer != 0; i++) {
                Thread.sleep(100);
                try (Statement st = c.createStatement(); var rs = st.executeQuery(
                        "select count(*) from information_schema.PROCESSLIST where INFO = '" + stall + "'")) {
                    rs.next();
                    stalledOnServer = rs.getLong(1);
                }
            }
            assertThat(stalledOnServer).as("the stalled helper's statement still running on the server").isZero();
            assertThat(opened.get(0).isClosed()).isTrue();
        }
    }

    @Test
    void aSchemaWithinTheServersTableCacheIsReadOnOneConnection() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        try (Connection c = db.connect()) {
            SchemaModel alone = new MySqlSchemaReader().read(c, db.name(), TableFilter.everything());
            SchemaModel read = new MySqlDatabase().schemaReader(() -> {
                opened.incrementAndGet();
                return db.connect();
            }).orElseThrow().read(c, db.name(), TableFilter.everything());
            assertThat(read).isEqualTo(alone);
        }
        assertThat(opened).as("4 tables against a table_open_cache of at least 1").hasValue(0);
    }

    /** {@code real}, which runs {@code stall} on the server before each statement it prepares: the first never returns. */
    private static Connection stalling(Connection real, String stall) {
        return (Connection) Proxy.newProxyInstance(MariaDbCatalogBesideTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")) {
                        try (Statement st = real.createStatement()) {
                            st.execute(stall);
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** {@code real}, noting the SQL of every statement it prepares, and counting its close. */
    private static Connection watched(Connection real, List<String> sql, AtomicInteger closes) {
        return (Connection) Proxy.newProxyInstance(MariaDbCatalogBesideTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String s) {
                        sql.add(s);
                    }
                    if (method.getName().equals("close")) {
                        closes.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
