package dev.dbshift.sql;

import dev.dbshift.db.h2.H2ScriptDialect;
import dev.dbshift.db.sqlite.SqliteScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import static dev.dbshift.sql.Splits.sqls;
import static org.assertj.core.api.Assertions.assertThat;

@Pure
class SqliteAndH2ScriptDialectTest {

    @Test
    void sqliteTriggerBodies() {
        String t = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET b = CASE WHEN new.a > 0 THEN 1 ELSE 0 END;\n"
                + "  INSERT INTO [log] VALUES (`x;`, 'y;');\nEND";
        String temp = "CREATE TEMP TRIGGER t2 BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no'); END";
        assertThat(sqls(new SqliteScriptDialect(), t + ";\n" + temp + ";\nBEGIN;\nSELECT 'a\\';COMMIT;"))
                .containsExactly(t, temp, "BEGIN", "SELECT 'a\\'", "COMMIT");
    }

    @Test
    void h2DollarQuotesAndSlashComments() {
        String alias = "CREATE ALIAS rev AS $$ String rev(String s) { return s; } $$";
        assertThat(sqls(new H2ScriptDialect(), alias + ";\n// a; comment\nSELECT 'a''b;';"))
                .containsExactly(alias, "SELECT 'a''b;'");
    }
}
