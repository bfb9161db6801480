package dev.dbshift.db.mysql.lint;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** A copying ALTER fixed with {@code -- dbshift:online} runs through the online engine on the real MariaDB. */
class MySqlRewritesAppliedTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create();

    @Test
    void theFixedMigrationRunsOnline() throws SQLException {
        TestDatabase db = databases.start(Vendor.MARIADB);
        String alter = "-- wider totals\nALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;\n";
        var fixed = MySqlRewritesTest.fix(alter);
        assertThat(fixed.fixed()).extracting(f -> f.rule()).contains("mysql-alter-copies-table");
        project.file("migrations/1__orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY, total DECIMAL(10,2) NOT NULL);\n"
                        + "INSERT INTO orders SELECT seq, seq / 100 FROM seq_1_to_2000;\n")
                .file("migrations/2__wider_totals.sql", fixed.text());

        assertThat(project.configure(db).load().up().success()).isTrue();

        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT column_type, (SELECT count(*) FROM orders) FROM information_schema.columns"
                     + " WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'total'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("decimal(12,2)");
            assertThat(rs.getLong(2)).isEqualTo(2000);
        }
    }
}
