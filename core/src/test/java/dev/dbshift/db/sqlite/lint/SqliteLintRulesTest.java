package dev.dbshift.db.sqlite.lint;

import dev.dbshift.db.sqlite.SqliteDatabase;
import dev.dbshift.db.sqlite.SqliteScriptDialect;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.LintStatements;
import dev.dbshift.lint.Rule;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQLite rules on SQL text, and their verdicts checked against a real SQLite file. */
@Pure
class SqliteLintRulesTest {

    private static List<Finding> lint(String sql, ServerFacts facts) {
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : LintStatements.of(new SqliteScriptDialect(), "migrations/2__t.sql", sql, true, false, true, facts)) {
            for (Rule rule : new SqliteDatabase().lintRules()) {
                out.addAll(rule.check(st));
            }
        }
        return out;
    }

    private static List<String> rules(String sql) {
        return lint(sql, ServerFacts.NONE).stream().map(Finding::rule).toList();
    }

    @Test
    void alterFormsSqliteDoesNotHaveAreErrors() {
        assertThat(rules("ALTER TABLE t ALTER COLUMN a TYPE TEXT")).containsExactly("sqlite-alter-needs-rebuild");
        assertThat(rules("ALTER TABLE main.t ADD CONSTRAINT u UNIQUE (a)")).containsExactly("sqlite-alter-needs-rebuild");
        assertThat(rules("ALTER TABLE t DROP CONSTRAINT u")).containsExactly("sqlite-alter-needs-rebuild");
        assertThat(rules("ALTER TABLE t ADD COLUMN b INTEGER UNIQUE")).containsExactly("sqlite-alter-needs-rebuild");
        assertThat(rules("ALTER TABLE t ADD b TEXT DEFAULT CURRENT_TIMESTAMP")).containsExactly("sqlite-alter-needs-rebuild");
        assertThat(rules("ALTER TABLE t ADD COLUMN b INT DEFAULT (random())")).containsExactly("sqlite-alter-needs-rebuild");
        assertThat(lint("ALTER TABLE t ADD COLUMN b INT DEFAULT (random())", ServerFacts.NONE)).singleElement()
                .satisfies(f -> assertThat(f.level()).isEqualTo(Level.ERROR))
                .satisfies(f -> assertThat(f.message()).contains("t ADD COLUMN b", "non-constant DEFAULT"));
    }

    @Test
    void whatSqliteCanDoIsNotReported() {
        assertThat(rules("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'CURRENT_TIMESTAMP' CHECK (b <> 'UNIQUE')")).isEmpty();
        assertThat(rules("ALTER TABLE t RENAME COLUMN a TO b")).isEmpty();
        assertThat(rules("ALTER TABLE t RENAME TO u")).isEmpty();
        assertThat(rules("ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0")).isEmpty();
        assertThat(rules("ALTER TABLE t DROP COLUMN a")).isEmpty();
        assertThat(rules("CREATE TABLE t (a INT NOT NULL UNIQUE, b TEXT DEFAULT CURRENT_TIMESTAMP)")).isEmpty();
    }

    @Test
    void dropColumnIsAnErrorOnlyBefore335() {
        ServerFacts old = new ServerFacts(Optional.of("3.31.1"), Map.of());
        ServerFacts current = new ServerFacts(Optional.of("3.45.1"), Map.of());
        assertThat(lint("ALTER TABLE t DROP COLUMN a", old)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("3.31.1", "3.35.0"));
        assertThat(lint("ALTER TABLE t DROP COLUMN a", current)).isEmpty();
    }

    @Test
    void notNullWithoutADefaultIsAnError() {
        assertThat(rules("ALTER TABLE t ADD COLUMN c INT NOT NULL")).containsExactly("sqlite-add-not-null-without-default");
        assertThat(rules("ALTER TABLE t ADD c INT NOT NULL DEFAULT NULL")).containsExactly("sqlite-add-not-null-without-default");
        assertThat(rules("ALTER TABLE t ADD COLUMN c INT NULL")).isEmpty();
        assertThat(rules("ALTER TABLE t ADD COLUMN c INT CHECK (c IS NOT NULL) DEFAULT 1")).isEmpty();
    }

    /** Every statement above, run on a real SQLite: a statement fails exactly when a rule reports it. */
    @Test
    void theVerdictsAreWhatSqliteDoes() throws SQLException {
        List<String> statements = List.of("ALTER TABLE t ALTER COLUMN a TYPE TEXT", "ALTER TABLE main.t ADD CONSTRAINT u UNIQUE (a)",
                "ALTER TABLE t DROP CONSTRAINT u", "ALTER TABLE t ADD COLUMN b INTEGER UNIQUE",
                "ALTER TABLE t ADD b TEXT DEFAULT CURRENT_TIMESTAMP", "ALTER TABLE t ADD COLUMN b INT DEFAULT (random())",
                "ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'CURRENT_TIMESTAMP' CHECK (b <> 'UNIQUE')",
                "ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0", "ALTER TABLE t ADD COLUMN c INT NOT NULL",
                "ALTER TABLE t ADD c INT NOT NULL DEFAULT NULL", "ALTER TABLE t ADD COLUMN c INT NULL",
                "ALTER TABLE t ADD COLUMN d INT GENERATED ALWAYS AS (a + 1) STORED", "ALTER TABLE t DROP COLUMN a",
                "ALTER TABLE t ADD COLUMN e INTEGER PRIMARY KEY");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.SQLITE);
             Connection c = DriverManager.getConnection(db.url())) {
            String version;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                version = rs.getString(1);
            }
            ServerFacts facts = new ServerFacts(Optional.of(version), Map.of());
            for (String sql : statements) {
                boolean failed;
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS t");
                    st.execute("CREATE TABLE t (a INT, x INT)");
                    st.execute("INSERT INTO t VALUES (1, 1)");
                    try {
                        st.execute(sql);
                        failed = false;
                    } catch (SQLException e) {
                        failed = true;
                    }
                }
                assertThat(lint(sql, facts)).as("%s on SQLite %s", sql, version).hasSize(failed ? 1 : 0);
            }
        }
    }
}
