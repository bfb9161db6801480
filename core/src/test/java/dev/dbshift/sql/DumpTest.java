package dev.dbshift.sql;

import dev.dbshift.db.h2.H2ScriptDialect;
import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.db.sqlite.SqliteScriptDialect;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real dumps apply exactly as the vendor's client applies them. A schema with routines, triggers,
 * views, events (MariaDB) or functions, domains, enums, triggers (PostgreSQL) is built, dumped with the
 * vendor's dump tool, and the dump is loaded twice into an empty place: once through dbshift's splitter
 * and JDBC, once with the vendor's client ({@code mariadb <}, {@code psql -f}). A catalog-and-rows
 * snapshot of both must be equal, and equal to the original.
 *
 * <p>The MariaDB dump is taken with {@code --hex-blob}: without it, mariadb-dump writes BLOB bytes raw
 * into string literals, which is not text in any encoding, and dbshift reads scripts as text.
 */
class DumpTest {

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ MariaDB

    @Test
    void mariadbDumpLoadsLikeTheMariadbClient() throws Exception {
        try (TestDatabase source = TestDatabase.create(Vendor.MARIADB);
             TestDatabase viaDbshift = TestDatabase.create(Vendor.MARIADB);
             TestDatabase viaClient = TestDatabase.create(Vendor.MARIADB)) {
            try (Connection c = source.connect()) {
                runScript(c, new MySqlScriptDialect(), resource("dumps/mariadb-schema.sql"), "mariadb-schema.sql");
            }
            String dump = exec(null, "mariadb-dump", "-h127.0.0.1", "-P3306", "-uroot", "--routines", "--triggers",
                    "--events", "--hex-blob", source.name());
            assertThat(dump).contains("DELIMITER ;;").contains("CREATE DEFINER=").contains("INSERT INTO `customer`");
            Path file = tmp.resolve("mariadb.sql");
            Files.writeString(file, dump, StandardCharsets.UTF_8);

            try (Connection c = viaDbshift.connect()) {
                runScript(c, new MySqlScriptDialect(), dump, "mariadb.sql");
            }
            exec(file, "mariadb", "-h127.0.0.1", "-P3306", "-uroot", viaClient.name());

            String expected = mariadbSnapshot(source);
            assertThat(expected).contains("add_order").contains("grade").contains("orders_ai").contains("customer_bu")
                    .contains("nightly").contains("customer_totals").contains("Ann; the first").contains("00FF27225C0A");
            assertThat(mariadbSnapshot(viaClient)).isEqualTo(expected);
            assertThat(mariadbSnapshot(viaDbshift)).isEqualTo(expected);
        }
    }

