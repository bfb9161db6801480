package dev.dbshift.execute;

import dev.dbshift.db.mysql.MySqlDatabase;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What MariaDB's catalog says about rows that stay through a rollback: a schema's own tables, and the code a row change
 * there may run (a trigger, a view, a routine) that names another database whose tables keep them.
 */
class RowsThatStayTest {

    @Test
    void codeThatWritesIntoAnotherDatabasesMyIsamTableKeepsRowsThere() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); TestDatabase other = TestDatabase.create(Vendor.MARIADB);
             TestDatabase third = TestDatabase.create(Vendor.MARIADB);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            String o = other.name();
            st.execute("CREATE TABLE t (id INT)");
            st.execute("CREATE TABLE " + o + ".log (id INT)");
            st.execute("CREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW INSERT INTO " + o + ".log VALUES (NEW.id)");
            // a cycle of triggers across databases, none of which keeps rows, ends
            st.execute("CREATE TRIGGER " + o + ".log_ai AFTER INSERT ON " + o + ".log FOR EACH ROW INSERT INTO `" + db.name()
                    + "`.t2 VALUES (NEW.id)");
            assertThat(rows(c, db).may()).as("InnoDB everywhere").isFalse();
            assertThat(rows(c, db).mayIn(o)).isFalse();

            st.execute("ALTER TABLE " + o + ".log ENGINE=MyISAM");
            assertThat(rows(c, db).may()).as("its trigger writes into a MyISAM table").isTrue();
            assertThat(rows(c, db).mayIn(o)).isTrue();

            st.execute("DROP TRIGGER t_ai");
            assertThat(rows(c, db).may()).isFalse();
            st.execute("CREATE VIEW v AS SELECT id FROM " + o + ".log");
            assertThat(rows(c, db).may()).as("rows written into its view land in the MyISAM table").isTrue();

            st.execute("DROP VIEW v");
            st.execute("CREATE VIEW counts AS SELECT COUNT(*) AS n FROM " + o + ".log");
            assertThat(rows(c, db).may()).as("no row can be written into a view that counts").isFalse();
            st.execute("CREATE FUNCTION threads() RETURNS INT READS SQL DATA"
                    + " RETURN (SELECT COUNT(*) FROM performance_schema.threads t JOIN " + o + ".log l ON l.id = t.thread_id)");
            assertThat(rows(c, db).may()).as("a routine that only reads tables that keep rows").isFalse();
            st.execute("CREATE TABLE " + third.name() + ".audit (id INT) ENGINE=Aria");
            st.execute("CREATE PROCEDURE audit(i INT) INSERT INTO " + third.name() + ".audit VALUES (i)");
            st.execute("CREATE TRIGGER t_au AFTER UPDATE ON t FOR EACH ROW CALL audit(NEW.id)");
            assertThat(rows(c, db).may()).as("its trigger calls a routine writing into an Aria table").isTrue();
            st.execute("DROP TRIGGER t_au");
            assertThat(rows(c, db).may()).as("a row's value may call it too").isTrue();
            st.execute("DROP PROCEDURE audit");
            assertThat(rows(c, db).may()).isFalse();
        }
    }

    /**
     * A cycle of triggers across databases, asked from its middle: the run's schema writes into b, whose trigger writes
     * back into the run's schema and into c's MyISAM table. The run's schema, met inside the cycle, first reads "no"
     * (b is being read); that answer is not kept, and asked again it is "yes" through b.
     */
    @Test
    void anAnswerReadInsideACycleIsNotKept() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); TestDatabase b = TestDatabase.create(Vendor.MARIADB);
             TestDatabase c = TestDatabase.create(Vendor.MARIADB);
             Connection conn = db.connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE t (id INT)");
            st.execute("CREATE TABLE t2 (id INT)");
            st.execute("CREATE TABLE " + b.name() + ".t (id INT)");
            st.execute("CREATE TABLE " + c.name() + ".log (id INT) ENGINE=MyISAM");
            st.execute("CREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW INSERT INTO " + b.name() + ".t VALUES (NEW.id)");
            st.execute("CREATE TRIGGER " + b.name() + ".t_ai AFTER INSERT ON " + b.name() + ".t FOR EACH ROW BEGIN"
                    + " INSERT INTO `" + db.name() + "`.t2 VALUES (NEW.id); INSERT INTO " + c.name() + ".log VALUES (NEW.id); END");
            RowsThatStay rows = rows(conn, db);
            assertThat(rows.mayIn(b.name())).isTrue();
            assertThat(rows.may()).as("through b's trigger").isTrue();
        }
    }

    /**
     * H2: a linked table writes its rows into another database, where they commit whatever happens here; a schema with
     * one keeps rows through a rollback, as one with a MyISAM table does on MariaDB, and so does another schema of the
     * database, named as written (H2 folds unquoted names to upper case). A script's {@code CREATE LINKED TABLE} counts.
     */
    @Test
    void h2LinkedTablesKeepTheirRowsThroughARollback() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.H2); TestDatabase remote = TestDatabase.create(Vendor.H2);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            remote.exec("CREATE TABLE log (id INT)");
            st.execute("CREATE TABLE t (id INT)");
            st.execute("CREATE SCHEMA other");
            dev.dbshift.db.h2.H2Database h2 = new dev.dbshift.db.h2.H2Database();
            assertThat(new RowsThatStay(c, h2, "PUBLIC").may()).as("no linked table").isFalse();
            st.execute("CREATE LINKED TABLE other.rlog('org.h2.Driver', '" + remote.url() + "', 'sa', '', 'LOG')");
            assertThat(new RowsThatStay(c, h2, "PUBLIC").may()).isFalse();
            assertThat(new RowsThatStay(c, h2, "PUBLIC").mayIn("other")).as("named as written").isTrue();
            st.execute("CREATE LINKED TABLE rlog('org.h2.Driver', '" + remote.url() + "', 'sa', '', 'LOG')");
            assertThat(new RowsThatStay(c, h2, "PUBLIC").may()).isTrue();

            c.setAutoCommit(false);
            st.execute("INSERT INTO rlog VALUES (1)");
            c.rollback();
            try (java.sql.ResultSet n = st.executeQuery("SELECT COUNT(*) FROM rlog")) {
                n.next();
                assertThat(n.getInt(1)).as("what the question is about: the rollback left the row").isEqualTo(1);
            }
            assertThat(h2.mayMakeTableThatKeepsRows(dev.dbshift.sql.SqlStatement.alone("CREATE FORCE LINKED TABLE x('org.h2.Driver',"
                    + " 'jdbc:h2:mem:', 'sa', '', 'X')", h2.scriptDialect()))).isTrue();
        }
    }

    private static RowsThatStay rows(Connection c, TestDatabase db) {
        return new RowsThatStay(c, new MySqlDatabase(), db.name());
    }
}
