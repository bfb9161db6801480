package dev.dbshift.sql;

import dev.dbshift.sql.StatementEffect.Absent;
import dev.dbshift.sql.StatementEffect.CatalogObject;
import dev.dbshift.sql.StatementEffect.Exists;
import dev.dbshift.sql.StatementEffect.Harmless;
import dev.dbshift.sql.StatementEffect.Renamed;
import dev.dbshift.sql.StatementEffect.Unknown;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Pure
class StatementEffectTest {

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE IF NOT EXISTS t (a int)", "DROP TABLE IF EXISTS t", "drop view if exists v cascade",
            "CREATE OR REPLACE VIEW v AS SELECT 1", "SELECT SLEEP(1)", "SELECT pg_sleep(0.5)", "SET FOREIGN_KEY_CHECKS=0",
            "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */", "BEGIN", "COMMIT", "START TRANSACTION",
            "LOCK TABLES `t` WRITE", "UNLOCK TABLES", "/*!40000 ALTER TABLE `t` DISABLE KEYS */", "TRUNCATE t",
            "CREATE INDEX IF NOT EXISTS i ON t (a)", "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int",
            "CREATE TEMPORARY TABLE x (a int)", "CREATE EXTENSION IF NOT EXISTS pgcrypto", "COMMENT ON TABLE t IS 'x'",
            "PRAGMA foreign_keys", "pragma main.user_version", "PRAGMA foreign_key_check"})
    void harmlessStatementsMayRunAgain(String sql) {
        assertThat(StatementEffect.of(sql)).isInstanceOf(Harmless.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t SELECT * FROM s", "UPDATE t SET a = a + 1", "DELETE FROM t", "SELECT 1 INTO x",
            "ALTER TABLE t ADD COLUMN a int, ADD COLUMN b int", "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)",
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql", "DROP TABLE a, b", "CREATE INDEX ON t (a)",
            "DO $$ BEGIN END $$", "CALL p()", "BEGIN NOT ATOMIC SELECT 1; END", "ALTER TABLE t ALTER COLUMN a TYPE bigint",
            "PRAGMA user_version = 3", "PRAGMA user_version(3)"})
    void theRestCannotBeToldFromTheCatalog(String sql) {
        assertThat(StatementEffect.of(sql)).isInstanceOf(Unknown.class);
    }

    @Test
    void createdObjectsMustExist() {
        assertThat(StatementEffect.of("CREATE TABLE \"Big\".items (id int)"))
                .isEqualTo(new Exists(new CatalogObject("TABLE", "\"Big\"", null, "items")));
        assertThat(StatementEffect.of("-- c\nCREATE UNIQUE INDEX CONCURRENTLY ix_a ON ONLY s.t (a)"))
                .isEqualTo(new Exists(new CatalogObject("INDEX", "s", "t", "ix_a")));
        assertThat(StatementEffect.of("create sequence Seq1")).isEqualTo(new Exists(new CatalogObject("SEQUENCE", null, null, "Seq1")));
        assertThat(StatementEffect.of("CREATE MATERIALIZED VIEW mv AS SELECT 1"))
                .isEqualTo(new Exists(new CatalogObject("VIEW", null, null, "mv")));
        assertThat(StatementEffect.of("CREATE TABLE copy AS SELECT * FROM t"))
                .isEqualTo(new Exists(new CatalogObject("TABLE", null, null, "copy")));
    }

    @Test
    void droppedObjectsMustBeGone() {
        assertThat(StatementEffect.of("DROP TABLE t CASCADE")).isEqualTo(new Absent(new CatalogObject("TABLE", null, null, "t")));
        assertThat(StatementEffect.of("DROP INDEX i ON `t`")).isEqualTo(new Absent(new CatalogObject("INDEX", null, "`t`", "i")));
        assertThat(StatementEffect.of("DROP INDEX CONCURRENTLY s.i")).isEqualTo(new Absent(new CatalogObject("INDEX", "s", null, "i")));
    }

    @Test
    void columnsAndRenames() {
        assertThat(StatementEffect.of("ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0"))
                .isEqualTo(new Exists(new CatalogObject("COLUMN", null, "t", "c")));
        assertThat(StatementEffect.of("ALTER TABLE `t` ADD `c` varchar(10)"))
                .isEqualTo(new Exists(new CatalogObject("COLUMN", null, "`t`", "`c`")));
        assertThat(StatementEffect.of("ALTER TABLE ONLY t DROP COLUMN c"))
                .isEqualTo(new Absent(new CatalogObject("COLUMN", null, "t", "c")));
        assertThat(StatementEffect.of("RENAME TABLE a TO b")).isEqualTo(new Renamed(new CatalogObject("TABLE", null, null, "a"),
                new CatalogObject("TABLE", null, null, "b")));
        assertThat(StatementEffect.of("ALTER TABLE s.a RENAME TO b")).isEqualTo(new Renamed(new CatalogObject("TABLE", "s", null, "a"),
                new CatalogObject("TABLE", "s", null, "b")));
    }

    @Test
    void theTableAnAlterTableChanges() {
        assertThat(StatementEffect.alteredTable("ALTER TABLE dst ALTER COLUMN v SET DATA TYPE BIGINT"))
                .contains(new CatalogObject("TABLE", null, null, "dst"));
        assertThat(StatementEffect.alteredTable("alter table if exists \"S\".\"My Table\" add w int"))
                .contains(new CatalogObject("TABLE", "\"S\"", null, "\"My Table\""));
        assertThat(StatementEffect.alteredTable("/* first */ ALTER TABLE ONLY t DROP COLUMN c")).contains(new CatalogObject("TABLE", null, null, "t"));
        assertThat(StatementEffect.alteredTable("ALTER INDEX i RENAME TO j")).isEmpty();
        assertThat(StatementEffect.alteredTable("INSERT INTO t VALUES (1)")).isEmpty();
    }

    @Test
    void lockTablesNamesTheTablesItLocks() {
        assertThat(StatementEffect.lockedTables("LOCK TABLES `ord` WRITE").stream().map(StatementEffect.CatalogObject::name))
                .containsExactly("`ord`");
        assertThat(StatementEffect.lockedTables("LOCK TABLE a AS x READ LOCAL, s.b WRITE, c LOW_PRIORITY WRITE"))
                .extracting(o -> o.schema() + "." + o.name()).containsExactly("null.a", "s.b", "null.c");
        assertThat(StatementEffect.lockedTables("FLUSH TABLES WITH READ LOCK")).isEmpty();
        assertThat(StatementEffect.lockedTables("UNLOCK TABLES")).isEmpty();
    }

    @Test
    void rowChangesNameTheSchemasTheyMayWriteInto() {
        assertThat(StatementEffect.schemasForRows("INSERT INTO other.log VALUES (1), ('x.y')")).containsExactly("other");
        assertThat(StatementEffect.schemasForRows("REPLACE `o-1`.`log` (a) VALUE (1)")).containsExactly("o-1");
        assertThat(StatementEffect.schemasForRows("DELETE a, b FROM s1.a JOIN s2.b ON a.id = b.id WHERE a.id = 1"))
                .containsExactly("s1", "s2", "a", "b");
        assertThat(StatementEffect.schemasForRows("UPDATE /* x.y */ t SET t.a = s.b")).isEmpty();
        assertThat(StatementEffect.schemasForRows("INSERT INTO t SELECT * FROM s.log")).isEmpty();
        assertThat(StatementEffect.schemasForRows("USE `other`")).containsExactly("other");
        assertThat(StatementEffect.schemasForRows("CREATE TABLE s.t (a INT)")).isEmpty();
        assertThat(StatementEffect.schemasForRows("SELECT * FROM s.t")).isEmpty();
    }
}
