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

/** drop-table, drop-column, drop-schema, rename-table, rename-column on the syntax of H2, PostgreSQL and MySQL. */
@Pure
class DestructiveRulesTest {

    @Test
    void dropTableOfAnExistingTableOnEveryEngine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new DropTable(), d, "DROP TABLE IF EXISTS users;")).containsExactly("drops table users");
            assertThat(messages(new DropTable(), d, "drop table \"Orders\", app.Items;"))
                    .containsExactly("drops table orders, app.items");
        }
        assertThat(messages(new DropTable(), MYSQL, "DROP TABLE `Users`;")).containsExactly("drops table users");
    }

    @Test
    void dropTableFindingSaysWhereAndHowManyRows() {
        List<Finding> f = Lint.run(new DropTable(), PG, "SELECT 1;\n  DROP TABLE users;", true,
                new LintMigration.ServerFacts(Optional.of("16.4"), Map.of("users", 40_000_000L)));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.message()).isEqualTo("drops table users (~40000000 rows)");
            assertThat(x.level()).isEqualTo(Level.ERROR);
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.column()).isEqualTo(3);
            assertThat(x.rule()).isEqualTo("drop-table");
            assertThat(x.file()).isEqualTo(Lint.SCRIPT);
        });
    }

    @Test
    void dropTableOfATableCreatedInTheSameMigrationOrTemporaryIsNotReported() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new DropTable(), d, "CREATE TABLE tmp (a int); INSERT INTO tmp VALUES (1); DROP TABLE TMP;"))
                    .isEmpty();
            assertThat(messages(new DropTable(), d, "DROP VIEW users; -- DROP TABLE users;\nSELECT 'DROP TABLE users';"))
                    .isEmpty();
        }
        assertThat(messages(new DropTable(), MYSQL, "DROP TEMPORARY TABLE users;")).isEmpty();
        assertThat(messages(new DropTable(), PG, "CREATE UNLOGGED TABLE IF NOT EXISTS s.t (a int); DROP TABLE t;")).isEmpty();
    }

    /**
     * A rebuild (rows copied to a new table, the old dropped, the new renamed to its name: SQLite's documented way, and
     * what dbshift's SQLite writer makes) keeps the rows: no finding, so {@code check} passes dbshift's own migrations.
     * A drop whose rows went nowhere, or went to a table that keeps another name, is still one.
     */
    @Test
    void aRebuildOfATableIsNoDrop() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new DropTable(), d, "PRAGMA foreign_keys = OFF; BEGIN; CREATE TABLE \"dbshift_rebuild_t\" (a int);"
                    + " INSERT INTO \"dbshift_rebuild_t\" (a) SELECT a FROM \"t\"; DROP TABLE \"t\";"
                    + " ALTER TABLE \"dbshift_rebuild_t\" RENAME TO \"t\"; COMMIT;")).isEmpty();
            assertThat(messages(new DropTable(), d, "CREATE TABLE t2 (a int); INSERT INTO t2 SELECT a FROM t; DROP TABLE t;"))
                    .containsExactly("drops table t");
            assertThat(messages(new DropTable(), d, "CREATE TABLE t2 (a int); DROP TABLE t; ALTER TABLE t2 RENAME TO t;"))
                    .containsExactly("drops table t");
        }
    }

    @Test
    void dropColumnOnEveryEngine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new DropColumn(), d, "ALTER TABLE users DROP COLUMN email;"))
                    .containsExactly("drops column email of users");
            assertThat(messages(new DropColumn(), d, "ALTER TABLE users DROP COLUMN IF EXISTS \"Email\";"))
                    .containsExactly("drops column email of users");
        }
        assertThat(messages(new DropColumn(), MYSQL, "ALTER TABLE users DROP email, DROP `name`, ADD x int;"))
                .containsExactly("drops column email, name of users");
        assertThat(messages(new DropColumn(), PG, "ALTER TABLE ONLY public.users DROP email;"))
                .containsExactly("drops column email of public.users");
        assertThat(messages(new DropColumn(), H2, "ALTER TABLE users DROP COLUMN (a, b);"))
                .containsExactly("drops column a, b of users");
    }

    @Test
    void droppingAConstraintIndexOrKeyOrAColumnOfANewTableIsNoDropColumn() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new DropColumn(), d, "ALTER TABLE users DROP CONSTRAINT users_email_key;")).isEmpty();
            assertThat(messages(new DropColumn(), d, "ALTER TABLE users DROP PRIMARY KEY;")).isEmpty();
            assertThat(messages(new DropColumn(), d, "CREATE TABLE t (a int, b int); ALTER TABLE t DROP COLUMN b;")).isEmpty();
            assertThat(messages(new DropColumn(), d, "ALTER TABLE users ALTER COLUMN email DROP DEFAULT;")).isEmpty();
        }
        assertThat(messages(new DropColumn(), MYSQL, "ALTER TABLE users DROP INDEX i, DROP FOREIGN KEY fk, DROP KEY k;")).isEmpty();
    }

    @Test
    void dropSchemaAndDatabaseAndEveryObject() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new DropSchema(), d, "DROP SCHEMA IF EXISTS app CASCADE;")).containsExactly("drops schema app");
            assertThat(messages(new DropSchema(), d, "DROP TABLE app; CREATE SCHEMA app; DROP INDEX schema_i;")).isEmpty();
        }
        assertThat(messages(new DropSchema(), MYSQL, "DROP DATABASE shop;")).containsExactly("drops database shop");
        assertThat(messages(new DropSchema(), H2, "DROP ALL OBJECTS;")).containsExactly("drops every object of the database");
    }

    @Test
    void renameTableOnEveryEngine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new RenameTable(), d, "ALTER TABLE users RENAME TO accounts;"))
                    .containsExactly("renames table users to accounts");
        }
        assertThat(messages(new RenameTable(), MYSQL, "RENAME TABLE users TO accounts, `Orders` TO old_orders;"))
                .containsExactly("renames table users to accounts, orders to old_orders");
        assertThat(messages(new RenameTable(), MYSQL, "ALTER TABLE users RENAME accounts;"))
                .containsExactly("renames table users to accounts");
    }

    @Test
    void renamingAColumnIndexOrConstraintOrANewTableIsNoTableRename() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new RenameTable(), d, "ALTER TABLE users RENAME COLUMN a TO b;")).isEmpty();
            assertThat(messages(new RenameTable(), d, "CREATE TABLE users_new (a int); ALTER TABLE users_new RENAME TO x;"))
                    .isEmpty();
        }
        assertThat(messages(new RenameTable(), PG, "ALTER TABLE users RENAME CONSTRAINT a TO b;")).isEmpty();
        assertThat(messages(new RenameTable(), PG, "ALTER TABLE users RENAME a TO b;")).isEmpty();
        assertThat(messages(new RenameTable(), MYSQL, "ALTER TABLE users RENAME INDEX a TO b;")).isEmpty();
    }

    @Test
    void renameColumnOnEveryEngine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new RenameColumn(), d, "ALTER TABLE users RENAME COLUMN email TO mail;"))
                    .containsExactly("renames column email to mail of users");
        }
        assertThat(messages(new RenameColumn(), PG, "ALTER TABLE users RENAME email TO mail;"))
                .containsExactly("renames column email to mail of users");
        assertThat(messages(new RenameColumn(), H2, "ALTER TABLE users ALTER COLUMN email RENAME TO mail;"))
                .containsExactly("renames column email to mail of users");
        assertThat(messages(new RenameColumn(), MYSQL, "ALTER TABLE users CHANGE COLUMN email mail varchar(100);"))
                .containsExactly("renames column email to mail of users");
    }

    @Test
    void keepingTheNameOrRenamingSomethingElseIsNoColumnRename() {
        assertThat(messages(new RenameColumn(), MYSQL, "ALTER TABLE users CHANGE email `EMAIL` varchar(200);")).isEmpty();
        assertThat(messages(new RenameColumn(), MYSQL, "ALTER TABLE users RENAME TO accounts;")).isEmpty();
        assertThat(messages(new RenameColumn(), PG, "ALTER TABLE users RENAME CONSTRAINT a TO b;")).isEmpty();
        assertThat(messages(new RenameColumn(), H2, "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x';")).isEmpty();
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new RenameColumn(), d, "CREATE TABLE t (a int); ALTER TABLE t RENAME COLUMN a TO b;")).isEmpty();
        }
    }
}
