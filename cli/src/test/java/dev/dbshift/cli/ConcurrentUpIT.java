package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight processes start {@code dbshift up} at once on one database: each migration is applied exactly once, and
 * every process waits for the lock and succeeds (SQLite: never SQLITE_BUSY, whatever its busy timeout).
 */
class ConcurrentUpIT {
    private static final int PROCESSES = 8;
    private static final int MIGRATIONS = 25;

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB", "SQLITE"})
    void everyMigrationIsAppliedExactlyOnce(Vendor vendor) throws Exception {
        TestProject project = TestProject.create();
        for (int i = 1; i <= MIGRATIONS; i++) {
            project.file("migrations/" + i + "__t" + i + ".sql",
                    "CREATE TABLE t" + i + " (id INT PRIMARY KEY, v VARCHAR(10));\nINSERT INTO t" + i + " VALUES (1, 'x');\n");
        }
        try (TestDatabase db = TestDatabase.create(vendor)) {
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            List<Process> processes = new ArrayList<>();
            List<File> errs = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                File err = File.createTempFile("dbshift-concurrent", ".err");
                err.deleteOnExit();
                errs.add(err);
                processes.add(DbShiftProcess.builder(project.dir(), env, "up", "-q")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).start());
            }
            for (int p = 0; p < PROCESSES; p++) {
                assertThat(processes.get(p).waitFor(180, TimeUnit.SECONDS)).isTrue();
                assertThat(processes.get(p).exitValue()).as(java.nio.file.Files.readString(errs.get(p).toPath())).isZero();
            }
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                Map<String, Integer> applies = dev.dbshift.testing.Queries.applies(st);
                assertThat(applies).hasSize(MIGRATIONS);
                assertThat(applies.values()).containsOnly(1);
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(CASE WHEN success THEN 1 ELSE 0 END),"
                        + " COUNT(finished_at) FROM dbshift_runs")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(PROCESSES);
                    assertThat(rs.getInt(2)).isEqualTo(PROCESSES);
                    assertThat(rs.getInt(3)).isEqualTo(PROCESSES);
                }
                for (int i = 1; i <= MIGRATIONS; i++) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t" + i)) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(1);
                    }
                }
            }
        }
    }
}
