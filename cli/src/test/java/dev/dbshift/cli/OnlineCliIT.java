package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dbshift online ...} through the packaged jar, with connections from the ordinary settings. */
class OnlineCliIT {
    @Test
    void dryRunExecuteStatusAndARefusal() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, status VARCHAR(20), amount DECIMAL(10,2))");
                st.execute("INSERT INTO orders (status, amount) SELECT 'new', seq FROM seq_1_to_3000");
                st.execute("CREATE TABLE no_key (a INT, b INT)");
            }
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            String spec = "ADD COLUMN flags INT NOT NULL DEFAULT 0, ADD INDEX idx_status (status)";

            DbShiftProcess.Result dry = DbShiftProcess.run(project.dir(), env, "online", "alter", "orders", spec, "--strategy", "copy");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("dry run: nothing changed");

            DbShiftProcess.Result run = DbShiftProcess.run(project.dir(), env, "online", "alter", "orders", spec,
                    "--strategy", "copy", "--execute");
            assertThat(run.exit()).as(run.toString()).isZero();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(flags) FROM orders")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3000);
                assertThat(rs.getInt(2)).isZero();
            }

            DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), env, "online", "status", "--json");
            assertThat(status.exit()).as(status.toString()).isZero();
            JsonNode json = new ObjectMapper().readTree(status.out());
            assertThat(json.toString()).contains("orders");

            DbShiftProcess.Result refused = DbShiftProcess.run(project.dir(), env, "online", "alter", "no_key", "ADD COLUMN c INT",
                    "--strategy", "copy", "--execute");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).containsIgnoringCase("primary key");
        }
    }
}
