package dev.dbshift.execute;

import dev.dbshift.db.Database;
import dev.dbshift.db.mysql.MySqlDatabase;
import dev.dbshift.db.postgres.PostgresDatabase;
import dev.dbshift.execute.CommitPoints.How;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Pure
class CommitPointsTest {

    private static List<How> walk(Database db, String script) throws java.sql.SQLException {
        return walk(db, script, schema -> false);
    }

    private static List<How> walk(Database db, String script, CommitPoints.OtherSchemas others) throws java.sql.SQLException {
        CommitPoints points = new CommitPoints(db, false, others);
        List<How> out = new ArrayList<>();
        try (StatementIterator it = db.scriptDialect().split(new StringReader(script), new ScriptOptions("t.sql", Map.of(), false, false))) {
            while (it.hasNext()) {
                SqlStatement st = it.next();
                out.add(points.next(st));
            }
        }
        return out;
    }

    @Test
    void mariadbRowChangesShareTheirMarkAndDdlRunsAlone() throws Exception {
        assertThat(walk(new MySqlDatabase(), "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1);\nUPDATE t SET a = 2;\nSELECT SLEEP(1);"))
                .containsExactly(How.ALONE, How.WITH_MARK, How.WITH_MARK, How.ALONE);
    }

    /**
     * A table that keeps its rows through a rollback (MyISAM, Aria, MEMORY: named by an ENGINE other than InnoDB, or in
     * the schema already) makes every later row change of the run run alone, its mark after it: in a group, a MyISAM row
     * stayed when the group rolled back, and the next 'up' wrote it again. A dump's ENGINE=InnoDB changes nothing.
     */
    @Test
    void rowChangesAfterATableThatKeepsRowsRunAlone() throws Exception {
        Database db = new MySqlDatabase();
        assertThat(walk(db, "CREATE TABLE t (a INT) ENGINE=InnoDB;\nCREATE TABLE u (a INT) ENGINE = 'innodb';\nINSERT INTO t VALUES (1);"))
                .containsExactly(How.ALONE, How.ALONE, How.WITH_MARK);
        for (String engine : List.of("ENGINE=MyISAM", "ENGINE = Aria", "engine=`MEMORY`", "ENGINE MyISAM")) {
            assertThat(walk(db, "INSERT INTO t VALUES (0);\nCREATE TABLE log (a INT) " + engine + ";\nINSERT INTO t VALUES (1);\n"
                    + "UPDATE log SET a = 2;")).as(engine).containsExactly(How.WITH_MARK, How.ALONE, How.ALONE, How.ALONE);
        }
        assertThat(walk(db, "ALTER TABLE t ENGINE=MyISAM;\nDELETE FROM t;")).containsExactly(How.ALONE, How.ALONE);
        CommitPoints keeping = new CommitPoints(db, true, schema -> false);
        try (StatementIterator it = db.scriptDialect().split(new StringReader("INSERT INTO t VALUES (1);"),
                new ScriptOptions("t.sql", Map.of(), false, false))) {
            assertThat(keeping.next(it.next())).isEqualTo(How.ALONE);
        }
        assertThat(keeping.madeTablesThatKeepRows()).isFalse();
        assertThat(walk(new PostgresDatabase(), "CREATE TABLE log (a INT);\nINSERT INTO log VALUES (1);"))
                .containsExactly(How.WITH_MARK, How.WITH_MARK);
    }

    @Test
    void underLockTablesNoMarkUntilUnlock() throws Exception {
        CommitPoints points = new CommitPoints(new MySqlDatabase(), false, schema -> false);
        List<Boolean> canMark = new ArrayList<>();
        List<How> how = new ArrayList<>();
        String dump = "LOCK TABLES `t` WRITE;\n/*!40000 ALTER TABLE `t` DISABLE KEYS */;\nINSERT INTO `t` VALUES (1);\n"
                + "/*!40000 ALTER TABLE `t` ENABLE KEYS */;\nUNLOCK TABLES;\nINSERT INTO t VALUES (2);";
        Database db = new MySqlDatabase();
        try (StatementIterator it = db.scriptDialect().split(new StringReader(dump), new ScriptOptions("d.sql", Map.of(), false, false))) {
            while (it.hasNext()) {
                how.add(points.next(it.next()));
                canMark.add(points.canMark());
            }
        }
        assertThat(how).containsExactly(How.ALONE, How.UNDER_TABLE_LOCKS, How.UNDER_TABLE_LOCKS, How.UNDER_TABLE_LOCKS,
                How.UNDER_TABLE_LOCKS, How.WITH_MARK);
        assertThat(canMark).containsExactly(false, false, false, false, true, true);
    }

