package dev.dbshift.sql;

import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.mysql.MySqlScriptErrors;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.db.postgres.PostgresScriptErrors;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Real server errors map to the script's line (and column, where the server says). */
class ServerErrorPositionTest {

    private static final String SCRIPT = "SELECT 1;\n\n-- the broken one\nSELECT a,\n       b\n  FROM (SELECT 1 AS a) t\n  WHRE 1 = 1;\n";

    @Test
    void postgres() throws Exception {
        SqlStatement broken = Splits.split(new PostgresScriptDialect(), SCRIPT).get(1);
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES); Connection c = db.connect()) {
            SQLException e = fail(c, broken);
            // PostgreSQL points at the token it choked on: WHRE, line 7 column 3
            assertThat(PostgresScriptErrors.position(broken, e)).contains(new ScriptPosition(7, 3));
            assertThat(PostgresScriptErrors.position(broken, new SQLException("no position"))).isEmpty();
        }
    }

    @Test
    void mariadb() throws Exception {
        SqlStatement broken = Splits.split(new MySqlScriptDialect(), SCRIPT).get(1);
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect()) {
            SQLException e = fail(c, broken);
            // MariaDB names the line of the statement where it choked: the fourth, script line 7
            Optional<ScriptPosition> p = MySqlScriptErrors.position(broken, e);
            assertThat(p).as(e.getMessage()).contains(new ScriptPosition(7, 1));
        }
    }

    private static SQLException fail(Connection c, SqlStatement s) {
        return catchThrowableOfType(SQLException.class, () -> {
            try (Statement st = c.createStatement()) {
                st.execute(s.sql());
            }
        });
    }
}
