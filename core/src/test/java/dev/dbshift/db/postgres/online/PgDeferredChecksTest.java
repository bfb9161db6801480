package dev.dbshift.db.postgres.online;

import dev.dbshift.online.AlterSpec;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static dev.dbshift.testing.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table's {@code NOT VALID} check waits, with the deferred indexes, until the shadow is filled: the old row that breaks
 * it is copied, and the check comes back {@code NOT VALID}. A run killed after adding it, before its list was cleared,
 * adds the rest on resume without failing on what is there.
 */
class PgDeferredChecksTest {

    @Test
    void aNotValidCheckComesBackNotValidAfterTheCopyAndAgainAfterAKill() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES); Connection c = db.connect();
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id INT PRIMARY KEY, n INT NOT NULL, note TEXT)");
            st.execute("CREATE INDEX items_note ON items (note)");
            st.execute("INSERT INTO items VALUES (1, -5, 'old'), (2, 7, 'new')");
            st.execute("ALTER TABLE items ADD CONSTRAINT items_n_positive CHECK (n > 0) NOT VALID");
            OnlineNames names = OnlineNames.of(db.name(), "items");
            PgShadowTable shadow = new PgShadowTable(c, names);
            shadow.create(AlterSpec.parse("ALTER COLUMN n TYPE BIGINT", Map.of()));
            assertThat(shadow.deferIndexes()).isEqualTo(1);
            st.execute("INSERT INTO " + names.shadow() + " SELECT * FROM items"); // the copy: the old row goes in
            String listed = comment(st, names.shadow());

            assertThat(shadow.restoreIndexes(AlterSpec.parse("ALTER COLUMN n TYPE BIGINT", Map.of()), () -> { })).isEqualTo(2);
            st.execute("COMMENT ON TABLE " + names.shadow() + " IS '" + listed.replace("'", "''") + "'"); // killed before clearing it
            assertThat(shadow.restoreIndexes(AlterSpec.parse("ALTER COLUMN n TYPE BIGINT", Map.of()), () -> { })).isEqualTo(2);

            assertThat(strings(st, "SELECT conname || ' ' || convalidated::text FROM pg_constraint WHERE contype = 'c'"
                    + " AND conrelid = '" + names.shadow() + "'::regclass")).containsExactly("items_n_positive false");
            assertThat(strings(st, "SELECT count(*) FROM pg_index WHERE indrelid = '" + names.shadow() + "'::regclass")).containsExactly("2");
            assertThat(comment(st, names.shadow())).isNull();
        }
    }

    private static String comment(Statement st, String table) throws Exception {
        return strings(st, "SELECT obj_description('" + table + "'::regclass, 'pg_class')").get(0);
    }
}
