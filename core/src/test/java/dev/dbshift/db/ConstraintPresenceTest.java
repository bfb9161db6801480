package dev.dbshift.db;

import dev.dbshift.sql.StatementEffect.CatalogObject;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog says whether a table's primary key and its named constraints are there, for deciding whether an
 * interrupted ALTER TABLE that added or dropped them completed (a foreign key and a check of the same table told apart).
 */
class ConstraintPresenceTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB", "H2"})
    void primaryKeysAndNamedConstraintsAreLookedUpOnTheirTable(Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        Database database = Databases.forUrl(db.url());
        String schema = vendor == Vendor.H2 ? "PUBLIC" : db.name(); // PostgreSQL: a schema of its own
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE u (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE p (id INT, u INT, CONSTRAINT p_u FOREIGN KEY (u) REFERENCES u (id), CONSTRAINT p_pos CHECK (id > 0))");
            assertThat(database.presence(c, schema, new CatalogObject("PRIMARY KEY", null, "u", "PRIMARY"))).contains(Database.Presence.PRESENT);
            assertThat(database.presence(c, schema, new CatalogObject("PRIMARY KEY", null, "p", "PRIMARY"))).contains(Database.Presence.ABSENT);
            assertThat(database.presence(c, schema, new CatalogObject("FOREIGN KEY", null, "p", "p_u"))).contains(Database.Presence.PRESENT);
            assertThat(database.presence(c, schema, new CatalogObject("FOREIGN KEY", null, "p", "p_pos"))).contains(Database.Presence.ABSENT);
            assertThat(database.presence(c, schema, new CatalogObject("CHECK", null, "p", "p_pos"))).contains(Database.Presence.PRESENT);
            assertThat(database.presence(c, schema, new CatalogObject("CONSTRAINT", null, "p", "p_u"))).contains(Database.Presence.PRESENT);
            assertThat(database.presence(c, schema, new CatalogObject("CONSTRAINT", null, "u", "p_u"))).contains(Database.Presence.ABSENT);
            st.execute(vendor == Vendor.MARIADB ? "ALTER TABLE p DROP FOREIGN KEY p_u" : "ALTER TABLE p DROP CONSTRAINT p_u");
            assertThat(database.presence(c, schema, new CatalogObject("FOREIGN KEY", null, "p", "p_u"))).contains(Database.Presence.ABSENT);
        }
    }
}
