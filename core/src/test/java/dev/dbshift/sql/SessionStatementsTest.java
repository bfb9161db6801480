package dev.dbshift.sql;

import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.db.sqlite.SqliteScriptDialect;
import org.junit.jupiter.api.Test;

import static dev.dbshift.sql.SessionStatements.Effect.NONE;
import static dev.dbshift.sql.SessionStatements.Effect.SETS;
import static dev.dbshift.sql.SessionStatements.Effect.SETS_FROM_DATA;
import static org.assertj.core.api.Assertions.assertThat;

/** Which statements a resumed migration makes again in its new session, read as each vendor's client reads them. */
class SessionStatementsTest {
    private final ScriptDialect mysql = new MySqlScriptDialect();
    private final ScriptDialect pg = new PostgresScriptDialect();
    private final ScriptDialect sqlite = new SqliteScriptDialect();

    @Test
    void sessionSettingsAreMadeAgain() {
        assertThat(pg.sessionEffect("SET search_path = app")).isEqualTo(SETS);
        assertThat(pg.sessionEffect("set role migrator")).isEqualTo(SETS);
        assertThat(pg.sessionEffect("RESET search_path")).isEqualTo(SETS);
        assertThat(pg.sessionEffect("SELECT pg_catalog.set_config('search_path', '', false)")).as("pg_dump's first lines").isEqualTo(SETS);
        assertThat(mysql.sessionEffect("/*!40101 SET NAMES utf8mb4 */")).as("a dump's executable comment").isEqualTo(SETS);
        assertThat(mysql.sessionEffect("/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */")).isEqualTo(SETS);
        assertThat(mysql.sessionEffect("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')")).isEqualTo(SETS);
        assertThat(mysql.sessionEffect("USE `other db`")).isEqualTo(SETS);
        assertThat(sqlite.sessionEffect("PRAGMA foreign_keys = OFF")).isEqualTo(SETS);
        assertThat(sqlite.sessionEffect("pragma main.recursive_triggers(1)")).isEqualTo(SETS);
    }

    @Test
    void whatIsNotTheSessionsAloneIsLeftAlone() {
        assertThat(pg.sessionEffect("SET LOCAL lock_timeout = '1s'")).as("lasts a transaction").isEqualTo(NONE);
        assertThat(pg.sessionEffect("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")).isEqualTo(NONE);
        assertThat(pg.sessionEffect("SET CONSTRAINTS ALL DEFERRED")).isEqualTo(NONE);
        assertThat(mysql.sessionEffect("SET GLOBAL max_connections = 500")).as("the server's").isEqualTo(NONE);
        assertThat(mysql.sessionEffect("SET @@global.max_connections = 500")).isEqualTo(NONE);
        assertThat(mysql.sessionEffect("SET PASSWORD FOR bob = PASSWORD('x')")).isEqualTo(NONE);
        assertThat(mysql.sessionEffect("SET DEFAULT ROLE app TO bob")).isEqualTo(NONE);
        assertThat(mysql.sessionEffect("SET STATEMENT max_statement_time = 1 FOR SELECT 1")).isEqualTo(NONE);
        assertThat(mysql.sessionEffect("RESET MASTER")).as("deletes binary logs: never again").isEqualTo(NONE);
        assertThat(mysql.sessionEffect("SELECT * FROM t")).isEqualTo(NONE);
        assertThat(mysql.sessionEffect("INSERT INTO t VALUES ('SET x = 1')")).isEqualTo(NONE);
        assertThat(sqlite.sessionEffect("PRAGMA foreign_keys")).as("a read").isEqualTo(NONE);
        assertThat(sqlite.sessionEffect("PRAGMA user_version = 3")).as("the file's").isEqualTo(NONE);
    }

    @Test
    void aValueReadFromTheDataIsToldApart() {
        assertThat(mysql.sessionEffect("SET @top = (SELECT MAX(id) FROM t)")).isEqualTo(SETS_FROM_DATA);
        assertThat(mysql.sessionEffect("SELECT MAX(id) INTO @top FROM t")).isEqualTo(SETS_FROM_DATA);
        assertThat(mysql.sessionEffect("SELECT @n := COUNT(*) FROM t")).isEqualTo(SETS_FROM_DATA);
        assertThat(pg.sessionEffect("SELECT set_config('app.tenant', (SELECT min(id)::text FROM tenants), false)")).isEqualTo(SETS_FROM_DATA);
        assertThat(mysql.sessionEffect("SET @saved = 'SELECT'")).as("a word in a literal").isEqualTo(SETS);
    }

    @Test
    void userVariablesAreReadOrAssigned() {
        LexicalRules lex = ((ScriptRules) mysql).lexical();
        assertThat(SessionStatements.userVariables("SET @a = 1, @b = @a + 1", lex)).containsExactly(
                new SessionStatements.Mention("A", true), new SessionStatements.Mention("B", true), new SessionStatements.Mention("A", false));
        assertThat(SessionStatements.userVariables("DELETE FROM t WHERE id > @top", lex)).containsExactly(new SessionStatements.Mention("TOP", false));
        assertThat(SessionStatements.userVariables("UPDATE t SET x = 1 WHERE @top = 2", lex)).containsExactly(new SessionStatements.Mention("TOP", false));
        assertThat(SessionStatements.userVariables("SET @c = GREATEST(1, @a = 2)", lex)).containsExactly(
                new SessionStatements.Mention("C", true), new SessionStatements.Mention("A", false));
        assertThat(SessionStatements.userVariables("SELECT MAX(id) INTO @top FROM t", lex)).containsExactly(new SessionStatements.Mention("TOP", true));
        assertThat(SessionStatements.userVariables("SET @@session.sql_mode = ''", lex)).isEmpty();
    }

    @Test
    void whatMovesUnqualifiedNamesIsToldApart() {
        assertThat(mysql.movesNames("USE other")).isTrue();
        assertThat(pg.movesNames("SET search_path TO app, public")).isTrue();
        assertThat(pg.movesNames("SELECT pg_catalog.set_config('search_path', '', false)")).isTrue();
        assertThat(pg.movesNames("SET ROLE owner")).as("\"$user\" in the search path").isTrue();
        assertThat(pg.movesNames("RESET ALL")).isTrue();
        assertThat(new dev.dbshift.db.h2.H2ScriptDialect().movesNames("SET SCHEMA other")).isTrue();
        assertThat(mysql.movesNames("SET NAMES utf8mb4")).isFalse();
        assertThat(mysql.movesNames("SET FOREIGN_KEY_CHECKS = 0")).isFalse();
        assertThat(pg.movesNames("SET LOCAL search_path = x")).as("lasts its transaction").isFalse();
        assertThat(pg.movesNames("CREATE SCHEMA app")).isFalse();
    }
}
