package dev.dbshift.schema;

import dev.dbshift.db.h2.H2SchemaDump;
import dev.dbshift.db.mysql.MySqlSchemaDump;
import dev.dbshift.db.postgres.PostgresSchemaDump;
import dev.dbshift.db.sqlite.SqliteSchemaDump;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.dbshift.schema.SchemaFixtures.create;
import static dev.dbshift.schema.SchemaFixtures.execute;
import static dev.dbshift.schema.SchemaFixtures.read;
import static dev.dbshift.schema.SchemaFixtures.shop;
import static dev.dbshift.schema.SchemaFixtures.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dump loads back into the same kind of database as the same schema and rows. */
class SchemaDumpTest {

    @TempDir
    Path dir;

    static SchemaDump builtIn(Vendor vendor) {
        switch (vendor) {
            case POSTGRES: return new PostgresSchemaDump(Optional.empty());
            case MARIADB: return new MySqlSchemaDump(Optional.empty());
            case H2: return new H2SchemaDump();
            case SQLITE: return new SqliteSchemaDump();
            default: throw new IllegalArgumentException(vendor.toString());
        }
    }

    private static void fill(Connection c, Vendor vendor) throws Exception {
        boolean alwaysIdentity = vendor == Vendor.POSTGRES || vendor == Vendor.H2;
        if (vendor == Vendor.POSTGRES) {
            execute(c, "insert into events values (1, '2024-05-01', 'a'), (2, '2025-05-01', 'b')");
        }
        execute(c, alwaysIdentity ? "insert into notes (body) values ('n1'), ('n2')" : "insert into notes (id, body) values (1, 'n1'), (2, 'n2')");
        execute(c, "insert into customers (email, name) values ('a@example.com', 'O''Brien \\ back')",
                "insert into customers (email, name) values ('b@example.com', null)",
                "insert into orders (customer_id, total, status, note) values (1, 150.25, 'open', 'line1\n;\nline2; not a statement \\ ok')",
                "insert into orders (customer_id, total, status) values (2, 7, 'done')",
                "insert into dbshift_history (id) values (42)",
                "create table notes_dump (id int primary key, body text)");
        try (java.sql.PreparedStatement ps = c.prepareStatement("insert into notes_dump (id, body) values (?, ?)")) {
            String[] bodies = {"plain", "it's", "two\nlines", "\n;\n", "back\\slash", "\r\nwindows", "DELIMITER $$", "$$", "", null, "ünïcødé ☃"};
            for (int i = 0; i < bodies.length; i++) {
                ps.setInt(1, i);
                ps.setString(2, bodies[i]);
                ps.executeUpdate();
            }
        }
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    b.append(rs.getString(i)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static final String CUSTOMERS = "select id, email, name from customers order by id";
    private static final String ORDERS = "select id, customer_id, total, status, note, total_with_tax from orders order by id";

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theBuiltInDumpWithDataLoadsBackIntoAFreshDatabase(Vendor vendor) throws Exception {
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            create(ca, shop(vendor), false);
            fill(ca, vendor);
            if (vendor == Vendor.MARIADB) {
                execute(ca, "CREATE TABLE price (id INT PRIMARY KEY, amount INT, note VARCHAR(10) WITHOUT SYSTEM VERSIONING) WITH SYSTEM VERSIONING");
                execute(ca, "INSERT INTO price VALUES (1, 10, 'n')");
                execute(ca, "UPDATE price SET amount = 11");
                execute(ca, "CREATE TABLE metric (id INT NOT NULL, at DATE NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE"
                        + " (YEAR(at)) (PARTITION p2025 VALUES LESS THAN (2026), PARTITION pmax VALUES LESS THAN MAXVALUE)");
                execute(ca, "INSERT INTO metric VALUES (1, '2025-01-01'), (2, '2030-01-01')");
                // MariaDB reads a spatial key's part back as a 32-byte prefix, which CREATE SPATIAL INDEX refuses
                execute(ca, "CREATE TABLE geo (id INT PRIMARY KEY, p POINT NOT NULL, SPATIAL INDEX sp (p))");
                execute(ca, "INSERT INTO geo VALUES (1, POINT(1, 2))");
            }
            if (vendor == Vendor.POSTGRES) {
                exclusionAndDeferrable(ca);
            }
            if (vendor == Vendor.H2) {
                // an array's element type and a case-blind text's length: read as array and varchar_ignorecase before,
                // DDL H2 refuses (an array needs its element type) or makes otherwise
                execute(ca, "CREATE TABLE person (id INT PRIMARY KEY, tags VARCHAR(20) ARRAY[3], name VARCHAR_IGNORECASE(5),"
                                + " grid INT ARRAY ARRAY)",
                        "INSERT INTO person VALUES (1, ARRAY['a', 'b'], 'Bob', ARRAY[ARRAY[1, 2], ARRAY[3]])");
            }
            if (vendor == Vendor.SQLITE) {
                execute(ca, "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)",
                        "CREATE UNIQUE INDEX ux_person_name ON person (name COLLATE NOCASE)", "INSERT INTO person VALUES (1, 'Bob')",
                        "CREATE TABLE reading (k TEXT PRIMARY KEY, value INTEGER) WITHOUT ROWID, STRICT",
                        "INSERT INTO reading VALUES ('a', 1)");
            }
            Path file = dir.resolve("dump.sql");
            SchemaDump.Result result = builtIn(vendor).dump(ca,
                    new SchemaDump.Request(a.url(), a.user(), a.password(), schemaOf(a), true, file));
            assertThat(result.method()).isEqualTo("jdbc");

            JdbcSchemaDump.load(cb, file);
            assertThat(read(b, cb).checksum()).isEqualTo(read(a, ca).checksum());
            assertThat(rows(cb, CUSTOMERS)).isEqualTo(rows(ca, CUSTOMERS)).hasSize(2);
            assertThat(rows(cb, ORDERS)).isEqualTo(rows(ca, ORDERS)).hasSize(2);
            assertThat(rows(cb, "select id from dbshift_history")).containsExactly("42|");
            if (vendor == Vendor.POSTGRES) {
                assertThat(rows(cb, "select id, at, kind from events order by id")).containsExactly("1|2024-05-01|a|", "2|2025-05-01|b|");
                exclusionAndDeferrableHold(cb);
            }
            if (vendor == Vendor.SQLITE) {
                assertThatThrownBy(() -> execute(cb, "INSERT INTO person VALUES (2, 'bob')")).hasMessageContaining("person.name");
                assertThatThrownBy(() -> execute(cb, "INSERT INTO reading VALUES ('b', 'abc')")).hasMessageContaining("reading.value");
                assertThat(rows(cb, "select k, value from reading")).containsExactly("a|1|");
            }
            if (vendor == Vendor.H2) {
                assertThat(rows(cb, "select id, cardinality(tags), name, grid[1][2], grid[2][1] from person where name = 'BOB'"))
                        .containsExactly("1|2|Bob|2|3|");
                assertThatThrownBy(() -> execute(cb, "INSERT INTO person VALUES (2, ARRAY['a', 'b', 'c', 'd'], 'x', NULL)"))
                        .hasMessageContaining("ARRAY");
                assertThatThrownBy(() -> execute(cb, "INSERT INTO person VALUES (3, ARRAY['a'], 'toolong', NULL)"))
                        .hasMessageContaining("NAME");
            }
            if (vendor == Vendor.MARIADB) {
                // a system-versioned table and a partitioned one (the first was left out of the dump before) with their rows
                assertThat(rows(cb, "select id, amount from price order by id")).containsExactly("1|11|");
                assertThat(java.nio.file.Files.readString(file)).contains("-- price: its current rows; the past versions");
                assertThat(rows(cb, "select id from metric partition (pmax)")).containsExactly("2|");
                assertThat(rows(cb, "select id, ST_AsText(p) from geo")).containsExactly("1|POINT(1 2)|");
            }
            assertThat(rows(cb, "select id, body from notes_dump order by id")).isEqualTo(rows(ca, "select id, body from notes_dump order by id"))
                    .hasSize(11);
            // identity counters continue after the loaded rows
            execute(cb, "insert into customers (email) values ('c@example.com')");
            assertThat(rows(cb, "select id from customers where email = 'c@example.com'")).containsExactly("3|");
            if (vendor == Vendor.POSTGRES || vendor == Vendor.H2) {
                execute(cb, "insert into notes (body) values ('n3')");
                assertThat(rows(cb, "select id from notes where body = 'n3'")).containsExactly("3|");
            }
        }
    }

    /**
     * SQLite: a default written in parentheses (an expression) is read back without them and was dumped so, which no
     * SQLite parses ({@code DEFAULT datetime('now')}); a value was read as its column's type, so a REAL in a NUMERIC
     * column lost its last digits. The dump now loads through the driver and in the sqlite3 shell as the same values,
     * each of its own storage class.
     */
    @Test
    void aSqliteDumpKeepsExpressionDefaultsAndEachValueAsStored() throws Exception {
        try (TestDatabase a = TestDatabase.create(Vendor.SQLITE); TestDatabase b = TestDatabase.create(Vendor.SQLITE);
             TestDatabase shell = TestDatabase.create(Vendor.SQLITE); Connection ca = a.connect(); Connection cb = b.connect()) {
            execute(ca, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, r REAL, n NUMERIC, i INTEGER,"
                            + " d TEXT DEFAULT (datetime('now')), k INT DEFAULT (1 + 2), e TEXT DEFAULT 'x', m INT DEFAULT -1)",
                    "INSERT INTO t (id, v, r, n, i) VALUES (1, 'a', 9e999, 12345678901234567890, 'not a number'),"
                            + " (2, 42, -9e999, 0.1, 7), (3, NULL, 3.141592653589793, 'text', 1.5)");
            Path file = dir.resolve("dump.sql");
            builtIn(Vendor.SQLITE).dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), schemaOf(a), true, file));
            assertThat(Files.readString(file)).contains("DEFAULT (datetime('now'))").contains("DEFAULT 'x'");
            JdbcSchemaDump.load(cb, file);
            Process p = new ProcessBuilder("sqlite3", shell.url().substring("jdbc:sqlite:".length()))
                    .redirectInput(file.toFile()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(said).isZero();
            String values = "select id, quote(v), typeof(v), quote(r), quote(n), typeof(n), quote(i), typeof(i), d, k, e, m"
                    + " from t order by id";
            List<String> expected = rows(ca, values);
            assertThat(expected).extracting(r -> r.split("\\|")[5] + " " + r.split("\\|")[7])
                    .containsExactly("real text", "real integer", "text real");
            assertThat(expected.get(0)).contains("e+999").contains("1.234567890123456717e+19").endsWith("|3|x|-1|");
            assertThat(rows(cb, values)).isEqualTo(expected);
            try (Connection cs = shell.connect()) {
                assertThat(rows(cs, values)).isEqualTo(expected);
                assertThat(read(shell, cs).checksum()).isEqualTo(read(a, ca).checksum());
            }
            assertThat(read(b, cb).checksum()).isEqualTo(read(a, ca).checksum());
            execute(cb, "INSERT INTO t (id) VALUES (4)");
            assertThat(rows(cb, "select d is not null, k, e, m from t where id = 4")).containsExactly("1|3|x|-1|");
        }
    }

    /**
     * A table an extension made (here one made its member by {@code ALTER EXTENSION ... ADD TABLE}, as PostGIS's
     * {@code spatial_ref_sys} is) is the extension's: the dump has neither it nor its rows, its unique constraint, its
     * storage parameters or its statistics targets, which {@code CREATE EXTENSION} makes as they are (before, its view or
     * table was made again beside the extension: "relation ... already exists"); the schema's own table beside it is whole.
     */
    @Test
    void anExtensionsOwnTableIsLeftToTheExtension() throws Exception {
        try (TestDatabase a = TestDatabase.postgresDatabase(); TestDatabase b = TestDatabase.postgresDatabase();
             Connection ca = a.connect(); Connection cb = b.connect()) {
            execute(ca, "CREATE EXTENSION pg_buffercache",
                    "CREATE TABLE theirs (a INT UNIQUE, b INT) WITH (fillfactor = 70)", "ALTER TABLE theirs ALTER COLUMN b SET STATISTICS 50",
                    "INSERT INTO theirs VALUES (1, 1)", "ALTER EXTENSION pg_buffercache ADD TABLE theirs",
                    "CREATE TABLE ours (a INT UNIQUE) WITH (fillfactor = 80)", "INSERT INTO ours VALUES (5)");
            Path file = dir.resolve("dump.sql");
            builtIn(Vendor.POSTGRES).dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), schemaOf(a), true, file));
            assertThat(Files.readString(file)).doesNotContain("theirs").contains("CREATE EXTENSION IF NOT EXISTS \"pg_buffercache\"")
                    .doesNotContain("CREATE VIEW");
            JdbcSchemaDump.load(cb, file);
            assertThat(rows(cb, "select a from ours")).containsExactly("5|");
            assertThat(rows(cb, "select conname || ':' || contype::text from pg_constraint where conrelid = 'ours'::regclass"))
                    .containsExactly("ours_a_key:u|");
            assertThat(rows(cb, "select array_to_string(reloptions, ',') from pg_class where relname = 'ours'")).containsExactly("fillfactor=80|");
        }
    }

    /**
     * A PostGIS schema, dumped by pg_dump and by the built-in dump, loads with {@code psql -v ON_ERROR_STOP=1} into a
     * fresh database, with the user's own coordinate system, which PostGIS keeps in its {@code spatial_ref_sys} and marks
     * the database's ({@code pg_extension_config_dump}). Before, pg_dump's {@code --schema} left the extension out (the
     * load failed: "type public.geometry does not exist"), and the built-in dump left that row out with the extension's
     * own. A dump without rows has none of that table's either.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aPostgisSchemaLoadsWithTheUsersOwnCoordinateSystems(boolean pgDump) throws Exception {
        try (TestDatabase a = TestDatabase.postgresDatabase(); TestDatabase b = TestDatabase.postgresDatabase();
             TestDatabase c = TestDatabase.postgresDatabase();
             Connection ca = a.connect(); Connection cb = b.connect(); Connection cc = c.connect()) {
            execute(ca, "CREATE EXTENSION postgis",
                    "CREATE TABLE places (id serial PRIMARY KEY, geom geometry(Point, 990001))",
                    "CREATE INDEX places_geom ON places USING gist (geom)",
                    "INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)"
                            + " VALUES (990001, 'local', 1, 'LOCAL_CS[\"site grid\"]', '+proj=longlat +datum=WGS84')",
                    "INSERT INTO places (geom) VALUES (ST_SetSRID(ST_MakePoint(1, 2), 990001))");
            SchemaDump dump = pgDump ? new PostgresSchemaDump() : builtIn(Vendor.POSTGRES);
            Path file = dir.resolve("gis.sql");
            SchemaDump.Result result = dump.dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), "public", true, file));
            assertThat(result.method()).isEqualTo(pgDump ? "pg_dump" : "jdbc");
            psql(b, file);
            String srs = "select srid, auth_name, srtext from spatial_ref_sys where srid > 990000 order by 1";
            assertThat(rows(cb, srs)).containsExactly("990001|local|LOCAL_CS[\"site grid\"]|");
            assertThat(rows(cb, "select count(*) from spatial_ref_sys")).isEqualTo(rows(ca, "select count(*) from spatial_ref_sys"));
            assertThat(rows(cb, "select ST_AsText(geom), ST_SRID(geom) from places")).containsExactly("POINT(1 2)|990001|");

            Path schemaOnly = dir.resolve("gis-schema.sql");
            dump.dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), "public", false, schemaOnly));
            psql(c, schemaOnly);
            assertThat(rows(cc, srs)).isEmpty();
            assertThat(rows(cc, "select count(*) from places")).containsExactly("0|");
        }
    }

    /** Loads {@code file} into {@code db} as a user would, with psql stopping at the first error. */
    private static void psql(TestDatabase db, Path file) throws Exception {
        ExternalCommand.Outcome load = new ExternalCommand(List.of(CommandOnPath.find("psql").orElseThrow().toString(),
                "-h", "127.0.0.1", "-U", db.user(), "-d", db.name(), "-v", "ON_ERROR_STOP=1", "-q", "-o", "/dev/null",
                "-f", file.toString()), java.util.Map.of()).run();
        assertThat(load.errors()).isEmpty();
        assertThat(load.succeeded()).isTrue();
    }

    /**
     * pg_dump takes {@code --schema} as a pattern: folded to lower case, with wildcards. A schema named {@code "Ten ant"}
     * matched none (the dump fell back to the built-in one, and said so); one named {@code a.b*} would have taken in
     * others. Each is given as a pattern of its name alone now.
     */
    @Test
    void pgDumpDumpsTheSchemaOfThatNameAlone() throws Exception {
        try (TestDatabase a = TestDatabase.postgresDatabase(); Connection ca = a.connect()) {
            execute(ca, "CREATE SCHEMA \"Ten ant\"", "CREATE TABLE \"Ten ant\".\"Keys\" (id int PRIMARY KEY)",
                    "CREATE SCHEMA \"a.b*\"", "CREATE TABLE \"a.b*\".x (id int)", "CREATE SCHEMA aXbc", "CREATE TABLE aXbc.y (id int)");
            Path file = dir.resolve("tenant.sql");
            SchemaDump.Result result = new PostgresSchemaDump().dump(ca,
                    new SchemaDump.Request(a.url(), a.user(), a.password(), "Ten ant", false, file));
            assertThat(result.method()).isEqualTo("pg_dump");
            assertThat(Files.readString(file)).contains("CREATE TABLE \"Ten ant\".\"Keys\"");
            result = new PostgresSchemaDump().dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), "a.b*", false, file));
            assertThat(result.method()).isEqualTo("pg_dump");
            assertThat(Files.readString(file)).contains("CREATE TABLE \"a.b*\".x").doesNotContain("axbc");
        }
    }

    /**
     * The built-in dump carries what the schema model leaves out: comments (they were lost: a DBA's documentation of
     * every table gone from a backup taken where no pg_dump or mariadb-dump is installed, and from every H2 dump), and on
     * PostgreSQL the schema's extensions, made before the tables that use their types (the load failed on a citext
     * column: "type citext does not exist"), a unique constraint as a constraint and a DBA's storage parameters,
     * statistics targets and sequence caches; and on MariaDB the start of a recurring event, table options and sequence
     * caches.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB", "H2"})
    void theBuiltInDumpCarriesCommentsAndExtensions(Vendor vendor) throws Exception {
        boolean pg = vendor == Vendor.POSTGRES;
        try (TestDatabase a = pg ? TestDatabase.postgresDatabase() : TestDatabase.create(vendor);
             TestDatabase b = pg ? TestDatabase.postgresDatabase() : TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            String comments;
            if (pg) {
                execute(ca, "CREATE EXTENSION citext", "CREATE TABLE person (id INT PRIMARY KEY, email citext NOT NULL)",
                        "CREATE VIEW people AS SELECT id FROM person", "CREATE FUNCTION one(x int) RETURNS int LANGUAGE sql AS 'SELECT 1'",
                        "COMMENT ON TABLE person IS 'who; it''s'", "COMMENT ON COLUMN person.email IS E'two\n;\nlines'",
                        "COMMENT ON VIEW people IS 'a view'", "COMMENT ON FUNCTION one(int) IS 'a function'",
                        "COMMENT ON CONSTRAINT person_pkey ON person IS 'the key'", "INSERT INTO person VALUES (1, 'A@x')",
                        "ALTER TABLE person ADD CONSTRAINT person_email_key UNIQUE (email)",
                        "COMMENT ON CONSTRAINT person_email_key ON person IS 'one each'", "ALTER TABLE person SET (fillfactor = 70)",
                        "ALTER TABLE person ALTER COLUMN email SET STATISTICS 500", "CREATE SEQUENCE cached CACHE 5",
                        // a partitioned table's unique constraint came back its index, and the comment on it failed the load
                        "CREATE TABLE part (k INT, r INT, CONSTRAINT part_k_r UNIQUE (k, r)) PARTITION BY RANGE (r)",
                        "CREATE TABLE part_1 PARTITION OF part FOR VALUES FROM (0) TO (10)",
                        "COMMENT ON CONSTRAINT part_k_r ON part IS 'one each'", "INSERT INTO part VALUES (1, 1)",
                        // a column of the schema's own collation: the load failed ("collation ci ... does not exist")
                        "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
                        "CREATE TABLE tag (name TEXT COLLATE ci)", "INSERT INTO tag VALUES ('Abc')",
                        // inheritance: the parent's rows were read with its child's, and came back twice, unlinked; a
                        // parent's check, which its children take, made the load fail ("child table is missing constraint"),
                        // and a child named before its parent is made after it
                        "CREATE TABLE base (id INT PRIMARY KEY, v TEXT, CONSTRAINT v_not_x CHECK (v <> 'x'))",
                        "CREATE TABLE sub (extra INT) INHERITS (base)", "CREATE TABLE a_sub () INHERITS (base)",
                        "INSERT INTO sub VALUES (1, 'a', 5)");
                comments = "select c.relname, coalesce(a.attname, ''), d.description from pg_description d join pg_class c"
                        + " on d.classoid = 'pg_class'::regclass and c.oid = d.objoid left join pg_attribute a"
                        + " on a.attrelid = c.oid and a.attnum = d.objsubid where c.relnamespace = 'public'::regnamespace"
                        + " union all select p.proname, '', obj_description(p.oid, 'pg_proc') from pg_proc p"
                        + " where p.proname = 'one' union all select conname, '', obj_description(oid, 'pg_constraint')"
                        + " from pg_constraint where conname = 'person_pkey' order by 1, 2";
            } else if (vendor == Vendor.MARIADB) {
                execute(ca, "CREATE TABLE person (id INT PRIMARY KEY AUTO_INCREMENT, email VARCHAR(50) NOT NULL DEFAULT 'x'"
                                + " COMMENT 'two\n;\nlines', note TEXT) COMMENT = 'who; it''s' ROW_FORMAT=DYNAMIC STATS_PERSISTENT=1",
                        "CREATE SEQUENCE cached CACHE 3",
                        // a column comment of a system-versioned table: MariaDB refuses a plain MODIFY of its column
                        "CREATE TABLE price (id INT PRIMARY KEY, amount INT COMMENT 'in cents') WITH SYSTEM VERSIONING",
                        // a commented JSON column: its CHECK (json_valid) came back twice, which MariaDB refused
                        "CREATE TABLE doc (id INT PRIMARY KEY, body JSON COMMENT 'it''s CHECK (x)')",
                        "INSERT INTO person (email) VALUES ('A@x')",
                        "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 02:00:00' DO DELETE FROM person WHERE id < 0");
                comments = "select TABLE_NAME, '', TABLE_COMMENT from information_schema.TABLES where TABLE_SCHEMA = database()"
                        + " and TABLE_COMMENT <> '' union all select TABLE_NAME, COLUMN_NAME, COLUMN_COMMENT from"
                        + " information_schema.COLUMNS where TABLE_SCHEMA = database() and COLUMN_COMMENT <> '' order by 1, 2";
            } else {
                execute(ca, "CREATE TABLE person (id INT PRIMARY KEY, email VARCHAR(50))", "CREATE VIEW people AS SELECT id FROM person",
                        "COMMENT ON TABLE person IS 'who; it''s'", "COMMENT ON COLUMN person.email IS 'two' || CHAR(10) || ';'"
                                + " || CHAR(10) || 'lines'", "COMMENT ON VIEW people IS 'a view'", "INSERT INTO person VALUES (1, 'A@x')");
                comments = "select TABLE_NAME, '', REMARKS from INFORMATION_SCHEMA.TABLES where TABLE_SCHEMA = 'PUBLIC'"
                        + " and REMARKS <> '' union all select TABLE_NAME, COLUMN_NAME, REMARKS from INFORMATION_SCHEMA.COLUMNS"
                        + " where TABLE_SCHEMA = 'PUBLIC' and REMARKS <> '' order by 1, 2";
            }
            Path file = dir.resolve("dump.sql");
            builtIn(vendor).dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), schemaOf(a), true, file));
            JdbcSchemaDump.load(cb, file);
            List<String> expected = rows(ca, comments);
            assertThat(String.join("\n", expected)).contains("who; it's").contains("two\n;\nlines");
            assertThat(rows(cb, comments)).isEqualTo(expected);
            assertThat(rows(cb, "select email from person")).containsExactly("A@x|");
            if (pg) {
                assertThat(rows(cb, "select count(*) from person where email = 'a@X'")).containsExactly("1|");
                // a unique constraint stays a constraint (a later DROP CONSTRAINT names it), and a DBA's tuning stays
                String kept = "select conname || ' ' || contype::text from pg_constraint where conrelid = 'person'::regclass"
                        + " union all select array_to_string(reloptions, ',') from pg_class where relname = 'person'"
                        + " union all select attname || ' ' || attstattarget from pg_attribute where attrelid = 'person'::regclass"
                        + " and attname = 'email' union all select sequencename || ' ' || cache_size from pg_sequences"
                        + " where sequencename = 'cached' order by 1";
                assertThat(rows(cb, kept)).isEqualTo(rows(ca, kept))
                        .containsExactly("cached 5|", "email 500|", "fillfactor=70|", "person_email_key u|", "person_pkey p|");
                String partitioned = "select conrelid::regclass || ' ' || conname || ' ' || contype::text from pg_constraint"
                        + " where conrelid in ('part'::regclass, 'part_1'::regclass) order by 1";
                assertThat(rows(cb, partitioned)).isEqualTo(rows(ca, partitioned))
                        .containsExactly("part part_k_r u|", "part_1 part_1_k_r_key u|");
                String inherited = "select (select count(*) from base), (select count(*) from only base), (select count(*) from sub),"
                        + " (select string_agg(inhrelid::regclass::text, ',' order by inhrelid::regclass::text) from pg_inherits where inhparent = 'base'::regclass),"
                        + " (select string_agg(conrelid::regclass::text, ',' order by conrelid::regclass::text) from pg_constraint where conname = 'v_not_x'),"
                        + " (select count(*) from tag where name = 'abc')";
                assertThat(rows(cb, inherited)).isEqualTo(rows(ca, inherited)).containsExactly("1|0|1|a_sub,sub|a_sub,base,sub|1|");
            }
            if (vendor == Vendor.MARIADB) {
                // made again without its start, a daily job would run at the time of day the dump was loaded
                String starts = "select EVENT_NAME, STARTS from information_schema.EVENTS where EVENT_SCHEMA = database()";
                assertThat(rows(cb, starts)).isEqualTo(rows(ca, starts)).containsExactly("nightly|2030-01-01 02:00:00|");
                String options = "select TABLE_NAME, CREATE_OPTIONS from information_schema.TABLES where TABLE_SCHEMA = database()"
                        + " and TABLE_NAME in ('person', 'cached') union all select 'cache', cache_size from cached order by 1";
                assertThat(rows(cb, options)).isEqualTo(rows(ca, options))
                        .containsExactly("cache|3|", "cached||", "person|stats_persistent=1 row_format=DYNAMIC|");
            }
            assertThat(read(b, cb).checksum()).isEqualTo(read(a, ca).checksum());
        }
    }

    /**
     * The built-in MariaDB dump gives back every table and view as the server itself shows it ({@code SHOW CREATE}),
     * where it gave back the model: a CHECK written on its column came back as a table's constraint (which a later
     * {@code MODIFY} of the column kept, where it drops the column's own), an index's comment was lost (a primary
     * key's, a full-text index's, one on a system-versioned table among them), a view's algorithm (a {@code
     * TEMPTABLE} view, which refuses writes, came back taking them), a routine's {@code SQL SECURITY INVOKER} and
     * comment, and the order two triggers of one table and event fire in.
     */
    @Test
    void theBuiltInMariaDbDumpGivesBackEachTableAndViewAsTheServerShowsIt() throws Exception {
        try (TestDatabase a = TestDatabase.create(Vendor.MARIADB); TestDatabase b = TestDatabase.create(Vendor.MARIADB);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            execute(ca, "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT COMMENT 'the key', a INT CHECK (a > 0), j JSON,"
                            + " b VARCHAR(10) COMMENT 'bee' CHECK (b <> 'x'), c INT, CONSTRAINT c_pos CHECK (c >= 0),"
                            + " KEY ia (a) COMMENT 'index on a', UNIQUE KEY ub (b) COMMENT 'one each')",
                    "CREATE TABLE v (id INT COMMENT 'pk col', `we ird` JSON COMMENT 'it''s \"KEY `x` (\" CHECK (', q TEXT,"
                            + " CONSTRAINT q CHECK (q <> ''), FULLTEXT KEY ft (q) COMMENT 'words', PRIMARY KEY (id) COMMENT 'the key')"
                            + " WITH SYSTEM VERSIONING",
                    "CREATE TABLE w (id INT, p INT, KEY p (p) COMMENT 'for the key', FOREIGN KEY (p) REFERENCES t (id))",
                    "CREATE ALGORITHM=TEMPTABLE VIEW vt AS SELECT id, a FROM t",
                    "CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vm AS SELECT id, a FROM t WHERE a > 1 WITH CASCADED CHECK OPTION",
                    "CREATE VIEW vv AS SELECT * FROM vm",
                    // made again without them, a routine the caller's rights bounded ran with its definer's
                    "CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC SQL SECURITY INVOKER COMMENT 'doubles' RETURN x * 2",
                    "CREATE PROCEDURE noop() COMMENT 'does nothing' BEGIN END",
                    // two triggers of one table and event fire in the order they were made, not by name
                    "CREATE TABLE ord (id INT PRIMARY KEY, s VARCHAR(20))",
                    "CREATE TRIGGER tz BEFORE INSERT ON ord FOR EACH ROW SET NEW.s = CONCAT(COALESCE(NEW.s, ''), 'z')",
                    "CREATE TRIGGER ta BEFORE INSERT ON ord FOR EACH ROW FOLLOWS tz BEGIN SET NEW.s = CONCAT(NEW.s, 'a'); END",
                    // an application-time period: its unique key refuses rows whose periods overlap; a plain check
                    // of the same shape beside it is only a check
                    "CREATE TABLE booking (room INT, since DATE, until DATE, n INT, m INT, CONSTRAINT nm CHECK (`n` < `m`),"
                            + " PERIOD FOR stay (since, until), UNIQUE KEY one_at_a_time (room, stay WITHOUT OVERLAPS))",
                    "CREATE TABLE lease (car INT, since DATE, until DATE, PERIOD FOR hire (since, until),"
                            + " PRIMARY KEY (car, hire WITHOUT OVERLAPS))",
                    // MariaDB makes a unique index on a system-versioned table only told to keep its history
                    "CREATE TABLE tariff (id INT, since DATE, until DATE, PERIOD FOR valid (since, until),"
                            + " UNIQUE KEY one_tariff (id, valid WITHOUT OVERLAPS), UNIQUE KEY starts (id, since)) WITH SYSTEM VERSIONING",
                    "INSERT INTO t (a, j, b, c) VALUES (1, '{}', 'y', 0), (2, '[1]', 'z', 3)", "INSERT INTO v VALUES (1, '{}', 'a')",
                    "INSERT INTO w VALUES (1, 1)", "INSERT INTO booking VALUES (1, '2026-01-01', '2026-03-01', 1, 2)");
            Path file = dir.resolve("dump.sql");
            builtIn(Vendor.MARIADB).dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), schemaOf(a), true, file));
            JdbcSchemaDump.load(cb, file);
            for (String name : List.of("t", "v", "w", "booking", "lease", "tariff", "vt", "vm", "vv")) {
                assertThat(shown(cb, name)).as(name).isEqualTo(shown(ca, name));
            }
            assertThat(shown(cb, "t")).contains("`a` int(11) DEFAULT NULL CHECK (`a` > 0)").contains("KEY `ia` (`a`) COMMENT 'index on a'");
            assertThat(shown(cb, "vt")).startsWith("CREATE ALGORITHM=TEMPTABLE");
            String routines = "select ROUTINE_NAME, SECURITY_TYPE, ROUTINE_COMMENT from information_schema.ROUTINES"
                    + " where ROUTINE_SCHEMA = database() order by 1";
            assertThat(rows(cb, routines)).isEqualTo(rows(ca, routines))
                    .containsExactly("noop|DEFINER|does nothing|", "twice|INVOKER|doubles|");
            for (Connection c : List.of(ca, cb)) {
                execute(c, "INSERT INTO ord (id) VALUES (1)");
            }
            assertThat(rows(cb, "select s from ord")).isEqualTo(rows(ca, "select s from ord")).containsExactly("za|");
            assertThatThrownBy(() -> execute(cb, "INSERT INTO booking VALUES (1, '2026-02-01', '2026-04-01', 1, 2)"))
                    .as("an overlapping stay").hasMessageContaining("one_at_a_time");
            execute(cb, "INSERT INTO lease VALUES (1, '2026-01-01', '2026-03-01')");
            assertThatThrownBy(() -> execute(cb, "INSERT INTO lease VALUES (1, '2026-02-01', '2026-04-01')"))
                    .as("an overlapping hire").hasMessageContaining("PRIMARY");
            assertThatThrownBy(() -> execute(cb, "INSERT INTO vt (id, a) VALUES (9, 9)")).hasMessageContaining("vt");
            assertThat(read(b, cb).checksum()).isEqualTo(read(a, ca).checksum());
        }
    }

    /** What {@code SHOW CREATE} gives of a table or view, without what differs between two copies (counter, definer). */
    private static String shown(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + name + "`")) {
            rs.next();
            return rs.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "").replaceAll(" DEFINER=\\S+ ", " ");
        }
    }

    /**
     * The counters come back as they stand, not as the highest key loaded: the key of a deleted last row was handed out
     * again after a restore, and a sequence of its own (an order number) started over from its start, handing out
     * numbers it had handed out already.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theBuiltInDumpKeepsEachCounterAsItStands(Vendor vendor) throws Exception {
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            String next;
            switch (vendor) {
                case POSTGRES:
                    execute(ca, "CREATE TABLE t (id INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v INT)",
                            "CREATE TABLE u (id SERIAL PRIMARY KEY, v INT)", "CREATE SEQUENCE orders START 100 INCREMENT 10",
                            "SELECT nextval('orders')", "SELECT nextval('orders')");
                    next = "select nextval('orders')";
                    break;
                case MARIADB:
                    execute(ca, "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)",
                            "CREATE TABLE u (id INT AUTO_INCREMENT PRIMARY KEY, v INT)",
                            "CREATE SEQUENCE orders START WITH 100 INCREMENT BY 10 NOCACHE", "SELECT NEXTVAL(orders)",
                            "SELECT NEXTVAL(orders)");
                    next = "select nextval(orders)";
                    break;
                case H2:
                    execute(ca, "CREATE TABLE t (id INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v INT)",
                            "CREATE TABLE u (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v INT)",
                            "CREATE SEQUENCE orders START WITH 100 INCREMENT BY 10", "VALUES NEXT VALUE FOR orders",
                            "VALUES NEXT VALUE FOR orders");
                    next = "values next value for orders";
                    break;
                default:
                    execute(ca, "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v INT)",
                            "CREATE TABLE u (id INTEGER PRIMARY KEY AUTOINCREMENT, v INT)");
                    next = "select 0";
            }
            execute(ca, "INSERT INTO t (v) VALUES (1), (2), (3)", "DELETE FROM t WHERE v = 3", "INSERT INTO u (v) VALUES (1)",
                    "DELETE FROM u");
            Path file = dir.resolve("dump.sql");
            builtIn(vendor).dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), schemaOf(a), true, file));
            JdbcSchemaDump.load(cb, file);
            for (Connection c : List.of(ca, cb)) {
                execute(c, "INSERT INTO t (v) VALUES (4)", "INSERT INTO u (v) VALUES (5)");
            }
            String keys = "select (select id from t where v = 4), (select id from u where v = 5)";
            assertThat(rows(ca, keys)).containsExactly("4|2|");
            assertThat(rows(cb, keys)).as("the keys after a restore").isEqualTo(rows(ca, keys));
            assertThat(rows(cb, next)).as("the sequence after a restore").isEqualTo(rows(ca, next))
                    .containsExactly(vendor == Vendor.SQLITE ? "0|" : "120|");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aSchemaOnlyDumpHasNoRows(Vendor vendor) throws Exception {
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            create(ca, shop(vendor), false);
            fill(ca, vendor);
            Path file = dir.resolve("schema.sql");
            builtIn(vendor).dump(ca, new SchemaDump.Request(a.url(), a.user(), a.password(), schemaOf(a), false, file));
            assertThat(Files.readString(file)).doesNotContainIgnoringCase("insert into");
            JdbcSchemaDump.load(cb, file);
            assertThat(read(b, cb).checksum()).isEqualTo(read(a, ca).checksum());
            assertThat(rows(cb, CUSTOMERS)).isEmpty();
        }
    }

    @Test
    void postgresUsesPgDumpAndItsOutputRestoresTheSchema() throws Exception {
        try (TestDatabase a = TestDatabase.create(Vendor.POSTGRES); Connection ca = a.connect()) {
            create(ca, shop(Vendor.POSTGRES), false);
            fill(ca, Vendor.POSTGRES);
            // a domain with checks, a composite type and an enum, restored by psql from pg_dump's own output
            execute(ca, "CREATE DOMAIN positive AS numeric(10,2) DEFAULT 1 NOT NULL CONSTRAINT above_zero CHECK (VALUE > 0)");
            execute(ca, "CREATE TYPE money_pair AS (amount positive, currency char(3) COLLATE \"C\")");
            execute(ca, "CREATE TYPE level AS ENUM ('low', 'high', 'mid')");
            execute(ca, "ALTER TABLE orders ADD COLUMN price money_pair, ADD COLUMN lvl level");
            exclusionAndDeferrable(ca);
            assertThat(read(a, ca).domains()).hasSize(1);
            assertThat(read(a, ca).compositeTypes()).hasSize(1);
            String checksum = read(a, ca).checksum();
            List<String> orders = rows(ca, ORDERS);
            Path file = dir.resolve("pg.sql");
            SchemaDump.Result result = new PostgresSchemaDump().dump(ca,
                    new SchemaDump.Request(a.url(), a.user(), a.password(), a.name(), true, file));
            assertThat(result.method()).isEqualTo("pg_dump");
            execute(ca, "drop schema " + a.name() + " cascade");
            ExternalCommand.Outcome restore = new ExternalCommand(List.of(CommandOnPath.find("psql").orElseThrow().toString(),
                    "-h", "127.0.0.1", "-U", a.user(), "-d", "test", "-v", "ON_ERROR_STOP=1", "-q", "-f", file.toString()),
                    java.util.Map.of()).run();
            assertThat(restore.errors()).isEmpty();
            assertThat(restore.succeeded()).isTrue();
            assertThat(read(a, ca).checksum()).isEqualTo(checksum);
            assertThat(rows(ca, ORDERS)).isEqualTo(orders);
            exclusionAndDeferrableHold(ca);
        }
    }

    /** A PostgreSQL exclusion constraint, a deferrable primary key and unique constraint, a unique index to which NULLs are duplicates. */
    private static void exclusionAndDeferrable(Connection c) throws Exception {
        execute(c, "CREATE TABLE booking (id int PRIMARY KEY, room int NOT NULL, during tsrange NOT NULL,"
                        + " CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0))",
                "INSERT INTO booking VALUES (1, 1, '[2026-01-01,2026-01-03)'), (2, 0, '[2026-01-02,2026-01-04)')",
                "CREATE TABLE seat (id int, position int NOT NULL, CONSTRAINT seat_pkey PRIMARY KEY (id)"
                        + " DEFERRABLE INITIALLY DEFERRED, CONSTRAINT seat_position UNIQUE (position) DEFERRABLE)",
                "INSERT INTO seat VALUES (1, 1), (2, 2)",
                "CREATE TABLE tag (id int PRIMARY KEY, label text)",
                "ALTER TABLE tag REPLICA IDENTITY FULL",
                "CREATE UNIQUE INDEX tag_label ON tag (label) NULLS NOT DISTINCT",
                "CREATE INDEX tag_label_prefix ON tag (label text_pattern_ops)",
                "ALTER TABLE tag ADD COLUMN attrs jsonb",
                "CREATE INDEX tag_attrs ON tag USING gin (attrs jsonb_path_ops)",
                "INSERT INTO tag VALUES (1, NULL)",
                "CREATE VIEW front_seat WITH (security_invoker) AS SELECT id, position FROM seat WHERE position < 10"
                        + " WITH LOCAL CHECK OPTION");
    }

    /** What {@link #exclusionAndDeferrable} made still refuses what it refused, and still checks when it did. */
    private static void exclusionAndDeferrableHold(Connection c) throws Exception {
        assertThat(rows(c, "select id from booking order by id")).containsExactly("1|", "2|");
        assertThatThrownBy(() -> execute(c, "INSERT INTO booking VALUES (3, 1, '[2026-01-02,2026-01-05)')"))
                .hasMessageContaining("booking_no_overlap");
        // two seats swapped in one statement: only a deferrable constraint takes it
        execute(c, "UPDATE seat SET position = 3 - position");
        assertThat(rows(c, "select id, position from seat order by id")).containsExactly("1|2|", "2|1|");
        assertThatThrownBy(() -> execute(c, "INSERT INTO tag VALUES (2, NULL)")).hasMessageContaining("tag_label");
        assertThatThrownBy(() -> execute(c, "INSERT INTO front_seat VALUES (9, 99)")).hasMessageContaining("front_seat");
    }

    @Test
    void mariadbUsesMariadbDumpAndItsOutputLoadsIntoAnotherDatabase() throws Exception {
        try (TestDatabase a = TestDatabase.create(Vendor.MARIADB); TestDatabase b = TestDatabase.create(Vendor.MARIADB);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            create(ca, shop(Vendor.MARIADB), false);
            fill(ca, Vendor.MARIADB);
            // an event (left out by the tool unless told) and an invisible column count in the checksum compared below
            execute(ca, "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM orders WHERE id < 0");
            execute(ca, "ALTER TABLE orders ADD COLUMN hidden INT INVISIBLE");
            // and so does a table's partitioning
            execute(ca, "CREATE TABLE metric (id INT NOT NULL, at DATE NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE"
                    + " (YEAR(at)) (PARTITION p2025 VALUES LESS THAN (2026), PARTITION pmax VALUES LESS THAN MAXVALUE)");
            execute(ca, "INSERT INTO metric VALUES (1, '2025-01-01'), (2, '2030-01-01')");
            assertThat(read(a, ca).routines()).anyMatch(r -> r.kind().equals("event"));
            assertThat(read(a, ca).table("metric").orElseThrow().partitionLayout()).contains("`pmax`");
            Path file = dir.resolve("maria.sql");
            SchemaDump.Result result = new MySqlSchemaDump().dump(ca,
                    new SchemaDump.Request(a.url(), a.user(), a.password(), a.name(), true, file));
            assertThat(result.method()).isIn("mariadb-dump", "mysqldump");
            ExternalCommand.Outcome load = new ExternalCommand(List.of("sh", "-c",
                    CommandOnPath.find("mariadb", "mysql").orElseThrow() + " --protocol=tcp -h 127.0.0.1 -u root " + b.name()
                            + " < '" + file + "'"), java.util.Map.of()).run();
            assertThat(load.errors()).isEmpty();
            assertThat(read(b, cb).checksum()).isEqualTo(read(a, ca).checksum());
            assertThat(rows(cb, ORDERS)).isEqualTo(rows(ca, ORDERS));
            assertThat(rows(cb, "SELECT id FROM metric PARTITION (pmax)")).isEqualTo(rows(ca, "SELECT id FROM metric PARTITION (pmax)"))
                    .isNotEmpty();
        }
    }
}
