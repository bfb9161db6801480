package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow schema read on MariaDB names its cause when the server's {@code table_definition_cache} holds fewer tables
 * than the schema has (each catalog read then opens every table from disk again), or its {@code table_open_cache}
 * (the check constraint and foreign key reads open every table's handler again), with the setting that cures it;
 * never when the cache is large enough, and never for a fast read. The threshold is lowered to 0 ms so that a few
 * hundred tables trigger it. With more tables than {@code table_open_cache}, the read also takes a second connection
 * for the reads that open every table; its tests are here too, because they lower the same server-wide setting and
 * the tests of one class never run at once.
 */
class SlowSchemaReadIT {
    private static final List<String> ANY_READ_IS_SLOW = List.of("-Ddbshift.slowSchemaReadMs=0");

    @Test
    void moreTablesThanTheDefinitionCacheNamesTheSetting() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__one.sql", "CREATE TABLE one (id INT PRIMARY KEY);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            assertThat(DbShiftProcess.run(project.dir(), env, "up").exit()).isZero();

            DbShiftProcess.Result few = DbShiftProcess.run(ANY_READ_IS_SLOW, project.dir(), env, "status");
            assertThat(few.exit()).as(few.toString()).isZero();
            assertThat(few.err()).doesNotContain("table_definition_cache");

            long cache;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                cache = createAsManyTablesAsTheDefinitionCacheHolds(st);
            }
            long tables = cache + 1;
            DbShiftProcess.Result many = DbShiftProcess.run(ANY_READ_IS_SLOW, project.dir(), env, "status");
            assertThat(many.exit()).as(many.toString()).isZero();
            assertThat(many.err()).contains("reading the schema took ")
                    .contains("the schema has " + tables + " tables, more than the server's table_definition_cache (" + cache + ")")
                    .contains("SET GLOBAL table_definition_cache = " + ((tables + 999) / 1000 * 1000 + 1000));
            assertThat(many.out()).contains("Schema: ");

            // the default threshold: a read of a few hundred tables is not slow, and says nothing
            DbShiftProcess.Result quick = DbShiftProcess.run(project.dir(), env, "status");
            assertThat(quick.exit()).as(quick.toString()).isZero();
            assertThat(quick.err()).doesNotContain("table_definition_cache");
        }
    }

    /**
     * With fewer handlers cached than the schema has tables ({@code table_open_cache}, lowered for the moment of one
     * command and put back), the note names that setting, and only it.
     */
    @Test
    void moreTablesThanTheOpenTableCacheNamesThatSetting() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__one.sql", "CREATE TABLE one (id INT PRIMARY KEY);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement()) {
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            assertThat(DbShiftProcess.run(project.dir(), env, "up").exit()).isZero();
            for (int i = 0; i < 30; i++) {
                st.addBatch("CREATE TABLE t" + i + " (id INT PRIMARY KEY)");
            }
            st.executeBatch();
            long handlers;
            try (ResultSet rs = st.executeQuery("SELECT @@table_open_cache")) {
                rs.next();
                handlers = rs.getLong(1);
            }
            DbShiftProcess.Result many;
            try {
                st.execute("SET GLOBAL table_open_cache = 20");
                many = DbShiftProcess.run(ANY_READ_IS_SLOW, project.dir(), env, "status");
            } finally {
                st.execute("SET GLOBAL table_open_cache = " + handlers);
            }
            assertThat(many.exit()).as(many.toString()).isZero();
            // the 30 tables and the migration's (the history tables are not read)
            assertThat(many.err()).contains("the schema has 31 tables, more than the server's table_open_cache (20),"
                    + " so the check constraint and foreign key reads open every table again;"
                    + " SET GLOBAL table_open_cache = 2000 (and the same in the server's configuration file) makes this read faster")
                    .doesNotContain("table_definition_cache");
        }
    }

    /**
     * With more tables than {@code table_open_cache}, {@code status} and {@code check} read the check constraints and
     * the foreign keys' columns on a second connection beside the rest. The server's own per-user counters
     * ({@code userstat}, switched on for the test and put back) count that connection for a user of the test's own. A
     * drift in a check constraint is seen through it; a user the server allows one connection gets the same answers
     * from that one; a schema within the cache is read on one connection.
     */
    @Test
    void moreTablesThanTheOpenTableCacheReadTheConstraintsOnASecondConnection() throws Exception {
        StringBuilder tables = new StringBuilder("CREATE TABLE parent (id INT PRIMARY KEY, qty INT CHECK (qty >= 0));\n"
                + "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id));\n");
        for (int i = 0; i < 30; i++) {
            tables.append("CREATE TABLE t").append(i).append(" (id INT PRIMARY KEY, n INT, CONSTRAINT t").append(i)
                    .append("_n CHECK (n > 0));\n");
        }
        TestProject project = TestProject.create();
        project.file("migrations/1__tables.sql", tables.toString());
        String user = "beside_" + Long.toHexString(System.nanoTime());
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThat(DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), "up").exit()).isZero();
            st.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'beside-pw-1'");
            st.execute("GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'%'");
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", user, "DBSHIFT_PASSWORD", "beside-pw-1");
            long handlers;
            boolean userstat;
            try (ResultSet rs = st.executeQuery("SELECT @@table_open_cache, @@userstat")) {
                rs.next();
                handlers = rs.getLong(1);
                userstat = rs.getBoolean(2);
            }
            try {
                st.execute("SET GLOBAL userstat = 1");
                st.execute("SET GLOBAL table_open_cache = 20");

                flushStatistics(st, user);
                DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), env, "status");
                assertThat(status.exit()).as(status.toString()).isZero();
                assertThat(status.out()).contains("Schema: matches");
                assertThat(connections(st, user)).as("the command's connection and the helper").isEqualTo(2);

                st.execute("ALTER TABLE t7 DROP CONSTRAINT t7_n");
                st.execute("ALTER TABLE t7 ADD CONSTRAINT t7_n CHECK (n > 1)");
                flushStatistics(st, user);
                DbShiftProcess.Result drifted = DbShiftProcess.run(project.dir(), env, "check");
                assertThat(drifted.exit()).as(drifted.toString()).isEqualTo(3);
                assertThat(drifted.err()).contains("[drift] schema drift");
                assertThat(connections(st, user)).isEqualTo(2);

                st.execute("ALTER USER '" + user + "'@'%' WITH MAX_USER_CONNECTIONS 1");
                flushStatistics(st, user);
                DbShiftProcess.Result alone = DbShiftProcess.run(project.dir(), env, "status");
                assertThat(alone.exit()).as(alone.toString()).isZero();
                assertThat(alone.out()).contains("Schema: DRIFT");
                assertThat(connections(st, user)).as("the helper refused by the server").isEqualTo(1);

                st.execute("ALTER USER '" + user + "'@'%' WITH MAX_USER_CONNECTIONS 0");
                st.execute("SET GLOBAL table_open_cache = " + handlers);
                flushStatistics(st, user);
                DbShiftProcess.Result within = DbShiftProcess.run(project.dir(), env, "status");
                assertThat(within.exit()).as(within.toString()).isZero();
                assertThat(within.out()).contains("Schema: DRIFT");
                assertThat(connections(st, user)).as("32 tables within a table_open_cache of " + handlers).isEqualTo(1);
            } finally {
                st.execute("SET GLOBAL table_open_cache = " + handlers);
                st.execute("SET GLOBAL userstat = " + (userstat ? 1 : 0));
                st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    /**
     * The second connection must not add a way to hang. Behind a proxy that lets it connect and then never passes its
     * first query on (as one that queues work beyond its pool), {@code status} and {@code check} give it up, read its
     * part on the command's connection, and answer as without it: the same verdict, exit 0 and exit 3. Before the
     * helper was given up, both waited for it for ever.
     */
    @Test
    void aSecondConnectionThatHangsIsGivenUp() throws Exception {
        StringBuilder tables = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            tables.append("CREATE TABLE t").append(i).append(" (id INT PRIMARY KEY, n INT, CONSTRAINT t").append(i)
                    .append("_n CHECK (n > 0));\n");
        }
        TestProject project = TestProject.create();
        project.file("migrations/1__tables.sql", tables.toString());
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement();
             CuttingProxy proxy = CuttingProxy.inFrontOf(db)) {
            Map<String, String> env = Map.of("DBSHIFT_URL", proxy.url(db), "DBSHIFT_USER", db.user());
            assertThat(DbShiftProcess.run(project.dir(), env, "up").exit()).isZero();
            // the helper's first query reads the check constraints; the command's connection listed the tables before
            proxy.stallWhenSent("CHECK_CONSTRAINTS", "information_schema.TABLES");
            long handlers;
            try (ResultSet rs = st.executeQuery("SELECT @@table_open_cache")) {
                rs.next();
                handlers = rs.getLong(1);
            }
            try {
                st.execute("SET GLOBAL table_open_cache = 20");
                DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), env, "status");
                assertThat(status.exit()).as(status.toString()).isZero();
                assertThat(status.out()).contains("Schema: matches");
                assertThat(proxy.stalled()).as("the helper stalled").isEqualTo(1);

                st.execute("ALTER TABLE t7 DROP CONSTRAINT t7_n");
                st.execute("ALTER TABLE t7 ADD CONSTRAINT t7_n CHECK (n > 1)");
                DbShiftProcess.Result drifted = DbShiftProcess.run(project.dir(), env, "check");
                assertThat(drifted.exit()).as(drifted.toString()).isEqualTo(3);
                assertThat(drifted.err()).contains("[drift] schema drift");
                assertThat(proxy.stalled()).isEqualTo(2);
            } finally {
                st.execute("SET GLOBAL table_open_cache = " + handlers);
            }
        }
    }

    /**
     * Starts the server's count of {@code user}'s connections again, once the last command's connections have ended on
     * the server too: a server thread still ending after its client exited was counted after the flush (a full build
     * once counted 2 where the server allowed 1).
     */
    private static void flushStatistics(Statement st, String user) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '" + user + "'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    break;
                }
            }
            assertThat(System.nanoTime()).as("the connections of " + user + " end").isLessThan(deadline);
            Thread.sleep(20);
        }
        st.execute("FLUSH USER_STATISTICS");
    }

    /** The connections {@code user} made since the last {@code FLUSH USER_STATISTICS}, by the server's count. */
    private static long connections(Statement st, String user) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery("SELECT TOTAL_CONNECTIONS FROM information_schema.USER_STATISTICS WHERE USER = '" + user + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * A note printed while a step's progress line is open (here the schema read after the last step) takes a line of
     * its own, and the step's line is begun again: every step's "ok" ends a line that names the step. Before, the
     * note went onto the step's line and "ok" onto a line of its own (found by the migrate benchmark, which counts
     * the lines that end in "ok").
     */
    @Test
    void aNoteDuringUpLeavesEveryStepLineWhole() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__one.sql", "CREATE TABLE one (id INT PRIMARY KEY);\n")
                .file("migrations/2__two.sql", "CREATE TABLE two (id INT PRIMARY KEY);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement()) {
            createAsManyTablesAsTheDefinitionCacheHolds(st);
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            DbShiftProcess.Result up = DbShiftProcess.run(ANY_READ_IS_SLOW, project.dir(), env, "up");
            assertThat(up.exit()).as(up.toString()).isZero();
            List<String> lines = up.out().lines().toList();
            assertThat(lines).filteredOn(l -> l.startsWith("note: reading the schema took ")).isNotEmpty();
            assertThat(lines).filteredOn(l -> l.contains("ok (")).as(up.out())
                    .hasSize(2)
                    .allMatch(l -> l.matches("\\[\\d/2] applying \\d \\((one|two)\\) \\.\\.\\. ok \\(\\d+ ms\\)"));
            assertThat(lines).filteredOn(l -> l.contains("note:")).allMatch(l -> l.startsWith("note: "));
        }
    }

    /** Creates {@code table_definition_cache} tables: with one more the schema has more tables than the cache; returns the cache. */
    private static long createAsManyTablesAsTheDefinitionCacheHolds(Statement st) throws java.sql.SQLException {
        long cache;
        try (ResultSet rs = st.executeQuery("SELECT @@table_definition_cache")) {
            rs.next();
            cache = rs.getLong(1);
        }
        for (long i = 0; i < cache; i++) {
            st.addBatch("CREATE TABLE t" + i + " (id INT PRIMARY KEY)");
        }
        st.executeBatch();
        return cache;
    }
}