    private static String mariadbSnapshot(TestDatabase db) throws SQLException {
        String[] catalog = {
            "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, AUTO_INCREMENT, TABLE_COLLATION, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1",
            "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE, EXTRA, COLUMN_COMMENT, COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY 1, 3",
            "SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2, 3",
            "SELECT CONSTRAINT_NAME, TABLE_NAME, REFERENCED_TABLE_NAME, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? ORDER BY 1",
            "SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, SQL_MODE, ROUTINE_COMMENT, DEFINER FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY 1",
            "SELECT SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? ORDER BY 1, 2",
            "SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_ORDER, ACTION_STATEMENT, ACTION_TIMING, SQL_MODE, DEFINER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY 1",
            "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY 1",
            "SELECT EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, INTERVAL_VALUE, INTERVAL_FIELD, STARTS, STATUS, ON_COMPLETION, EVENT_COMMENT, SQL_MODE FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY 1",
        };
        try (Connection c = db.connect()) {
            StringBuilder sb = new StringBuilder();
            for (String q : catalog) {
                sb.append(q).append('\n').append(query(c, q, db.name()));
            }
            for (String table : tables(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1", db.name())) {
                String q = "SELECT * FROM `" + table + "` ORDER BY 1";
                sb.append(q).append('\n').append(query(c, q, null));
            }
            sb.append("SELECT * FROM customer_totals ORDER BY 1\n").append(query(c, "SELECT * FROM customer_totals ORDER BY 1", null));
            return sb.toString().replace(db.name(), "<db>");
        }
    }

    // ------------------------------------------------------------------ PostgreSQL

    @ParameterizedTest(name = "pg_dump {0}")
    @ValueSource(strings = {"--format=plain", "--column-inserts"})
    void pgDumpLoadsLikePsql(String format) throws Exception {
        try (TestDatabase schema = TestDatabase.create(Vendor.POSTGRES)) {
            String name = schema.name();
            try (Connection c = schema.connect()) {
                runScript(c, new PostgresScriptDialect(), resource("dumps/postgres-schema.sql"), "postgres-schema.sql");
            }
            String dump = exec(null, "pg_dump", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "--no-owner",
                    format, "-n", name, "test");
            assertThat(dump).contains(format.equals("--format=plain") ? "COPY " + name + ".customer" : "INSERT INTO " + name + ".customer")
                    .contains("CREATE FUNCTION " + name + ".add_sql")
                    .contains("CREATE DOMAIN").contains("AS ENUM").contains("CREATE TRIGGER");
            Path file = tmp.resolve("pg.sql");
            Files.writeString(file, dump, StandardCharsets.UTF_8);
            String expected = pgSnapshot(name);
            assertThat(expected).contains("grade").contains("add_order").contains("orders_audit").contains("Ann; the first")
                    .contains("00FF27225C0A").contains("shipped");

            dropSchema(name);
            try (Connection c = DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "")) {
                runScript(c, new PostgresScriptDialect(), dump, "pg.sql");
            }
            String viaDbshift = pgSnapshot(name);

            dropSchema(name);
            exec(null, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres",
                    "-d", "test", "-f", file.toString());
            String viaPsql = pgSnapshot(name);

            assertThat(viaPsql).isEqualTo(expected);
            assertThat(viaDbshift).isEqualTo(expected);
        }
    }

