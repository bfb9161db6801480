package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema checksum a newer dbshift recorded, in a canonical form this one does not know, is neither drift nor a
 * match: {@code check} and {@code checksum --verify} stop with exit 3 and say which dbshift can compare it, {@code status}
 * says it was not compared. (A dbshift that guessed would either cry drift at every deploy after a teammate upgraded,
 * or let real drift pass.) Checksums it knows still compare: the same project reads as a match once the history holds
 * the live schema's own checksum again.
 */
class SchemaChecksumVersionIT {
    private final TestProject project = TestProject.create()
            .file("migrations/1__a.sql", "CREATE TABLE a (id INT PRIMARY KEY, v INT INVISIBLE);\n");
    private final TestDatabase db = TestDatabase.create(Vendor.H2);

    @AfterEach
    void drop() {
        db.close();
    }

    private DbShiftProcess.Result run(String... args) {
        return DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), args);
    }

    private void recorded(String checksum) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE dbshift_history SET schema_checksum = '" + checksum + "' WHERE schema_checksum IS NOT NULL");
        }
    }

    @Test
    void aChecksumInANewerFormIsNotComparedAndSaysSo() throws Exception {
        assertThat(run("up").exit()).isZero();
        DbShiftProcess.Result own = run("checksum", "--verify");
        assertThat(own.exit()).as(own.toString()).isZero();
        String live = own.out().lines().findFirst().orElseThrow();
        assertThat(live).startsWith("s9:");

        recorded("s10:" + "0".repeat(64));
        DbShiftProcess.Result check = run("check");
        assertThat(check.exit()).as(check.toString()).isEqualTo(3);
        assertThat(check.err()).contains("[drift-unknown]", "newer than this dbshift knows", "s10:")
                .doesNotContain("schema drift:");
        DbShiftProcess.Result status = run("status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("Schema: not compared", "newer than this dbshift knows")
                .doesNotContain("DRIFT", "matches the checksum");
        DbShiftProcess.Result verify = run("checksum", "--verify");
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(3);
        assertThat(verify.out()).contains(live, "not compared");

        // an s2 record (a dbshift before invisible columns counted) compares with the live schema's s2 form; an edit of it is drift
        DbShiftProcess.Result json = run("checksum", "--json");
        assertThat(json.out()).contains("\"compared\" : false");
        recorded("s2:" + "0".repeat(64));
        DbShiftProcess.Result older = run("check");
        assertThat(older.exit()).as(older.toString()).isEqualTo(3);
        assertThat(older.err()).contains("[drift]", "schema drift:", "s2:");
        recorded(live);
        assertThat(run("check").exit()).isZero();
    }
}
