package dev.dbshift.db.h2;

import dev.dbshift.sql.StatementEffect;
import dev.dbshift.sql.StatementEffect.CatalogObject;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What H2 leaves when a process dies inside an ALTER it runs as copy, drop and rename, and what dbshift tells the
 * person deciding whether the statement completed. The states are those FaultIT's SIGKILL left in a real H2 file
 * ({@code DST} gone, its rows and index in {@code DST_COPY_3_0}); here they are built with plain DDL, and the mend the
 * message gives is run as written and must give the table back.
 */
@Pure
class H2InterruptedAlterTest {

    @TempDir
    Path dir;

    private final H2Database h2 = new H2Database();

    private Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), "sa", "");
    }

    private Optional<String> said(Connection c, String alter) throws Exception {
        CatalogObject table = StatementEffect.alteredTable(alter).orElseThrow();
        return h2.interruptedAlter(c, "PUBLIC", table);
    }

    @Test
    void theTableLeftUnderItsCopysNameIsNamedWithTheRenamesThatGiveItBack() throws Exception {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE dst_copy_3_0 (id INT, v BIGINT)");
            st.execute("INSERT INTO dst_copy_3_0 VALUES (1, 10), (2, 20)");
            st.execute("CREATE INDEX dst_copy_3_0_ix_dst_v ON dst_copy_3_0 (v)");
            st.execute("CREATE TABLE other (a INT)");

            String message = said(c, "ALTER TABLE dst ALTER COLUMN v SET DATA TYPE BIGINT").orElseThrow();
            assertThat(message).startsWith("H2 left the table as DST_COPY_3_0 and \"DST\" is gone")
                    .endsWith("check it, and record the statement done");
            Matcher mend = Pattern.compile("Rename it back \\((.*)\\), check it").matcher(message);
            assertThat(mend.find()).as(message).isTrue();
            assertThat(mend.group(1)).isEqualTo("ALTER TABLE \"DST_COPY_3_0\" RENAME TO \"DST\";"
                    + " ALTER INDEX \"DST_COPY_3_0_IX_DST_V\" RENAME TO \"IX_DST_V\"");
            for (String sql : mend.group(1).split("; ")) {
                st.execute(sql);
            }
            assertThat(names(st, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"))
                    .containsExactlyInAnyOrder("DST", "OTHER");
            assertThat(names(st, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'DST'")).contains("IX_DST_V");
            assertThat(names(st, "SELECT SUM(v) FROM dst")).containsExactly("30");
            assertThat(said(c, "ALTER TABLE dst ALTER COLUMN v SET DATA TYPE BIGINT")).as("nothing left once mended").isEmpty();
        }
    }

    @Test
    void aCopyBesideTheTableIsToBeDroppedAndTheStatementIsNotDone() throws Exception {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE dst (id INT, v INT)");
            st.execute("CREATE TABLE dst_copy_7_2 (id INT, v BIGINT)");
            assertThat(said(c, "ALTER TABLE dst ALTER COLUMN v SET DATA TYPE BIGINT").orElseThrow())
                    .startsWith("H2 left DST_COPY_7_2, its copy of the table for this ALTER")
                    .contains("\"DST\" is still there, so the ALTER did not complete: drop the copy (DROP TABLE \"DST_COPY_7_2\")")
                    .endsWith("record the statement not done");
        }
    }

    @Test
    void nothingIsSaidWithoutACopyOrForAnotherTablesCopy() throws Exception {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE dst (id INT, v INT)");
            st.execute("CREATE TABLE \"dst_x\" (id INT)");
            st.execute("CREATE TABLE dstx_copy_1_1 (id INT)");
            st.execute("CREATE TABLE dst2_copy_1_1 (id INT)");
            assertThat(said(c, "ALTER TABLE dst ALTER COLUMN v SET DATA TYPE BIGINT")).isEmpty();
            // a quoted lower-case name is its own table: its copy is found under that exact name
            st.execute("CREATE TABLE \"dst_x_COPY_4_1\" (id INT)");
            assertThat(said(c, "ALTER TABLE \"dst_x\" ADD w INT").orElseThrow()).contains("dst_x_COPY_4_1");
            assertThat(said(c, "ALTER TABLE dst_x ADD w INT")).as("unquoted: DST_X, another table").isEmpty();
        }
    }

    private static List<String> names(Statement st, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
