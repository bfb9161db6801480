package dev.dbshift.migration.format;

import dev.dbshift.DbShiftException;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.sql.ScriptDirectives;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** golang-migrate, goose, dbmate, sql-migrate and sqlx folders read as they are, and dbshift's own layout left alone. */
@Pure
class NumberedFileFormatsTest {
    private final TestProject project = TestProject.create();

    private FileMigrationSource source(String format) {
        return new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader())
                .withFormats(MigrationFormats.all(), format);
    }

    private List<MigrationRef> list(String format) {
        return source(format).list().stream().sorted(Comparator.comparing(MigrationRef::version)).toList();
    }

    private String text(String format, ScriptRef s) throws IOException {
        return source(format).text(s);
    }

    private List<String> statements(String format, ScriptRef s) throws IOException {
        List<String> out = new ArrayList<>();
        try (StatementIterator it = new PostgresScriptDialect().split(new StringReader(text(format, s)), ScriptOptions.of(s.name()))) {
            it.forEachRemaining(st -> out.add(st.sql() + "@" + st.line()));
        }
        return out;
    }

    private static final String GOOSE = """
            -- a comment goose keeps
            -- +goose NO TRANSACTION
            -- +goose Up
            CREATE TABLE users (id int);
            -- +goose StatementBegin
            CREATE FUNCTION f() RETURNS int AS 'SELECT 1; SELECT 2' LANGUAGE sql;
            INSERT INTO users VALUES (1);
            -- +goose StatementEnd

            -- +goose Down
            DROP FUNCTION f();
            DROP TABLE users;
            """;

    @Test
    void goose() throws IOException {
        project.file("migrations/00001_create_users.sql", GOOSE)
                .file("migrations/20240101120000_add_index.sql", "-- +goose up\nCREATE INDEX i ON users (id);\n")
                .file("migrations/README.md", "not a migration");
        List<MigrationRef> refs = list("auto");
        assertThat(refs).extracting(m -> m.version().toString(), MigrationRef::description, MigrationRef::foreignId, MigrationRef::hasDown)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("00001", "create users", "goose:1", true),
                        org.assertj.core.groups.Tuple.tuple("20240101120000", "add index", "goose:20240101120000", false));
        MigrationRef first = refs.get(0);
        String up = text("auto", first.up().get(0));
        assertThat(up.split("\n", -1)).hasSize(GOOSE.split("\n", -1).length);
        assertThat(up).isEqualTo("\n\n-- dbshift:no-transaction\nCREATE TABLE users (id int);\n-- dbshift:statement-begin\n"
                + "CREATE FUNCTION f() RETURNS int AS 'SELECT 1; SELECT 2' LANGUAGE sql;\nINSERT INTO users VALUES (1);\n"
                + "-- dbshift:statement-end\n\n\n\n\n");
        assertThat(ScriptDirectives.parse("x", up).noTransaction()).isTrue();
        assertThat(statements("auto", first.up().get(0))).containsExactly("CREATE TABLE users (id int)@4",
                "CREATE FUNCTION f() RETURNS int AS 'SELECT 1; SELECT 2' LANGUAGE sql;\nINSERT INTO users VALUES (1)@6");
        assertThat(statements("auto", first.down().get(0))).containsExactly("DROP FUNCTION f()@11", "DROP TABLE users@12");
        assertThat(first.up().get(0).name()).isEqualTo("migrations/00001_create_users.sql");
    }

    @Test
    void gooseRefusalsNameTheFile() {
        project.file("migrations/00001_a.sql", "CREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n")
                .file("migrations/00002_b.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n")
                .file("migrations/00003_c.sql", "-- +goose Up\n-- +goose ENVSUB ON\nSELECT '${X}';\n")
                .file("migrations/00004_d.go", "package migrations\n")
                .file("migrations/00005_e.sql", "-- +goose Up\n-- +goose Sideways\nSELECT 1;\n")
                .file("migrations/0_zero.sql", "-- +goose Up\nSELECT 1;\n");
        assertThatThrownBy(() -> list("auto")).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/00001_a.sql: no '-- +goose Up' line")
                .hasMessageContaining("migrations/00002_b.sql:2: a statement block without its end")
                .hasMessageContaining("migrations/00003_c.sql:2: '-- +goose ENVSUB ON': goose's environment substitution is not read")
                .hasMessageContaining("migrations/00004_d.go: a goose Go migration; dbshift runs SQL migrations only")
                .hasMessageContaining("migrations/00005_e.sql:2: '-- +goose Sideways' is not a goose annotation")
                .hasMessageContaining("migrations/0_zero.sql: not a goose migration name");
    }

    @Test
    void dbmate() throws IOException {
        project.file("migrations/20240101120000_create_users.sql",
                "-- migrate:up transaction:false\nCREATE TABLE users (id int);\n\n-- migrate:down\nDROP TABLE users;\n")
                .file("migrations/20240102000000_seed.sql", "-- migrate:up\nINSERT INTO users VALUES (1);\n");
        List<MigrationRef> refs = list("auto");
        assertThat(refs).extracting(MigrationRef::foreignId).containsExactly("dbmate:20240101120000", "dbmate:20240102000000");
        assertThat(text("auto", refs.get(0).up().get(0))).isEqualTo("-- dbshift:no-transaction\nCREATE TABLE users (id int);\n\n\n\n");
        assertThat(text("auto", refs.get(0).down().get(0))).isEqualTo("\n\n\n\nDROP TABLE users;\n");
        assertThat(refs.get(1).hasDown()).isFalse();
        project.file("migrations/20240103000000_bad.sql", "-- migrate:up transaction:maybe\nSELECT 1;\n");
        assertThatThrownBy(() -> list("auto")).hasMessageContaining(
                "migrations/20240103000000_bad.sql:1: 'transaction:maybe' is not a dbmate option");
    }

    @Test
    void sqlMigrate() throws IOException {
        project.file("migrations/1_initial.sql", """
                -- +migrate Up notransaction
                CREATE TABLE people (id int);
                -- +migrate StatementBegin
                CREATE FUNCTION g() RETURNS int AS 'SELECT 1; SELECT 2' LANGUAGE sql;
                -- +migrate StatementEnd

                -- +migrate Down
                DROP TABLE people;
                """).file("migrations/2-record.sql", "-- +migrate Up\nINSERT INTO people VALUES (1);\n");
        List<MigrationRef> refs = list("auto");
        assertThat(refs).extracting(MigrationRef::foreignId).containsExactly("sql-migrate:1_initial.sql", "sql-migrate:2-record.sql");
        assertThat(refs).extracting(MigrationRef::description).containsExactly("initial", "record");
        assertThat(statements("auto", refs.get(0).up().get(0))).containsExactly("CREATE TABLE people (id int)@2",
                "CREATE FUNCTION g() RETURNS int AS 'SELECT 1; SELECT 2' LANGUAGE sql@4");
        assertThat(ScriptDirectives.parse("x", text("auto", refs.get(0).up().get(0))).noTransaction()).isTrue();
        assertThat(ScriptDirectives.parse("x", text("auto", refs.get(0).down().get(0))).noTransaction()).isFalse();
        project.file("migrations/init.sql", "-- +migrate Up\nSELECT 1;\n");
        assertThatThrownBy(() -> list("auto")).hasMessageContaining("migrations/init.sql: not a sql-migrate migration name");
    }

    @Test
    void golangMigrate() throws IOException {
        project.file("migrations/000001_create_users.up.sql", "CREATE TABLE users (id int);\n")
                .file("migrations/000001_create_users.down.sql", "DROP TABLE users;\n")
                .file("migrations/000002_add_index.up.sql", "CREATE INDEX i ON users (id);\n")
                .file("migrations/10_later.up.sql", "SELECT 1;\n");
        List<MigrationRef> refs = list("auto");
        assertThat(refs).extracting(MigrationRef::foreignId)
                .containsExactly("golang-migrate:1", "golang-migrate:2", "golang-migrate:10");
        assertThat(refs.get(0).down()).extracting(ScriptRef::name).containsExactly("migrations/000001_create_users.down.sql");
        assertThat(refs.get(0).description()).isEqualTo("create users");
        assertThat(text("auto", refs.get(0).up().get(0))).isEqualTo("CREATE TABLE users (id int);\n");
        project.file("migrations/1_again.up.sql", "SELECT 2;\n").file("migrations/3_orphan.down.sql", "SELECT 3;\n")
                .file("migrations/4_x.up.json", "{}").file("migrations/5_plain.txt.sql.bak", "x");
        assertThatThrownBy(() -> list("auto"))
                .hasMessageContaining("version 1 has more than one up script: migrations/000001_create_users.up.sql, migrations/1_again.up.sql")
                .hasMessageContaining("migrations/3_orphan.down.sql: a down script without an up script for version 3")
                .hasMessageContaining("migrations/4_x.up.json: a golang-migrate migration in '.json'");
    }

    @Test
    void sqlxPlainAndReversible() throws IOException {
        project.file("migrations/20240101120000_create_users.sql", "-- no-transaction\nCREATE TABLE users (id int);\n")
                .file("migrations/20240102000000_seed.up.sql", "INSERT INTO users VALUES (1);\n")
                .file("migrations/20240102000000_seed.down.sql", "DELETE FROM users;\n");
        List<MigrationRef> refs = list("auto");
        assertThat(refs).extracting(MigrationRef::foreignId).containsExactly("sqlx:20240101120000", "sqlx:20240102000000");
        assertThat(text("auto", refs.get(0).up().get(0))).isEqualTo("-- dbshift:no-transaction\nCREATE TABLE users (id int);\n");
        assertThat(refs.get(1).hasDown()).isTrue();
    }

    @Test
    void reversibleOnlyIsGolangMigrateUnlessTheSettingSaysSqlx() {
        project.file("migrations/20240102000000_seed.up.sql", "SELECT 1;\n")
                .file("migrations/20240102000000_seed.down.sql", "SELECT 2;\n");
        assertThat(list("auto")).extracting(MigrationRef::foreignId).containsExactly("golang-migrate:20240102000000");
        assertThat(list("sqlx")).extracting(MigrationRef::foreignId).containsExactly("sqlx:20240102000000");
        assertThat(list("golang-migrate")).extracting(MigrationRef::foreignId).containsExactly("golang-migrate:20240102000000");
    }

    @Test
    void dbshiftsOwnLayoutIsNotMistakenForAnotherTool() {
        // a misnamed file in a dbshift folder is still dbshift's error, not a sqlx or golang-migrate migration
        project.file("migrations/1__users.sql", "CREATE TABLE users (id int);\n")
                .file("migrations/2_oops.sql", "SELECT 1;\n")
                .file("migrations/3_x.up.sql", "SELECT 1;\n");
        assertThatThrownBy(() -> list("auto")).hasMessageContaining("migrations/2_oops.sql: the name does not parse as a migration");
        project.delete("migrations/2_oops.sql").delete("migrations/3_x.up.sql");
        // version folders holding up.sql/down.sql (golang-migrate/diesel style) stay dbshift's
        project.file("migrations/2/up.sql", "CREATE TABLE t (id int);\n").file("migrations/2/down.sql", "DROP TABLE t;\n");
        List<MigrationRef> refs = list("auto");
        assertThat(refs).extracting(MigrationRef::foreignId).containsOnlyNulls();
        assertThat(refs.get(1).down()).extracting(ScriptRef::name).containsExactly("migrations/2/down.sql");
        // a goose marker in a dbshift-named file is still refused when the script is read
        project.file("migrations/3__goose.sql", "-- +goose Up\nSELECT 1;\n");
        MigrationRef goose = list("auto").get(2);
        assertThatThrownBy(() -> text("auto", goose.up().get(0))).hasMessageContaining("is a goose marker");
    }

    @Test
    void editingTheDownHalfKeepsTheUpChecksum() {
        project.file("migrations/00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n");
        MigrationRef before = list("auto").get(0);
        project.file("migrations/00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE IF EXISTS a;\n");
        assertThat(list("auto").get(0).checksum()).isEqualTo(before.checksum());
        project.file("migrations/00001_a.sql", "-- +goose Up\nCREATE TABLE a (id bigint);\n-- +goose Down\nDROP TABLE a;\n");
        assertThat(list("auto").get(0).checksum()).isNotEqualTo(before.checksum());
    }
}
