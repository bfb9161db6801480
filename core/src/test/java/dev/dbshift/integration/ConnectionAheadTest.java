package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.session.ConnectionAhead;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The connection the command line opens ahead (session/ConnectionAhead), seen from the server: the command's connect
 * gets that very session and opens no other; a command aimed elsewhere, or with other credentials, connects itself and
 * the one opened ahead is closed; a failed attempt is the command's only attempt; nothing is opened for an embedded
 * database or for settings that cannot be read.
 */
class ConnectionAheadTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n");
    private final String tag = "ahead_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @AfterEach
    void discard() {
        ConnectionAhead.discard();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Vendor.class, names = {"POSTGRES", "MARIADB"})
    void theCommandGetsTheSessionOpenedAheadAndOpensNoOther(TestDatabase.Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        DbShift shift = shift(tagged(db), null);
        ConnectionAhead.start(shift::settings);
        long ahead = awaitOne(db);
        try (Connection c = shift.connect()) {
            assertThat(sessionId(c, vendor)).as("the command's connection is the session opened ahead").isEqualTo(ahead);
            assertThat(sessions(db)).as("and no second one").containsExactly(ahead);
        }
        assertThat(shift.status().pending()).as("a command after it connects as before").isEqualTo(1);
    }

    @Test
    void anotherPasswordOrTargetConnectsItselfAndTheSessionOpenedAheadIsClosed() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.POSTGRES);
        ConnectionAhead.start(shift(tagged(db), null)::settings);
        long ahead = awaitOne(db);
        // PostgreSQL here trusts every password: only dbshift's comparison keeps the two apart
        try (Connection c = shift(tagged(db), "other").connect()) {
            assertThat(sessionId(c, TestDatabase.Vendor.POSTGRES)).isNotEqualTo(ahead);
        }
        try (Connection c = shift(db.url(), null).connect()) {
            assertThat(sessionId(c, TestDatabase.Vendor.POSTGRES)).isNotEqualTo(ahead);
        }
        assertThat(sessions(db)).as("still there, not taken").containsExactly(ahead);
        ConnectionAhead.discard();
        awaitNone(db);
    }

    @Test
    void aFailedAttemptAheadIsTheCommandsOnlyAttempt() {
        String nowhere = TestDatabase.PG_SERVER.replaceFirst("/[^/?]*(\\?.*)?$", "/" + tag + "_missing");
        DbShift shift = shift(nowhere, null);
        ConnectionAhead.start(shift::settings);
        SQLException e = catchThrowableOfType(shift::connect, SQLException.class);
        assertThat(e.getMessage()).contains(tag + "_missing");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("made on the thread that connected ahead, not again").contains("ConnectionAhead.open");

        ConnectionAhead.start(shift::settings);
        DbShiftException status = catchThrowableOfType(shift::status, DbShiftException.class);
        assertThat(status.exitCode()).isEqualTo(DbShiftException.UNREACHABLE);
        assertThat(status.getMessage()).contains("cannot connect to").contains(tag + "_missing");
    }

    @Test
    void nothingIsOpenedAheadForAnEmbeddedDatabase(@TempDir Path dir) throws Exception {
        DbShift shift = shift("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), null);
        ConnectionAhead.start(shift::settings);
        Thread.sleep(500);
        assertThat(dir.resolve("db.mv.db")).as("not made by the guess").doesNotExist();
        assertThat(shift.status().pending()).isEqualTo(1);
    }

    @Test
    void settingsThatCannotBeReadOpenNothingAndTheCommandConnectsItself() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.MARIADB);
        ConnectionAhead.start(() -> {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "dbshift.toml: unreadable");
        });
        DbShift shift = shift(db.url(), null);
        try (Connection c = shift.connect()) {
            assertThat(c.isValid(5)).isTrue();
            assertThat(sessions(db)).containsExactly(sessionId(c, TestDatabase.Vendor.MARIADB));
        }
    }

    private DbShift shift(String url, String password) {
        return DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).url(url).user(
                url.startsWith("jdbc:h2:") ? "sa" : url.startsWith("jdbc:mariadb:") ? TestDatabase.MARIADB_USER : TestDatabase.PG_USER)
                .password(password).load();
    }

    /** PostgreSQL: the test's URL with an application name only this test's sessions carry; MariaDB: its own database. */
    private String tagged(TestDatabase db) {
        return db.vendor() == TestDatabase.Vendor.POSTGRES ? db.url() + "&ApplicationName=" + tag : db.url();
    }

    /** The sessions this test opened through dbshift, as the server lists them. */
    private List<Long> sessions(TestDatabase db) throws SQLException {
        boolean pg = db.vendor() == TestDatabase.Vendor.POSTGRES;
        String sql = pg ? "SELECT pid FROM pg_stat_activity WHERE application_name = ?"
                : "SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()";
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg ? TestDatabase.PG_SERVER : TestDatabase.MARIADB_SERVER, db.user(), "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, pg ? tag : db.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private long awaitOne(TestDatabase db) throws Exception {
        for (int i = 0; i < 200; i++) {
            List<Long> ids = sessions(db);
            if (!ids.isEmpty()) {
                assertThat(ids).hasSize(1);
                return ids.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no session was opened ahead in 10 s");
    }

    private void awaitNone(TestDatabase db) throws Exception {
        for (int i = 0; i < 200 && !sessions(db).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(sessions(db)).as("the session opened ahead is closed").isEmpty();
    }

    private static long sessionId(Connection c, TestDatabase.Vendor vendor) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(vendor == TestDatabase.Vendor.POSTGRES ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
