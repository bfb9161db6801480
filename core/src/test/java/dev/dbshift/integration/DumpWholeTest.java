package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dump that fails part way leaves the last whole dump, or no file: before, it left a file that ended early (the
 * schema and the rows read before the failure) under the name a whole dump has.
 */
class DumpWholeTest {
    @TempDir
    Path dir;

    @Test
    void aDumpThatFailsPartWayLeavesTheLastWholeDumpOrNone() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            String role = "dbs_dump_" + db.name();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE a (id int PRIMARY KEY, v text)");
                st.execute("INSERT INTO a VALUES (1, 'row of a')");
                st.execute("CREATE TABLE b (id int PRIMARY KEY, v text)");
                st.execute("INSERT INTO b VALUES (2, 'row of b')");
                st.execute("CREATE ROLE " + role + " LOGIN");
                st.execute("GRANT USAGE ON SCHEMA " + db.name() + " TO " + role);
                st.execute("GRANT SELECT ON a, b TO " + role);
            }
            try {
                DbShift shift = DbShift.configure().projectDir(dir).environmentVariables(Map.of()).url(db.url()).user(role).load();
                Path file = dir.resolve("dump.sql");
                shift.schema().dump(file, true);
                String whole = Files.readString(file);
                assertThat(whole).contains("row of a").contains("row of b");

                // the role may no longer read b: pg_dump refuses, and the built-in dump fails after the schema and a's rows
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("REVOKE SELECT ON b FROM " + role);
                }
                assertThatThrownBy(() -> shift.schema().dump(file, true)).isInstanceOf(DbShiftException.class)
                        .hasMessageContaining("permission denied");
                assertThat(Files.readString(file)).isEqualTo(whole);

                Path first = dir.resolve("first.sql");
                assertThatThrownBy(() -> shift.schema().dump(first, true)).isInstanceOf(DbShiftException.class);
                try (Stream<Path> left = Files.list(dir)) {
                    assertThat(left.map(p -> p.getFileName().toString())).containsExactly("dump.sql");
                }
            } finally {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("DROP OWNED BY " + role + " CASCADE");
                    st.execute("DROP ROLE " + role);
                }
            }
        }
    }
    /** A dump that cannot be written names the file the user gave, never the hidden one it is written to first. */
    @Test
    void aDumpThatCannotBeWrittenNamesTheFileGiven() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            DbShift shift = DbShift.configure().projectDir(dir).environmentVariables(Map.of()).url(db.url()).user(TestDatabase.PG_USER).load();
            Path file = dir.resolve("no-such-folder/dump.sql");
            assertThatThrownBy(() -> shift.schema().dump(file, false)).isInstanceOf(DbShiftException.class)
                    .hasMessageContaining("cannot write the dump")
                    .hasMessageContaining(file.toString())
                    .hasMessageNotContaining(".dbshift-new")
                    .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.FAILED);
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left).isEmpty();
            }
        }
    }
}