    private static void dropSchema(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + name + " CASCADE");
        }
    }

    private static String pgSnapshot(String schema) throws SQLException {
        String[] catalog = {
            "SELECT table_name, column_name, ordinal_position, column_default, is_nullable, data_type, udt_name, domain_name FROM information_schema.columns WHERE table_schema = ? ORDER BY 1, 3",
            "SELECT p.proname, p.prokind, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? ORDER BY 1, 3",
            "SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? ORDER BY 1, e.enumsortorder",
            "SELECT t.typname, t.typtype, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typtype IN ('d', 'e', 'c') AND t.typrelid = 0 OR (n.nspname = ? AND t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c')) ORDER BY 1",
            "SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = ? ORDER BY 1",
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = ? ORDER BY 1, 2",
            "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ? AND NOT t.tgisinternal ORDER BY 1",
            "SELECT viewname, definition FROM pg_views WHERE schemaname = ? ORDER BY 1",
            "SELECT sequencename, last_value, increment_by FROM pg_sequences WHERE schemaname = ? ORDER BY 1",
            "SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class'), (SELECT string_agg(a.attname || '=' || coalesce(col_description(c.oid, a.attnum), ''), ',' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? ORDER BY 1",
        };
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "")) {
            StringBuilder sb = new StringBuilder();
            for (String q : catalog) {
                sb.append(q).append('\n').append(query(c, q, schema));
            }
            for (String table : tables(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1", schema)) {
                String q = "SELECT * FROM " + schema + "." + table + " ORDER BY 1";
                sb.append(q).append('\n').append(query(c, q, null));
            }
            return sb.toString();
        }
    }

    // ------------------------------------------------------------------ SQLite and H2

    @Test
    void sqliteDumpLoadsLikeTheSqlite3Shell() throws Exception {
        try (TestDatabase source = TestDatabase.create(Vendor.SQLITE);
             TestDatabase viaDbshift = TestDatabase.create(Vendor.SQLITE);
             TestDatabase viaShell = TestDatabase.create(Vendor.SQLITE)) {
            try (Connection c = source.connect()) {
                runScript(c, new SqliteScriptDialect(), resource("dumps/sqlite-schema.sql"), "sqlite-schema.sql");
            }
            String dump = exec(null, "sqlite3", file(source), ".dump");
            assertThat(dump).contains("CREATE TRIGGER customer_ai").contains("INSERT INTO customer");
            Path file = tmp.resolve("sqlite.sql");
            Files.writeString(file, dump, StandardCharsets.UTF_8);
            try (Connection c = viaDbshift.connect()) {
                runScript(c, new SqliteScriptDialect(), dump, "sqlite.sql");
            }
            exec(file, "sqlite3", file(viaShell));

            String expected = sqliteSnapshot(source);
            assertThat(expected).contains("customer_bu").contains("Ann; the first").contains("00FF27225C0A");
            assertThat(sqliteSnapshot(viaShell)).isEqualTo(expected);
            assertThat(sqliteSnapshot(viaDbshift)).isEqualTo(expected);
        }
    }

    private static String file(TestDatabase sqlite) {
        return sqlite.url().substring("jdbc:sqlite:".length());
    }

    private static String sqliteSnapshot(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            StringBuilder sb = new StringBuilder();
            String catalog = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1, 2";
            sb.append(query(c, catalog, null));
            for (String table : tables(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY 1", "")) {
                String q = "SELECT * FROM \"" + table + "\" ORDER BY 1";
                sb.append(q).append('\n').append(query(c, q, null));
            }
            sb.append(query(c, "SELECT name, seq FROM sqlite_sequence ORDER BY 1", null));
            return sb.toString();
        }
    }

    @Test
    void h2ScriptLoadsLikeRunscript() throws Exception {
        try (TestDatabase source = TestDatabase.create(Vendor.H2);
             TestDatabase viaDbshift = TestDatabase.create(Vendor.H2);
             TestDatabase viaRunscript = TestDatabase.create(Vendor.H2)) {
            Path file = tmp.resolve("h2.sql");
            try (Connection c = source.connect(); Statement st = c.createStatement()) {
                runScript(c, new H2ScriptDialect(), resource("h2/basics.sql").replace("${greeting_literal}", "'hello'"),
                        "basics.sql");
                st.execute("CREATE VIEW v AS SELECT name AS \"a;b\" FROM \"item;s\" WHERE name <> '--;'");
                st.execute("CREATE SEQUENCE seq START WITH 7");
                st.execute("SCRIPT TO '" + file + "'");
            }
            String script = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(script).contains("CREATE FORCE ALIAS").contains("INSERT INTO");
            try (Connection c = viaDbshift.connect()) {
                runScript(c, new H2ScriptDialect(), script, "h2.sql");
            }
            try (Connection c = viaRunscript.connect(); Statement st = c.createStatement()) {
                st.execute("RUNSCRIPT FROM '" + file + "'");
            }
            String expected = h2Snapshot(source);
            assertThat(h2Snapshot(viaRunscript)).isEqualTo(expected);
            assertThat(h2Snapshot(viaDbshift)).isEqualTo(expected);
        }
    }

    private static String h2Snapshot(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            // SCRIPT writes schema and data in a canonical order: two databases with equal SCRIPT output are equal
            // (but for the user's random password salt)
            return query(c, "SCRIPT", null).replaceAll("CREATE USER IF NOT EXISTS \"SA\" SALT '[0-9a-f]+' HASH '[0-9a-f]+'", "SA");
        }
    }

    // ------------------------------------------------------------------ shared

    private static void runScript(Connection c, ScriptDialect dialect, String script, String name) throws SQLException {
        List<SqlStatement> statements = Splits.split(dialect, script, ScriptOptions.of(name));
        assertThat(statements).isNotEmpty();
        Corpus.run(c, statements, name);
    }

    private static List<String> tables(Connection c, String sql, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String query(Connection c, String sql, String param) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setString(i, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    sb.append("  ");
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        int type = md.getColumnType(i);
                        String value;
                        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB) {
                            byte[] bytes = rs.getBytes(i);
                            value = bytes == null ? "NULL" : HexFormat.of().withUpperCase().formatHex(bytes);
                        } else {
                            value = rs.getString(i);
                        }
                        sb.append(i > 1 ? " | " : "").append(value);
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String resource(String path) throws IOException {
        return Files.readString(Corpus.root().resolve(path), StandardCharsets.UTF_8);
    }

    /** Runs a vendor client; returns its standard output; fails on a non-zero exit. */
    private String exec(Path stdin, String... command) throws IOException, InterruptedException {
        Path out = tmp.resolve("out-" + System.nanoTime());
        Path err = tmp.resolve("err-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as("%s exit code; stderr: %s", command[0], stderr).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
