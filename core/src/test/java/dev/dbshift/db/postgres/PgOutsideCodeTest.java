package dev.dbshift.db.postgres;

import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementWords;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a PostgreSQL statement writes outside its transaction through code a run's earlier statements made: learned from
 * their definitions in order (the catalog's code is read by the integration tests, against a server).
 */
@Pure
class PgOutsideCodeTest {
    private final PgOutsideCode code = PgOutsideCode.none();
    private final PostgresScriptDialect dialect = new PostgresScriptDialect();

    private Optional<String> in(String sql) {
        return code.in(SqlStatement.alone(sql, dialect, StatementWords.of(sql, dialect.lexicalForWords(),
                SqlStatement.ALONE_WORDS)));
    }

    private static final String SYNC = "CREATE OR REPLACE FUNCTION public.\"Sync\"() RETURNS void LANGUAGE plpgsql AS $$"
            + " BEGIN PERFORM dblink_exec('dbname=o', 'INSERT INTO log VALUES (1)'); END $$";

    @Test
    void aFunctionThatWritesElsewhereIsLearnedFromItsDefinitionAndItsCallsCount() {
        assertThat(in("SELECT \"Sync\"()")).as("not made yet").isEmpty();
        assertThat(in(SYNC)).as("a definition runs nothing").isEmpty();
        assertThat(in("SELECT \"Sync\"()")).hasValue("sync(), which calls dblink_exec");
        assertThat(in("SELECT public.sync()")).isPresent();
        assertThat(in("SELECT synced FROM t")).as("a longer word").isEmpty();
        assertThat(in("COMMENT ON FUNCTION \"Sync\"() IS 'x'")).isEmpty();
        assertThat(in("DROP FUNCTION \"Sync\"()")).isEmpty();
    }

    @Test
    void whatCallsItIsLearnedToo() {
        in(SYNC);
        assertThat(in("CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM sync(); RETURN NEW; END $$"))
                .isEmpty();
        assertThat(in("CREATE TRIGGER a_sync AFTER INSERT OR UPDATE ON app.accounts FOR EACH ROW EXECUTE FUNCTION audit()"))
                .isEmpty();
        assertThat(in("INSERT INTO app.accounts VALUES (1)")).hasValue("accounts, whose trigger calls audit()");
        assertThat(in("CREATE VIEW synced AS SELECT 1 AS n FROM sync()")).isEmpty();
        assertThat(in("SELECT * FROM synced")).hasValue("synced, which calls sync()");
        assertThat(in("CREATE TABLE IF NOT EXISTS jobs (id int DEFAULT 0, done text DEFAULT sync()::text)"))
                .as("a table whose default calls it: counts, and is learned").isPresent();
        assertThat(in("INSERT INTO jobs (id) VALUES (1)")).hasValue("jobs, which calls sync()");
        assertThat(in("UPDATE other SET a = 1")).isEmpty();
    }

    @Test
    void aTableCountsInRowChangesNotInChangesOfItsShapeAndARenameIsFollowed() {
        in(SYNC);
        in("CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM sync(); RETURN NEW; END $$");
        in("CREATE TRIGGER a_sync AFTER INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION audit()");
        assertThat(in("ALTER TABLE accounts ADD COLUMN note text")).as("fires no trigger").isEmpty();
        assertThat(in("CREATE INDEX ix_accounts ON accounts (note)")).isEmpty();
        assertThat(in("CREATE VIEW rich AS SELECT * FROM accounts")).as("reads it: learns nothing").isEmpty();
        assertThat(in("SELECT * FROM rich")).isEmpty();
        assertThat(in("ALTER TABLE accounts RENAME COLUMN note TO remark")).isEmpty();
        assertThat(in("INSERT INTO remark VALUES (1)")).isEmpty();
        assertThat(in("ALTER TABLE IF EXISTS accounts RENAME TO members")).isEmpty();
        assertThat(in("INSERT INTO members VALUES (1)")).hasValue("members, whose trigger calls audit()");
        assertThat(in("ALTER FUNCTION \"Sync\"() RENAME TO sync2")).as("a change of a definition runs nothing").isEmpty();
        assertThat(in("SELECT sync2()")).hasValue("sync2(), which calls dblink_exec");
    }

    /** pg_dump orders functions by name: a caller comes before what it calls, a trigger may come before both. */
    @Test
    void aDefinitionMetBeforeWhatItCallsIsLearnedOnceThatIs() {
        assertThat(in("CREATE TRIGGER a_sync AFTER INSERT ON public.audited FOR EACH ROW EXECUTE FUNCTION public.audit()"))
                .isEmpty();
        assertThat(in("CREATE FUNCTION public.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM"
                + " public.my_sync(NEW.id); RETURN NEW; END $$")).isEmpty();
        assertThat(in("INSERT INTO public.audited VALUES (1)")).as("nothing known to write yet").isEmpty();
        assertThat(in("CREATE FUNCTION public.my_sync(i integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM"
                + " dblink_exec('dbname=o', 'INSERT INTO log VALUES (1)'); END $$")).isEmpty();
        assertThat(in("SELECT public.audit()")).hasValue("audit(), which calls my_sync()");
        assertThat(in("INSERT INTO public.audited VALUES (1)")).hasValue("audited, whose trigger calls audit()");
    }

    @Test
    void anEventTriggerThatCallsItMakesEverySchemaChangeCount() {
        in(SYNC);
        assertThat(in("CREATE TABLE before_it (id int)")).isEmpty();
        in("CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM sync(); END $$");
        in("CREATE EVENT TRIGGER on_ddl ON ddl_command_end EXECUTE FUNCTION on_ddl()");
        assertThat(in("CREATE TABLE after_it (id int)")).hasValue("event trigger on_ddl, which calls on_ddl()");
        assertThat(in("INSERT INTO after_it VALUES (1)")).isEmpty();
        assertThat(in("CREATE FUNCTION later() RETURNS void LANGUAGE sql AS $$ SELECT dblink_exec('dbname=o', 'DELETE FROM log')"
                + " $$")).as("fires the event trigger").hasValue("event trigger on_ddl, which calls on_ddl()");
        assertThat(in("SELECT later()")).as("and is learned all the same").hasValue("later(), which calls dblink_exec");
    }

    @Test
    void aFunctionThatOnlyQueriesElsewhereIsNotLearned() {
        in("CREATE FUNCTION remote_count() RETURNS bigint LANGUAGE sql AS $$ SELECT n FROM dblink('dbname=o',"
                + " 'SELECT COUNT(*) FROM log') AS x(n bigint) $$");
        assertThat(in("SELECT remote_count()")).isEmpty();
        in("CREATE FUNCTION export() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'COPY t TO PROGRAM ''gzip > /tmp/t''';"
                + " END $$");
        assertThat(in("SELECT export()")).hasValue("export(), which calls COPY ... PROGRAM");
    }
}
