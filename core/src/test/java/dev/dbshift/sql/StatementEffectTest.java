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
            "PRAGMA foreign_keys", "pragma main.user_version", "PRAGMA foreign_key_check",
            "ALTER TABLE `posts`\n  MODIFY `id` int(11) NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=2001", "ALTER TABLE t ENGINE=InnoDB",
            "ALTER TABLE t ALTER COLUMN a SET DEFAULT 1, ALGORITHM=INSTANT", "ALTER TABLE t DEFAULT CHARSET=utf8mb4",
            "ALTER TABLE t ADD INDEX IF NOT EXISTS i (a), DROP KEY IF EXISTS j"})
    void harmlessStatementsMayRunAgain(String sql) {
        assertThat(StatementEffect.of(sql)).isInstanceOf(Harmless.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t SELECT * FROM s", "UPDATE t SET a = a + 1", "DELETE FROM t", "SELECT 1 INTO x",
            "ALTER TABLE t ADD COLUMN a int, ORDER BY a", "ALTER TABLE t ADD KEY (a)", "ALTER TABLE t ADD CONSTRAINT CHECK (a > 0)",
            "ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES u (id)", "ALTER TABLE t ALTER COLUMN a SET NOT NULL",
            "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4", "ALTER TABLE t ADD COLUMN (a int, b int)",
            "ALTER TABLE dst CHANGE v v BIGINT", "ALTER TABLE t CHANGE COLUMN `a` A INT", "ALTER TABLE t RENAME a TO b",
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
        assertThat(StatementEffect.schemasForRows("INSERT INTO t VALUES (1, s.f(2)), (3, s.f(4))")).containsExactly("s");
        assertThat(StatementEffect.schemasForRows("INSERT INTO old.archive SELECT * FROM new.t")).containsExactly("old");
        assertThat(StatementEffect.schemasWrittenBy("INSERT INTO new.log VALUES (NEW.id, OLD.id)")).containsExactly("new");
        assertThat(StatementEffect.schemasForRows("USE `other`")).containsExactly("other");
        assertThat(StatementEffect.schemasForRows("CREATE TABLE s.t (a INT)")).isEmpty();
        assertThat(StatementEffect.schemasForRows("SELECT * FROM s.t")).isEmpty();
    }

    /**
     * The code a row change runs names the schemas it may write into: a trigger's or a routine's body by what its row
     * changes write into and the routines of other schemas it calls, a view's definition (as the server stores it) by
     * every name; a statement that makes such code is told from one that makes a table or an index.
     */
    @Test
    void codeRunByRowChangesNamesTheSchemasItMayWriteInto() {
        assertThat(StatementEffect.schemasWrittenBy("BEGIN INSERT INTO `audit`.`log` VALUES (NEW.id, OLD.id, 'x.y');"
                + " UPDATE audit.counts SET n = n + 1; -- other.t\nCALL mine.p(NEW.id); END")).containsExactly("audit", "mine");
        assertThat(StatementEffect.schemasWrittenBy("BEGIN DECLARE n INT; SELECT COUNT(*) INTO n FROM performance_schema.threads"
                + " t JOIN mysql.user u ON t.x = u.y; SET NEW.a = util.f(n); DELETE l FROM stats.log l WHERE l.id = n;"
                + " REPLACE INTO mine.t SELECT * FROM other.t; CALL tools.p; END")).containsExactly("util", "stats", "mine", "tools");
        assertThat(StatementEffect.schemasNamed("select `xo`.`log`.`id` AS `id` from `xo`.`log`")).containsExactly("xo");
        assertThat(StatementEffect.schemasNamed("INSERT INTO log VALUES (new.id)")).isEmpty();
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("CREATE DEFINER=`root`@`localhost` TRIGGER t_ai AFTER INSERT ON t"
                + " FOR EACH ROW INSERT INTO o.log SELECT * FROM r.t WHERE r.t.id = NEW.id")).containsExactly("o");
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY DEFINER VIEW v AS"
                + " SELECT * FROM o.log")).containsExactly("o");
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("/*!50003 CREATE*/ /*!50017 DEFINER=`u`@`%`*/ /*!50003 TRIGGER"
                + " tr BEFORE UPDATE ON t FOR EACH ROW UPDATE o.c SET n = n + 1 */")).containsExactly("o");
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("ALTER VIEW v AS SELECT a FROM o.t")).containsExactly("o");
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("CREATE FUNCTION f() RETURNS INT READS SQL DATA"
                + " RETURN (SELECT COUNT(*) FROM performance_schema.threads)")).isEmpty();
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("CREATE TABLE o.view_log (a INT)")).isEmpty();
        // a table made like another takes its engine: rows written into it stay where that one's would
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("CREATE TABLE IF NOT EXISTS t LIKE `arch`.m")).containsExactly("arch");
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("create table o.t (like p.m)")).containsExactly("p");
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("CREATE TABLE t LIKE m")).as("the run's own schema").isEmpty();
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("CREATE TABLE t (a VARCHAR(9) DEFAULT 'LIKE')")).isEmpty();
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("CREATE INDEX trigger_at ON o.t (a)")).isEmpty();
        assertThat(StatementEffect.schemasCodeMadeMayWriteInto("INSERT INTO o.t VALUES ('CREATE VIEW')")).isEmpty();
    }

    /**
     * Each action of an ALTER TABLE is read (the server applies it whole): the keys a phpMyAdmin export adds after a
     * table's rows, a named index or constraint, with the table options that only set a state left out.
     */
    @Test
    void everyActionOfAnAlterTableIsRead() {
        CatalogObject pk = new CatalogObject("PRIMARY KEY", null, "`posts`", "PRIMARY");
        assertThat(StatementEffect.of("ALTER TABLE `posts`\n  ADD PRIMARY KEY (`id`),\n  ADD KEY `user_id` (`user_id`)"))
                .isEqualTo(new StatementEffect.AllOf(java.util.List.of(new Exists(pk),
                        new Exists(new CatalogObject("INDEX", null, "`posts`", "`user_id`")))));
        assertThat(StatementEffect.of("ALTER TABLE `users` ADD PRIMARY KEY (`id`), ADD UNIQUE KEY `email` (`email`), "
                + "ADD FULLTEXT INDEX ft (bio)")).isInstanceOfSatisfying(StatementEffect.AllOf.class, a -> assertThat(a.parts())
                .extracting(Object::toString).containsExactly("Exists[object=the primary key of `users`]",
                        "Exists[object=index `email`]", "Exists[object=index ft]"));
        assertThat(StatementEffect.of("ALTER TABLE `posts` ADD CONSTRAINT `posts_ibfk_1` FOREIGN KEY (`user_id`) REFERENCES"
                + " `users` (`id`) ON DELETE CASCADE"))
                .isEqualTo(new Exists(new CatalogObject("FOREIGN KEY", null, "`posts`", "`posts_ibfk_1`")));
        assertThat(StatementEffect.of("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)"))
                .isEqualTo(new Exists(new CatalogObject("CHECK", null, "t", "c")));
        assertThat(StatementEffect.of("ALTER TABLE t ADD CONSTRAINT u UNIQUE (a, b)"))
                .isEqualTo(new Exists(new CatalogObject("INDEX", null, "t", "u")));
        assertThat(StatementEffect.of("ALTER TABLE t ADD COLUMN a INT NOT NULL DEFAULT 0, ALGORITHM=INPLACE, LOCK=NONE"))
                .isEqualTo(new Exists(new CatalogObject("COLUMN", null, "t", "a")));
        assertThat(StatementEffect.of("ALTER TABLE t DROP FOREIGN KEY fk, DROP INDEX fk, DROP PRIMARY KEY, DROP CONSTRAINT c"))
                .isEqualTo(new StatementEffect.AllOf(java.util.List.of(new Absent(new CatalogObject("FOREIGN KEY", null, "t", "fk")),
                        new Absent(new CatalogObject("INDEX", null, "t", "fk")), new Absent(new CatalogObject("PRIMARY KEY", null, "t", "PRIMARY")),
                        new Absent(new CatalogObject("CONSTRAINT", null, "t", "c")))));
        assertThat(StatementEffect.of("ALTER TABLE t ADD INDEX ix (a) USING BTREE, DROP COLUMN b, ADD c DECIMAL(10, 2)"))
                .isInstanceOfSatisfying(StatementEffect.AllOf.class, a -> assertThat(a.parts()).hasSize(3));
    }

    /** A rename names both sides: the old name gone, the new one there. */
    @Test
    void renamesOfColumnsAndIndexesAreTheOldGoneAndTheNewThere() {
        assertThat(StatementEffect.of("ALTER TABLE `users` CHANGE `mail` `email` VARCHAR(100) NOT NULL"))
                .isEqualTo(new StatementEffect.AllOf(java.util.List.of(new Absent(new CatalogObject("COLUMN", null, "`users`", "`mail`")),
                        new Exists(new CatalogObject("COLUMN", null, "`users`", "`email`")))));
        assertThat(StatementEffect.of("ALTER TABLE t RENAME COLUMN a TO b, RENAME INDEX ia TO ib"))
                .isInstanceOfSatisfying(StatementEffect.AllOf.class, a -> assertThat(a.parts()).extracting(Object::toString)
                        .containsExactly("Absent[object=column t.a]", "Exists[object=column t.b]", "Absent[object=index ia]",
                                "Exists[object=index ib]"));
    }
}
