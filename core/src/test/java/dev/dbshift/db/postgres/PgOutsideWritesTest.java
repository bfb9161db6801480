package dev.dbshift.db.postgres;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What in a PostgreSQL statement writes outside its transaction, read from its text. */
@Pure
class PgOutsideWritesTest {

    @Test
    void dblinksWritesAndProgramsAreOutside() {
        assertThat(PgOutsideWrites.in("SELECT dblink_exec('dbname=other', 'INSERT INTO log VALUES (1)')")).hasValue("dblink_exec");
        assertThat(PgOutsideWrites.in("select public.DBLINK_EXEC ('conn', $q$DELETE FROM log$q$)")).hasValue("dblink_exec");
        assertThat(PgOutsideWrites.in("SELECT dblink_send_query('conn', 'SELECT 1')")).hasValue("dblink_send_query");
        assertThat(PgOutsideWrites.in("DO $$ BEGIN PERFORM dblink_exec('conn', 'UPDATE t SET a = 1'); END $$"))
                .hasValue("dblink_exec");
        assertThat(PgOutsideWrites.in("COPY t TO PROGRAM 'gzip > /tmp/t.gz'")).hasValue("COPY ... PROGRAM");
        assertThat(PgOutsideWrites.in("copy t (a, b)\n  from program 'curl -s http://x'")).hasValue("COPY ... PROGRAM");
        assertThat(PgOutsideWrites.in("/* export */ COPY t TO PROGRAM 'cat > /dev/null'")).hasValue("COPY ... PROGRAM");
        assertThat(PgOutsideWrites.in("CREATE MATERIALIZED VIEW m AS SELECT dblink_exec('c', 'DELETE FROM t')"))
                .as("it runs its query").hasValue("dblink_exec");
        // dblink() that runs a remote statement which writes, or whose text is not known
        assertThat(PgOutsideWrites.in("SELECT * FROM dblink('dbname=o', 'INSERT INTO log VALUES (1) RETURNING id') AS x(id int)"))
                .hasValue("dblink");
        assertThat(PgOutsideWrites.in("SELECT * FROM dblink('dbname=o', 'WITH d AS (DELETE FROM log RETURNING id) SELECT id"
                + " FROM d') AS x(id int)")).hasValue("dblink");
        assertThat(PgOutsideWrites.in("SELECT * FROM dblink('dbname=o', some_column) AS x(id int)")).hasValue("dblink");
        assertThat(PgOutsideWrites.in("SELECT * FROM dblink('dbname=o', E'SELECT nextval(\\'s\\')') AS x(id bigint)"))
                .hasValue("dblink");
    }

    @Test
    void queriesDefinitionsAndLookAlikesAreNot() {
        // the usual copy of rows in through a remote query
        assertThat(PgOutsideWrites.in("INSERT INTO t SELECT * FROM dblink('dbname=o host=h', 'SELECT id, name FROM users')"
                + " AS x(id int, name text)")).isEmpty();
        assertThat(PgOutsideWrites.in("SELECT * FROM dblink('conn', $r$ SELECT 'it''s' $r$) AS x(a text)")).isEmpty();
        assertThat(PgOutsideWrites.in("SELECT * FROM dblink('dbname=create_db', 'select count(*) from t') AS x(n int)"))
                .isEmpty();
        // what defines code does not run it
        assertThat(PgOutsideWrites.in("CREATE OR REPLACE FUNCTION f() RETURNS void AS $$ SELECT dblink_exec('c', 'DELETE FROM t')"
                + " $$ LANGUAGE sql")).isEmpty();
        assertThat(PgOutsideWrites.in("-- sync\nCREATE FUNCTION sync() RETURNS void AS $$ SELECT dblink_exec('c', 'DELETE FROM t')"
                + " $$ LANGUAGE sql")).as("after a comment").isEmpty();
        assertThat(PgOutsideWrites.in("CREATE EXTENSION IF NOT EXISTS dblink")).isEmpty();
        assertThat(PgOutsideWrites.in("COMMENT ON FUNCTION dblink_exec(text, text) IS 'x'")).isEmpty();
        assertThat(PgOutsideWrites.in("DROP FUNCTION my_dblink_exec(text)")).isEmpty();
        // words that only look alike
        assertThat(PgOutsideWrites.in("INSERT INTO program (name) VALUES ('dblink_exec')")).isEmpty();
        assertThat(PgOutsideWrites.in("SELECT my_dblink_exec('x')")).isEmpty();
        assertThat(PgOutsideWrites.in("COPY t FROM STDIN")).isEmpty();
        assertThat(PgOutsideWrites.in("CREATE TABLE t (id int)")).isEmpty();
    }
}
