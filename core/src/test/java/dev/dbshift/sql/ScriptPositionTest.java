package dev.dbshift.sql;

import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScriptPositionTest {

    @Test
    void offsetsAndLines() {
        SqlStatement s = Splits.split(new PostgresScriptDialect(), "\n\n   SELECT 1,\n  2 FROM\n nowhere;").get(0);
        assertThat(ScriptPosition.atOffset(s, 0)).isEqualTo(new ScriptPosition(3, 4));
        assertThat(ScriptPosition.atOffset(s, 7)).isEqualTo(new ScriptPosition(3, 11));
        assertThat(ScriptPosition.atOffset(s, s.sql().indexOf("nowhere"))).isEqualTo(new ScriptPosition(5, 2));
        assertThat(ScriptPosition.atLine(s, 2)).isEqualTo(new ScriptPosition(4, 1));
        assertThat(ScriptPosition.atOffset(s, 0).format("m/1__x.sql", "boom")).isEqualTo("m/1__x.sql:3:4: boom");
    }

    @Test
    void aRealPostgresErrorPointsIntoTheScript() throws Exception {
        String script = "SELECT 1;\n-- comment\nSELECT a,\n       no_such_column\nFROM (SELECT 1 AS a) t;";
        List<SqlStatement> statements = Splits.split(new PostgresScriptDialect(), script);
        SqlStatement failing = statements.get(1);
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES); Connection c = db.connect();
             Statement st = c.createStatement()) {
            PSQLException e = catchThrowableOfType(PSQLException.class, () -> st.execute(failing.sql()));
            int position = e.getServerErrorMessage().getPosition(); // 1-based
            assertThat(ScriptPosition.atOffset(failing, position - 1)).isEqualTo(new ScriptPosition(4, 8));
        }
    }
}
