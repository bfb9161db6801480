package dev.dbshift.testing.conformance;

import dev.dbshift.DbShift;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.db.Locker;
import dev.dbshift.execute.Report;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;
import dev.dbshift.testing.DatabaseUnderTest;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Database} implementation must do, checked on a real database of it: extend this class,
 * implement {@link #newDatabase()}, and run it with JUnit 5 (the in-repository vendors do, in
 * {@code dev.dbshift.db.<vendor>.*ConformanceTest}). The checks use only what the implementation says of
 * itself ({@link Database#supportsTransactionalDdl()}, {@link Database#quote}, its dialect and locker), so an
 * outside vendor needs no change here. See {@code package-info.java} for the Maven set-up.
 */
public abstract class DatabaseConformanceKit {
    private final List<DatabaseUnderTest> opened = new ArrayList<>();

    /** A fresh, empty database of the implementation under test, reachable by its JDBC URL; the kit closes it. */
    protected abstract DatabaseUnderTest newDatabase();

    private DatabaseUnderTest open() {
        DatabaseUnderTest db = newDatabase();
        opened.add(db);
        return db;
    }

    @AfterEach
    void closeDatabases() {
        try {
            opened.forEach(DatabaseUnderTest::close);
        } finally {
            opened.clear();
        }
    }

    @Test
    void theUrlFindsTheImplementation() {
        DatabaseUnderTest db = open();
        Database database = Databases.forUrl(db.url());
        assertThat(database.name()).isNotBlank();
        assertThat(database.scriptDialect()).isNotNull();
        assertThat(database.historyTypes()).isNotNull();
    }

    @Test
    void aQuotedIdentifierNamesATableTheCatalogFinds() throws Exception {
        DatabaseUnderTest db = open();
        Database database = Databases.forUrl(db.url());
        String name = "kit table \"one\"";
        try (Connection c = db.connect()) {
            String schema = database.currentSchema(c);
            assertThat(database.tableExists(c, schema, name)).isFalse();
            execute(c, "CREATE TABLE " + database.quote(name) + " (id INT)");
            assertThat(database.tableExists(c, schema, name)).isTrue();
            execute(c, "DROP TABLE " + database.quote(name));
            assertThat(database.tableExists(c, schema, name)).isFalse();
        }
    }

    /** The fact the executor trusts most: when it says DDL rolls back, a rolled back CREATE TABLE leaves nothing. */
    @Test
    void ddlRollsBackExactlyWhenTheDatabaseSaysSo() throws Exception {
        DatabaseUnderTest db = open();
        Database database = Databases.forUrl(db.url());
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            execute(c, "CREATE TABLE kit_tx (id INT)");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(database.tableExists(c, database.currentSchema(c), "kit_tx"))
                    .as("table after a rolled back CREATE TABLE, with supportsTransactionalDdl() = "
                            + database.supportsTransactionalDdl())
                    .isEqualTo(!database.supportsTransactionalDdl());
        }
    }

    @Test
    void theDialectSplitsAScriptAndTheDatabaseRunsEachStatement() throws Exception {
        DatabaseUnderTest db = open();
        Database database = Databases.forUrl(db.url());
        String script = "CREATE TABLE kit_s (id INT, note VARCHAR(20));\n-- a comment; with a semicolon\n"
                + "INSERT INTO kit_s VALUES (1, 'a;b');\nINSERT INTO kit_s VALUES (2, 'it''s');\n";
        List<SqlStatement> statements = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        try (StatementIterator it = database.scriptDialect().split(new StringReader(script), ScriptOptions.of("kit.sql"))) {
            it.forEachRemaining(s -> {
                statements.add(s);
                raw.append(s.raw());
            });
            raw.append(it.trailing());
        }
        assertThat(raw.toString()).as("the statements' raw texts give the script back").isEqualTo(script);
        assertThat(statements).hasSize(3);
        try (Connection c = db.connect()) {
            for (SqlStatement s : statements) {
                database.execute(c, s);
            }
            assertThat(query(c, "SELECT COUNT(*) FROM kit_s WHERE note IN ('a;b', 'it''s')")).isEqualTo(2);
        }
    }

    @Test
    void theLockKeepsASecondSessionOutUntilReleased() throws Exception {
        DatabaseUnderTest db = open();
        Database database = Databases.forUrl(db.url());
        try (Connection a = db.connect(); Connection b = db.connect()) {
            String lock = "dbshift:" + database.currentSchema(a) + ".kit_history";
            Locker first = database.locker(a, db::connect, lock, Duration.ofSeconds(30));
            Locker second = database.locker(b, db::connect, lock, Duration.ofSeconds(30));
            assertThat(first.lock(Duration.ofSeconds(10))).isTrue();
            assertThat(second.lock(Duration.ofMillis(500))).as("a second session while the first holds the lock").isFalse();
            first.unlock();
            assertThat(second.lock(Duration.ofSeconds(10))).as("a second session once the first released it").isTrue();
            second.unlock();
        }
    }

    @Test
    void upStatusAndDownThroughTheFacade() throws Exception {
        DatabaseUnderTest db = open();
        TestProject project = TestProject.create()
                .file("migrations/1__a.sql", "CREATE TABLE kit_a (id INT PRIMARY KEY);\nINSERT INTO kit_a VALUES (1);\n")
                .file("migrations/1__a.down.sql", "DROP TABLE kit_a;\n")
                .file("migrations/2__b.sql", "CREATE TABLE kit_b (id INT PRIMARY KEY);\n")
                .file("migrations/2__b.down.sql", "DROP TABLE kit_b;\n");
        DbShift dbshift = project.configure(db).load();
        Report up = dbshift.up();
        assertThat(up.success()).isTrue();
        assertThat(dbshift.current()).contains("2");
        assertThat(dbshift.status().pending()).isZero();
        assertThat(dbshift.down().success()).isTrue();
        assertThat(dbshift.current()).contains("1");
        assertThat(dbshift.history()).extracting(HistoryRow::operation)
                .containsExactly(Operation.APPLY, Operation.APPLY, Operation.ROLLBACK);
        assertThat(dbshift.history()).allMatch(HistoryRow::success);
        try (Connection c = db.connect()) {
            Database database = Databases.forUrl(db.url());
            assertThat(database.tableExists(c, database.currentSchema(c), "kit_b")).isFalse();
            assertThat(query(c, "SELECT COUNT(*) FROM kit_a")).isEqualTo(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
