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
 * MariaDB's schema read skips {@code REFERENTIAL_CONSTRAINTS} (which opens every table) when InnoDB's dictionary says
 * the database has no foreign key. It may only ever skip a read that would have found nothing: each way the dictionary
 * could be misread (a table renamed in from another database, a user without the PROCESS privilege) still finds them.
 */
class MySqlForeignKeyProbeTest {

    @Test
    void noForeignKeyIsSkippedAndOneIsSeenAtOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT)");
            assertThat(MySqlSchemaReader.mayHaveForeignKeys(c, db.name())).isFalse();
            assertThat(foreignKeys(c, db.name(), "child")).isEmpty();

            st.execute("ALTER TABLE child ADD CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE");
            assertThat(MySqlSchemaReader.mayHaveForeignKeys(c, db.name())).isTrue();
            assertThat(foreignKeys(c, db.name(), "child")).extracting(ForeignKey::name, ForeignKey::referencedTable, ForeignKey::onDelete)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("child_parent", "parent", "CASCADE"));
            // another database's foreign keys are not this one's
            try (TestDatabase other = TestDatabase.create(Vendor.MARIADB); Connection o = other.connect()) {
                assertThat(MySqlSchemaReader.mayHaveForeignKeys(o, other.name())).isFalse();
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
            assertThat(MySqlSchemaReader.mayHaveForeignKeys(c, db.name())).isFalse();
            st.execute("RENAME TABLE " + from.name() + ".child TO " + db.name() + ".child");
            assertThat(MySqlSchemaReader.mayHaveForeignKeys(c, db.name())).isTrue();
            assertThat(foreignKeys(c, db.name(), "child")).extracting(ForeignKey::name).containsExactly("moved_fk");
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
                    assertThat(MySqlSchemaReader.mayHaveForeignKeys(limited, db.name())).isTrue();
                    assertThat(foreignKeys(limited, db.name(), "child")).extracting(ForeignKey::name).containsExactly("child_parent");
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
            assertThat(MySqlSchemaReader.mayHaveForeignKeys(c, "no-such-db")).isTrue();
            assertThat(MySqlSchemaReader.mayHaveForeignKeys(c, "no_such_db_" + UUID.randomUUID().toString().substring(0, 8))).isFalse();
        }
    }

    private static List<ForeignKey> foreignKeys(Connection c, String schema, String table) throws SQLException {
        SchemaModel model = new MySqlSchemaReader().read(c, schema, TableFilter.everything());
        return model.table(table).orElseThrow().foreignKeys();
    }
}