    @Test
    void theScriptsOwnTransactionCarriesTheMarks() throws Exception {
        assertThat(walk(new PostgresDatabase(), "CREATE TABLE a (i int);\nBEGIN;\nCREATE TABLE b (i int);\nINSERT INTO b VALUES (1);\n"
                + "COMMIT;\nCREATE INDEX CONCURRENTLY i ON b (i);\nSAVEPOINT s;"))
                .containsExactly(How.WITH_MARK, How.ALONE, How.IN_SCRIPT_TRANSACTION, How.IN_SCRIPT_TRANSACTION,
                        How.IN_SCRIPT_TRANSACTION, How.ALONE, How.ALONE);
        // on MariaDB, DDL commits the open transaction: it runs alone and ends the script's transaction
        assertThat(walk(new MySqlDatabase(), "START TRANSACTION;\nINSERT INTO b VALUES (1);\nCREATE TABLE c (i INT);\n"
                + "INSERT INTO b VALUES (2);"))
                .containsExactly(How.ALONE, How.IN_SCRIPT_TRANSACTION, How.ALONE, How.WITH_MARK);
    }

    /**
     * A row change that names another database whose tables keep rows through a rollback (a MyISAM log written through
     * its qualified name, or after {@code USE}) runs alone from there on: killed in a group with its mark, its row stayed
     * and the next 'up' wrote it again. Names read from a query, a string or a column after SET do not count; only
     * MySQL is asked.
     */
    @Test
    void rowChangesIntoAnotherSchemaThatKeepsRowsRunAlone() throws Exception {
        Database db = new MySqlDatabase();
        List<String> asked = new ArrayList<>();
        CommitPoints.OtherSchemas others = schema -> {
            asked.add(schema);
            return schema.equals("other");
        };
        assertThat(walk(db, "INSERT INTO t VALUES (1);\nINSERT INTO other.log VALUES (1);\nINSERT INTO t VALUES (2);", others))
                .containsExactly(How.WITH_MARK, How.ALONE, How.ALONE);
        assertThat(walk(db, "UPDATE t JOIN `other`.`log` l ON l.id = t.id SET t.a = 1;", others)).containsExactly(How.ALONE);
        assertThat(walk(db, "DELETE l FROM other.log AS l WHERE l.id = 1;", others)).containsExactly(How.ALONE);
        assertThat(walk(db, "USE other;\nINSERT INTO log VALUES (1);", others)).containsExactly(How.ALONE, How.ALONE);
        assertThat(walk(db, "USE `mine`;\nINSERT INTO log VALUES (1);", others)).containsExactly(How.ALONE, How.WITH_MARK);
        asked.clear();
        assertThat(walk(db, "INSERT INTO t SELECT * FROM other.log;\nINSERT INTO t VALUES ('other.log');\n"
                + "UPDATE t SET a = other.b WHERE t.id = 1;\nSELECT * FROM other.log;", others))
                .containsExactly(How.WITH_MARK, How.WITH_MARK, How.WITH_MARK, How.ALONE);
        assertThat(asked).as("only names before VALUES, SET, SELECT, WHERE").isEmpty();
        assertThat(walk(db, "UPDATE t SET a = other.f(1) WHERE t.id = 1;\nINSERT INTO t VALUES (`other`.f(2));", others))
                .as("a routine of that schema, called: its body may write there").containsExactly(How.ALONE, How.ALONE);
        assertThat(walk(new PostgresDatabase(), "INSERT INTO other.log VALUES (1);", schema -> {
            throw new AssertionError("asked about " + schema);
        })).containsExactly(How.WITH_MARK);
    }

    /**
     * A trigger (or a view) made by the script that names another schema whose tables keep rows makes the row changes
     * after it run alone, though none of them names that schema: each may fire it.
     */
    @Test
    void codeMadeThatNamesAnotherSchemaThatKeepsRowsMakesRowChangesRunAlone() throws Exception {
        Database db = new MySqlDatabase();
        CommitPoints.OtherSchemas others = schema -> schema.equals("other");
        assertThat(walk(db, "INSERT INTO t VALUES (1);\nCREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW INSERT INTO"
                + " other.log VALUES (NEW.id);\nINSERT INTO t VALUES (2);", others))
                .containsExactly(How.WITH_MARK, How.ALONE, How.ALONE);
        assertThat(walk(db, "CREATE VIEW v AS SELECT * FROM other.log;\nINSERT INTO v VALUES (2);", others))
                .containsExactly(How.ALONE, How.ALONE);
        assertThat(walk(db, "CREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW INSERT INTO mine.log VALUES (NEW.id);\n"
                + "CREATE TABLE other_t (a INT);\nCREATE INDEX i ON t (a);\nINSERT INTO t VALUES (2);", others))
                .containsExactly(How.ALONE, How.ALONE, How.ALONE, How.WITH_MARK);
        // a table made like one of that schema takes its engine: its rows stay where those would
        assertThat(walk(db, "CREATE TABLE t2 LIKE other.log;\nINSERT INTO t2 VALUES (1);", others))
                .containsExactly(How.ALONE, How.ALONE);
        assertThat(walk(db, "CREATE TABLE t2 LIKE mine.log;\nINSERT INTO t2 VALUES (1);", others))
                .containsExactly(How.ALONE, How.WITH_MARK);
    }
}
