package dev.dbshift.db.mysql;

import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.TableFilter;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB's schema read, the online engine's preflight and lint's server facts skip {@code REFERENTIAL_CONSTRAINTS}
 * (which opens every table of a database, or of the server) when InnoDB's dictionary says no foreign key can be found.
 * They may only ever skip a read that would have found nothing: each way the dictionary could be misread (a table
 * renamed in from another database, a key from another database, a user without the PROCESS privilege) still finds them.
 */
class InnoDbForeignKeysTest {

    @Test
    void noForeignKeyIsSkippedAndOneIsSeenAtOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT)");
            assertThat(InnoDbForeignKeys.mayDeclare(c, db.name())).isFalse();
            assertThat(foreignKeys(c, db.name(), "child")).isEmpty();

            st.execute("ALTER TABLE child ADD CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE");
            assertThat(InnoDbForeignKeys.mayDeclare(c, db.name())).isTrue();
            assertThat(foreignKeys(c, db.name(), "child")).extracting(ForeignKey::name, ForeignKey::referencedTable, ForeignKey::onDelete)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("child_parent", "parent", "CASCADE"));
            // another database's foreign keys are not this one's
            try (TestDatabase other = TestDatabase.create(Vendor.MARIADB); Connection o = other.connect()) {
                assertThat(InnoDbForeignKeys.mayDeclare(o, other.name())).isFalse();
            }
        }
    }

    @Test
    void aTableRenamedInFromAnotherDatabaseBringsItsForeignKey() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); TestDatabase from = TestDatabase.create(Vendor.MARIADB);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE " + from.name() + ".child (id INT PRIMARY KEY, parent_id INT,"
                    + " CONSTRAINT moved_fk FOREIGN KEY (parent_id) REFERENCES " + db.name() + ".parent (id))");
            assertThat(InnoDbForeignKeys.mayDeclare(c, db.name())).isFalse();
            st.execute("RENAME TABLE " + from.name() + ".child TO " + db.name() + ".child");
            assertThat(InnoDbForeignKeys.mayDeclare(c, db.name())).isTrue();
            assertThat(foreignKeys(c, db.name(), "child")).extracting(ForeignKey::name).containsExactly("moved_fk");
        }
    }

    @Test
    void aKeyFromAnotherDatabaseIntoATableIsSeenByTheOnlineEngineAndLint() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); TestDatabase other = TestDatabase.create(Vendor.MARIADB);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE lonely (id INT PRIMARY KEY)");
            assertThat(InnoDbForeignKeys.mayTouch(c, db.name(), "parent")).isFalse();
            assertThat(InnoDbForeignKeys.mayTouch(c, db.name())).isFalse();
            assertThat(new dev.dbshift.db.mysql.online.MySqlInspector(c).foreignKeys(db.name(), "parent")).isEmpty();

            st.execute("CREATE TABLE " + other.name() + ".child (id INT PRIMARY KEY, parent_id INT,"
                    + " CONSTRAINT from_afar FOREIGN KEY (parent_id) REFERENCES " + db.name() + ".parent (id))");
            assertThat(InnoDbForeignKeys.mayTouch(c, db.name(), "parent")).isTrue();
            assertThat(InnoDbForeignKeys.mayTouch(c, db.name(), "lonely")).isFalse();
            assertThat(InnoDbForeignKeys.mayTouch(c, db.name())).isTrue();
            assertThat(InnoDbForeignKeys.mayDeclare(c, db.name())).isFalse();
            assertThat(new dev.dbshift.db.mysql.online.MySqlInspector(c).foreignKeys(db.name(), "parent"))
                    .containsExactly("from_afar (child -> parent)");
            assertThat(new MySqlDatabase().lintFacts(c, null).onlineBlockers()).containsEntry("parent", "foreign key from_afar");
        }
    }

    @Test
    void aUserWhoCannotReadTheDictionaryStillGetsTheForeignKeys() throws Exception {
        String user = "fkprobe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))");
            st.execute("CREATE USER '" + user + "'@'%'");
            try {
                st.execute("GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'%'");
                try (Connection limited = DriverManager.getConnection(db.url(), user, "")) {
                    try (Statement ls = limited.createStatement()) {
                        ls.executeQuery("select count(*) from information_schema.INNODB_SYS_FOREIGN").close();
                        throw new AssertionError("the user was meant to lack the PROCESS privilege");
                    } catch (SQLException expected) {
                        assertThat(expected.getErrorCode()).isEqualTo(1227);
                    }
                    assertThat(InnoDbForeignKeys.mayDeclare(limited, db.name())).isTrue();
                    assertThat(foreignKeys(limited, db.name(), "child")).extracting(ForeignKey::name).containsExactly("child_parent");
                    assertThat(InnoDbForeignKeys.mayTouch(limited, db.name(), "parent")).isTrue();
                    assertThat(new dev.dbshift.db.mysql.online.MySqlInspector(limited).foreignKeys(db.name(), "parent"))
                            .containsExactly("child_parent (child -> parent)");
                }
            } finally {
                st.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }

    @Test
    void aNameSpelledOtherwiseOnDiskIsAlwaysAskedInFull() throws Exception {
        // a database's folder spells '-' as @002d: its dictionary ids cannot be matched by the name, so none is skipped
        try (Connection c = DriverManager.getConnection(TestDatabase.MARIADB_SERVER, TestDatabase.MARIADB_USER, "")) {
            assertThat(InnoDbForeignKeys.mayDeclare(c, "no-such-db")).isTrue();
            assertThat(InnoDbForeignKeys.mayDeclare(c, "no_such_db_" + UUID.randomUUID().toString().substring(0, 8))).isFalse();
        }
    }

    private static List<ForeignKey> foreignKeys(Connection c, String schema, String table) throws SQLException {
        SchemaModel model = new MySqlSchemaReader().read(c, schema, TableFilter.everything());
        return model.table(table).orElseThrow().foreignKeys();
    }
}
