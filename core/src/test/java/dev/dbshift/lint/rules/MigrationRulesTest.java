package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintMigration;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.dbshift.lint.rules.Lint.H2;
import static dev.dbshift.lint.rules.Lint.MYSQL;
import static dev.dbshift.lint.rules.Lint.PG;
import static dev.dbshift.lint.rules.Lint.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** backfill, combine-alters, no-down-script, unclassified-statement on the syntax of H2, PostgreSQL and MySQL. */
@Pure
class MigrationRulesTest {

    @Test
    void updateOrDeleteWithoutWhere() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new Backfill(), d, "UPDATE users SET active = true;"))
                    .containsExactly("UPDATE of users without WHERE changes every row");
            assertThat(messages(new Backfill(), d, "DELETE FROM users;"))
                    .containsExactly("DELETE of users without WHERE changes every row");
            assertThat(messages(new Backfill(), d, "UPDATE users SET a = (SELECT max(x) FROM t WHERE t.id = 1);"))
                    .containsExactly("UPDATE of users without WHERE changes every row");
        }
        assertThat(Lint.run(new Backfill(), MYSQL, "UPDATE LOW_PRIORITY `users` SET note = 'WHERE';", true,
                new LintMigration.ServerFacts(Optional.of("11.4.5-MariaDB"), Map.of("users", 5000L))))
                .extracting(Finding::message).containsExactly("UPDATE of users (~5000 rows) without WHERE changes every row");
    }

    @Test
    void updateOrDeleteNextToDdl() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new Backfill(), d, "ALTER TABLE users ADD COLUMN a int; UPDATE users SET a = 1 WHERE id < 10;"))
                    .containsExactly("UPDATE of users in a migration that also changes the schema");
            assertThat(messages(new Backfill(), d, "DELETE FROM users WHERE id = 1; CREATE INDEX i ON users (a);"))
                    .containsExactly("DELETE of users in a migration that also changes the schema");
        }
    }

    @Test
    void aFilteredChangeAloneOrOfANewTableIsFine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new Backfill(), d, "UPDATE users SET a = 1 WHERE id < 10; DELETE FROM users WHERE id = 1;"))
                    .isEmpty();
            assertThat(messages(new Backfill(), d, "CREATE TABLE t (a int); INSERT INTO t VALUES (1); UPDATE t SET a = 2;"))
                    .isEmpty();
            assertThat(messages(new Backfill(), d, "CREATE TABLE t (a int); INSERT INTO t SELECT a FROM users;")).isEmpty();
        }
    }

    @Test
    void secondAlterOfOneTableIsReportedOnce() {
        String sql = "ALTER TABLE users ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b int;\n"
                + "ALTER TABLE \"USERS\" ADD COLUMN c int;\nALTER TABLE users DROP COLUMN d;";
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(Lint.run(new CombineAlters(), d, sql, true, LintMigration.ServerFacts.NONE)).singleElement()
                    .satisfies(f -> {
                        assertThat(f.line()).isEqualTo(3);
                        assertThat(f.level()).isEqualTo(Level.INFO);
                        assertThat(f.message()).isEqualTo("3 ALTER TABLE statements of users in this migration"
                                + " (the first at line 1) could be one");
                    });
        }
    }

    @Test
    void oneAlterPerTableARenameOrANewTableIsFine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new CombineAlters(), d, "ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int;"
                    + " ALTER TABLE orders ADD COLUMN a int;")).isEmpty();
            assertThat(messages(new CombineAlters(), d, "ALTER TABLE users ADD COLUMN a int;"
                    + " ALTER TABLE users RENAME COLUMN b TO c;")).isEmpty();
            assertThat(messages(new CombineAlters(), d, "CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int;"
                    + " ALTER TABLE t ADD COLUMN c int;")).isEmpty();
        }
    }

    @Test
    void noDownScriptOnceOnTheFirstStatement() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            List<Finding> f = Lint.run(new NoDownScript(), d, "-- first\nCREATE TABLE a (x int);\nCREATE TABLE b (x int);",
                    false, LintMigration.ServerFacts.NONE);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.line()).isEqualTo(2);
                assertThat(x.message()).isEqualTo("migration " + Lint.SCRIPT + " has no down script");
            });
            assertThat(Lint.run(new NoDownScript(), d, "CREATE TABLE a (x int);", true, LintMigration.ServerFacts.NONE)).isEmpty();
        }
    }

    @Test
    void codeAndUnknownStatementsAreUnclassified() {
        assertThat(messages(new UnclassifiedStatement(), PG, "DO $$ BEGIN PERFORM 1; END $$;"))
                .containsExactly("DO runs code the linter cannot read");
        assertThat(messages(new UnclassifiedStatement(), MYSQL, "CALL migrate_users();"))
                .containsExactly("CALL runs code the linter cannot read");
        assertThat(messages(new UnclassifiedStatement(), H2, "SHUTDOWN;"))
                .containsExactly("cannot classify a statement starting with SHUTDOWN");
        assertThat(messages(new UnclassifiedStatement(), MYSQL, "BEGIN NOT ATOMIC SELECT 1; END;"))
                .containsExactly("cannot classify a statement starting with BEGIN");
    }

    @Test
    void ddlDmlSessionAndTransactionStatementsAreClassified() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new UnclassifiedStatement(), d, "SET x = 1; CREATE TABLE t (a int); INSERT INTO t VALUES (1);"
                    + " UPDATE t SET a = 2; COMMIT; ANALYZE t; SELECT 1;")).isEmpty();
        }
    }
}
