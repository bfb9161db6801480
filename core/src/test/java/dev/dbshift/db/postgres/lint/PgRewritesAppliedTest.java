package dev.dbshift.db.postgres.lint;

import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.lint.Fixer;
import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts rewritten by {@code lint --fix} run on the real PostgreSQL through the facade, and do what they said. */
class PgRewritesAppliedTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create();

    private static Fixer.Result fix(String text) {
        return new Fixer(PostgresLintRules.all()).fix(new PostgresScriptDialect(), PgRewritesTest.SCRIPT, text,
                PgRewritesTest.lint(text), true, ServerFacts.NONE);
    }

    @Test
    void theFixedMigrationsApply() throws SQLException {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        Fixer.Result index = fix("-- look accounts up by email\nCREATE INDEX ix_accounts_email ON accounts (email);\n");
        Fixer.Result drop = fix("DROP INDEX ix_accounts_old;\n");
        Fixer.Result check = fix("ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);\n"
                + "ALTER TABLE accounts ADD CONSTRAINT owner_fk FOREIGN KEY (owner_id) REFERENCES people (id);\n");
        assertThat(index.fixed()).extracting(f -> f.rule()).contains("pg-index-not-concurrent", "pg-lock-timeout");
        assertThat(drop.fixed()).extracting(f -> f.rule()).contains("pg-drop-index-not-concurrent");
        assertThat(check.fixed()).extracting(f -> f.rule()).contains("pg-constraint-not-valid");
        project.file("migrations/1__accounts.sql", "CREATE TABLE people (id bigint PRIMARY KEY);\n"
                        + "CREATE TABLE accounts (id bigint PRIMARY KEY, email text, balance int, owner_id bigint);\n"
                        + "CREATE INDEX ix_accounts_old ON accounts (balance);\n"
                        + "INSERT INTO people VALUES (1);\n"
                        + "INSERT INTO accounts SELECT g, 'u' || g || '@example.com', g, 1 FROM generate_series(1, 500) g;\n")
                .file("migrations/2__index_email.sql", index.text())
                .file("migrations/3__drop_old.sql", drop.text())
                .file("migrations/4__checks.sql", check.text())
                .file("migrations/5__validate_checks.sql", check.followUp().orElseThrow());

        assertThat(project.configure(db).load().up().success()).isTrue();

        try (Connection c = db.connect()) {
            assertThat(one(c, "SELECT count(*) FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid"
                    + " WHERE x.relname = 'ix_accounts_email' AND i.indisvalid")).isEqualTo(1);
            assertThat(one(c, "SELECT count(*) FROM pg_class WHERE relname = 'ix_accounts_old'")).isZero();
            assertThat(one(c, "SELECT count(*) FROM pg_constraint WHERE conname IN ('positive_balance', 'owner_fk')"
                    + " AND convalidated")).isEqualTo(2);
        }
    }

    private static long one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
