package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.schema.Check;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema model wired into commands: drift, diff, autogenerate, down scripts, baseline, backup. On every vendor. */
class SchemaCommandsTest {
    private TestDatabase db;
    private final TestProject project = TestProject.create();

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    private DbShift dbshift() {
        return project.configure(db).load();
    }

    private void exec(String sql) throws SQLException {
        db.exec(sql);
    }

    private void twoMigrations() {
        project.file("migrations/1__customer.sql", "CREATE TABLE customer (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL);\n")
                .file("migrations/1__customer.down.sql", "DROP TABLE customer;\n")
                .file("migrations/2__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(10,2));\n"
                        + "CREATE INDEX ix_orders_customer ON orders (customer_id);\n");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void driftShowsInStatusAndDiffLive(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        twoMigrations();
        dbshift().up();
        SchemaDiff none = SchemaDiff.between(dbshift().schema().at("2"), dbshift().schema().live());
        assertThat(none.isEmpty()).as(none.describe() + "\n" + dbshift().status().warnings()).isTrue();
        exec("ALTER TABLE customer ADD COLUMN nickname VARCHAR(30)");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        SchemaDiff live = SchemaDiff.between(dbshift().schema().at("2"), dbshift().schema().live());
        assertThat(live.describe()).containsIgnoringCase("add column customer.nickname");
    }

    /**
     * {@code diff} runs the migrations again in a scratch place to learn what they produce: a migration that names the
     * live schema (as pg_dump writes every name, and as a data fix often does) must never reach the live tables from
     * there. Before, the replay was a scratch schema of the live database: each {@code dbshift diff} inserted the data
     * fix's row into the live table again, and a pg_dump file failed "already exists". PostgreSQL and H2 now build in a
     * database of their own, where the live schema's name names the copy (SQLite's {@code main} is the scratch file's);
     * MariaDB's scratch is a database beside the live one, so its replay refuses a script naming another database, before
     * any of it runs. A migration changing what the whole server shares (a role's password) is refused on both servers;
     * an init script may (init scripts set such things up, and {@code reset} runs them again by design).
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aReplayOfTheMigrationsNeverWritesIntoTheLiveSchema(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        String live = switch (vendor) {
            case POSTGRES, MARIADB -> db.name();
            case H2 -> "PUBLIC";
            case SQLITE -> "main";
        };
        project.file("migrations/1__audit.sql", "CREATE TABLE audit (msg VARCHAR(20));\n")
                .file("migrations/2__data.sql", "-- a data fix, written with its schema\nINSERT INTO " + live + ".audit VALUES ('fixed');\n")
                .file("migrations/3__extra.sql", "CREATE TABLE " + live + ".extra (id INT);\n");
        boolean server = vendor == Vendor.POSTGRES || vendor == Vendor.MARIADB;
        if (vendor == Vendor.MARIADB) {
            // the live database's name as a placeholder: the line is looked at with it put in
            project.file("migrations/2__data.sql", "-- a data fix\nINSERT INTO ${app_db}.audit VALUES ('fixed');\n")
                    .file("dbshift.toml", "[placeholders]\napp_db = \"" + live + "\"\n");
        }
        if (server) {
            project.file("migrations/init/all.sql", "SELECT 1; -- the role the application needs: GRANT reporting TO app\n")
                    .file("migrations/4__password.sql", vendor == Vendor.POSTGRES
                            ? "DO $$ BEGIN IF false THEN EXECUTE 'ALTER ROLE nobody PASSWORD ''x'''; END IF; END $$;\n"
                            : "CREATE PROCEDURE rotate() SET PASSWORD = PASSWORD('x');\n");
        }
        dbshift().up();
        assertThat(count("SELECT COUNT(*) FROM audit")).isEqualTo(1);
        if (vendor == Vendor.MARIADB) {
            DbShiftException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> dbshift().schema().at("3"), DbShiftException.class);
            assertThat(refused).hasMessageContaining("migrations/2__data.sql:2: '" + live + ".'")
                    .hasMessageContaining("migrations/3__extra.sql:1: '" + live + ".'")
                    .hasMessageContaining("names another database of the server").hasMessageContaining("diff --to-url");
            java.util.regex.Matcher scratch = java.util.regex.Pattern.compile("dbshift_scratch_[0-9a-f]+").matcher(refused.getMessage());
            assertThat(scratch.find()).isTrue();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SHOW DATABASES LIKE '" + scratch.group() + "'")) {
                assertThat(rs.next()).as("the scratch database is dropped").isFalse();
            }
        } else {
            SchemaModel built = dbshift().schema().at("3");
            assertThat(built.tables()).anyMatch(t -> t.name().equalsIgnoreCase("extra"));
            if (vendor != Vendor.POSTGRES) {
                SchemaDiff same = SchemaDiff.between(dbshift().schema().live(), built);
                assertThat(same.isEmpty()).as(same.describe()).isTrue();
            }
        }
        if (server) {
            assertThatThrownBy(() -> dbshift().schema().at("head")).isInstanceOf(DbShiftException.class)
                    .hasMessageContaining("migrations/4__password.sql:1: '")
                    .hasMessageContaining("the whole server shares");
        }
        assertThat(count("SELECT COUNT(*) FROM audit")).as("the live table after the replay: the fix's one row").isEqualTo(1);
    }

    /**
     * PostgreSQL prints a {@code timestamptz} constant (a column default, a check, a view's literal) in the session's time
     * zone, and the JDBC driver sets that to the JVM's: the checksum {@code up} recorded on a machine in Tokyo was not
     * the one {@code check} read on a machine in UTC, so a schema nobody changed was drift (exit 3). The schema is read
     * in UTC, whatever the machine's zone, and the session's own zone is given back after the read.
     */
    @org.junit.jupiter.api.Test
    void aPostgresSchemaReadsTheSameFromAMachineInAnyTimeZone() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        project.file("migrations/1__events.sql", "CREATE TABLE events (id INT PRIMARY KEY,"
                + " since TIMESTAMPTZ NOT NULL DEFAULT '2000-01-01 00:00:00+00' CHECK (since >= '1999-12-31 00:00:00+00'));\n"
                + "CREATE VIEW recent AS SELECT id FROM events WHERE since > '2020-01-01 12:00:00+00'::timestamptz;\n");
        java.util.TimeZone machine = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
            dbshift().up();
            SchemaModel fromTokyo = dbshift().schema().live();
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/New_York"));
            assertThat(dbshift().schema().live().checksum()).isEqualTo(fromTokyo.checksum());
            assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
            assertThat(fromTokyo.table("events").orElseThrow().columns().get(1).defaultValue()).contains("+00");
        } finally {
            java.util.TimeZone.setDefault(machine);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'Asia/Kolkata'");
            new dev.dbshift.db.postgres.PostgresSchemaReader().read(c, db.name(), java.util.Set.of());
            try (java.sql.ResultSet rs = st.executeQuery("SELECT current_setting('TimeZone')")) {
                rs.next();
                assertThat(rs.getString(1)).as("the session's zone, given back").isEqualTo("Asia/Kolkata");
            }
        }
    }

    /**
     * A table moved to MyISAM by hand on MariaDB (no transactions, no foreign keys) is drift: before the engine counted,
     * status and check said the schema matched. Its diff names the change and the DDL writer moves it back. A checksum
     * an older dbshift recorded (version s1, which left the engine out) of a schema with a MyISAM table is not drift.
     */
    @org.junit.jupiter.api.Test
    void aTableMovedToAnotherEngineIsDriftAndItsDiffMovesItBack() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        twoMigrations();
        dbshift().up();
        exec("ALTER TABLE customer ENGINE=MyISAM");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(dbshift().schema().at("2"), dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("change engine of customer: default -> myisam\n");
        List<String> back = new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow().write(live.reverse());
        assertThat(back).containsExactly("ALTER TABLE `customer` ENGINE=InnoDB");
        exec(back.get(0));
        assertThat(dbshift().status().warnings()).noneMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        // a migration that makes a MyISAM table records an s3 checksum; the one an older dbshift recorded was s1
        project.file("migrations/3__log.sql", "CREATE TABLE audit_log (id INT PRIMARY KEY, line TEXT) ENGINE=MyISAM;\n");
        dbshift().up();
        SchemaModel withLog = dbshift().schema().live();
        assertThat(withLog.checksum()).startsWith("s9:");
        String older = withLog.liveChecksum().s1();
        assertThat(older).startsWith("s1:").isNotEqualTo(withLog.checksum());
        exec("UPDATE dbshift_history SET schema_checksum = '" + older + "' WHERE schema_checksum IS NOT NULL AND version = '3'");
        assertThat(dbshift().status().warnings()).noneMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        exec("ALTER TABLE orders ADD COLUMN note VARCHAR(10)");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
    }

    /**
     * On MariaDB, a function changed by hand to run with its definer's rights instead of the caller's (a privilege
     * escalation: {@code ALTER FUNCTION f SQL SECURITY DEFINER}) is drift; before, the schema checksum left a routine's
     * security out and status and check said the schema matched. The diff names it and the DDL writer's reverse makes
     * the function again with {@code SQL SECURITY INVOKER}; a record an older dbshift took (s5) of a schema with such a
     * function is not drift.
     */
    @org.junit.jupiter.api.Test
    void aRoutinesSqlSecurityChangedByHandIsDrift() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        project.file("migrations/1__f.sql", "CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC SQL SECURITY INVOKER RETURN x * 2;\n");
        dbshift().up();
        assertThat(dbshift().status().warnings()).noneMatch(w -> w.contains("schema drift"));
        SchemaModel recorded = dbshift().schema().live();
        exec("ALTER FUNCTION twice SQL SECURITY DEFINER");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(dbshift().schema().at("1"), dbshift().schema().live());
        List<String> back = new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow().write(live.reverse());
        assertThat(String.join("\n", back)).contains("SQL SECURITY INVOKER");
        for (String statement : back) {
            exec(statement);
        }
        assertThat(dbshift().status().warnings()).noneMatch(w -> w.contains("schema drift"));

        // an s5 record of the schema with the function as made is not drift
        String older = recorded.liveChecksum().versions().get(4);
        assertThat(older).startsWith("s5:");
        exec("UPDATE dbshift_history SET schema_checksum = '" + older + "' WHERE schema_checksum IS NOT NULL");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
    }

    /**
     * On MariaDB, two triggers of one table and event made again the other way round (a row then gets what the other
     * sets last) and a {@code TEMPTABLE} view changed to take writes are drift; before, the schema checksum left both out
     * and status and check said the schema matched. The diff's reverse makes them again as made, the triggers in their
     * order; a record an older dbshift took (s6) of the schema as made is not drift.
     */
    @org.junit.jupiter.api.Test
    void aTriggersPlaceAndAViewsAlgorithmChangedByHandAreDrift() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        String tz = "CREATE TRIGGER tz BEFORE INSERT ON t FOR EACH ROW SET NEW.v = CONCAT(COALESCE(NEW.v, ''), 'z')";
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20));\n" + tz + ";\n"
                + "CREATE TRIGGER ta BEFORE INSERT ON t FOR EACH ROW SET NEW.v = CONCAT(NEW.v, 'a');\n"
                + "CREATE ALGORITHM=TEMPTABLE VIEW tv AS SELECT id, v FROM t;\n");
        dbshift().up();
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        SchemaModel recorded = dbshift().schema().live();
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow();

        exec("DROP TRIGGER tz");
        exec(tz);
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        undo(recorded, writer);
        exec("INSERT INTO t (id) VALUES (1)");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT v FROM t WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("tz fires first again").isEqualTo("za");
        }

        exec("ALTER ALGORITHM=UNDEFINED VIEW tv AS SELECT id, v FROM t");
        exec("INSERT INTO tv (id, v) VALUES (2, 'b')");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        List<String> back = writer.write(SchemaDiff.between(recorded, dbshift().schema().live()).reverse());
        assertThat(String.join("\n", back)).contains("CREATE ALGORITHM=TEMPTABLE VIEW `tv`");
        for (String undo : back) {
            exec(undo);
        }
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> exec("INSERT INTO tv (id, v) VALUES (3, 'c')"))
                .as("a TEMPTABLE view takes no writes").isInstanceOf(SQLException.class);

        anOlderRecordIsNoDrift(recorded, 6);
    }

    /**
     * On SQLite, triggers of one table and event fire last made first: two made again the other way round write
     * otherwise, and that is drift (before, status and check said the schema matched). The diff's reverse makes them
     * again in their order; a trigger of another event between them changes nothing.
     */
    @org.junit.jupiter.api.Test
    void sqliteTriggersMadeAgainTheOtherWayRoundAreDrift() throws Exception {
        db = TestDatabase.create(Vendor.SQLITE);
        String tz = "CREATE TRIGGER tz AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('z'); END";
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY);\nCREATE TABLE log (s TEXT);\n" + tz + ";\n"
                + "CREATE TRIGGER td AFTER DELETE ON t BEGIN INSERT INTO log VALUES ('d'); END;\n"
                + "CREATE TRIGGER ta AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('a'); END;\n");
        dbshift().up();
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        SchemaModel recorded = dbshift().schema().live();
        assertThat(recorded.triggers()).extracting(dev.dbshift.schema.Trigger::follows).containsExactly("tz", null, null);

        exec("DROP TRIGGER tz");
        exec(tz);
        assertThat(logAfterInsert(1)).isEqualTo("za");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        undo(recorded, new dev.dbshift.db.sqlite.SqliteDatabase().ddlWriter().orElseThrow());
        assertThat(logAfterInsert(2)).as("ta, made last, fires first again").isEqualTo("az");
    }

    /**
     * On PostgreSQL, a table's inheritance taken off by hand ({@code ALTER TABLE child NO INHERIT parent}: a query of the
     * parent no longer reads the child's rows) or its parents' order changed is drift; before, the schema checksum left
     * inheritance out and status and check said the schema matched. The diff's reverse links them again in their order;
     * a record an older dbshift took (s6) of the schema as made is not drift.
     */
    @org.junit.jupiter.api.Test
    void aTablesInheritanceTakenOffByHandIsDrift() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        project.file("migrations/1__t.sql", "CREATE TABLE base (id INT, at DATE);\n"
                + "CREATE TABLE base_2026 (CHECK (at >= '2026-01-01')) INHERITS (base);\n"
                + "CREATE TABLE tagged (tag TEXT);\nCREATE TABLE both_ (extra INT) INHERITS (base, tagged);\n"
                + "INSERT INTO base_2026 VALUES (1, '2026-05-01');\n");
        dbshift().up();
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        SchemaModel recorded = dbshift().schema().live();
        assertThat(recorded.tables()).filteredOn(t -> !t.inherits().isEmpty())
                .extracting(t -> t.name() + " " + t.inherits()).containsExactly("base_2026 [base]", "both_ [base, tagged]");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();

        exec("ALTER TABLE base_2026 NO INHERIT base");
        assertThat(rowsOfBase()).isZero();
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff off = SchemaDiff.between(recorded, dbshift().schema().live());
        assertThat(off.describe()).isEqualToIgnoringNewLines("make base_2026 no longer inherit from base");
        undo(recorded, writer);
        assertThat(rowsOfBase()).isEqualTo(1);

        exec("ALTER TABLE both_ NO INHERIT base");
        exec("ALTER TABLE both_ INHERIT base");
        assertThat(dbshift().check(false).problems()).as("the parents' order changed").anyMatch(p -> p.code().equals("drift"));
        undo(recorded, writer);

        anOlderRecordIsNoDrift(recorded, 6);
    }

    /**
     * PostgreSQL changes a parent's columns and checks on the tables that inherit from it: the diff writes each change on
     * the parent alone (before, it wrote it again on each child, where it failed: "column ... already exists"), and its
     * DDL takes the schema there and back.
     */
    @org.junit.jupiter.api.Test
    void aDiffChangesAParentsColumnsOnceForItsChildren() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        exec("CREATE TABLE base (id INT, gone TEXT)");
        exec("CREATE TABLE kid (note TEXT) INHERITS (base)");
        exec("CREATE TABLE grandkid () INHERITS (kid)");
        SchemaModel before = dbshift().schema().live();
        exec("ALTER TABLE base ADD COLUMN x INT NOT NULL DEFAULT 1, ALTER COLUMN id TYPE BIGINT, DROP COLUMN gone,"
                + " ADD CONSTRAINT pos CHECK (id > 0)");
        SchemaModel after = dbshift().schema().live();
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        SchemaDiff back = SchemaDiff.between(after, before);
        assertThat(back.changes()).allMatch(c -> ((dev.dbshift.schema.SchemaChange.OnTable) c).table().equals("base"));
        for (String statement : writer.write(back)) {
            exec(statement);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(before.checksum());
        for (String statement : writer.write(back.reverse())) {
            exec(statement);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(after.checksum());
    }

    private long rowsOfBase() throws SQLException {
        return db.count("SELECT count(*) FROM base");
    }

    /** Runs the DDL that takes the live schema back to {@code recorded}: no drift after it. */
    private void undo(SchemaModel recorded, dev.dbshift.schema.DdlWriter writer) throws Exception {
        for (String undo : writer.write(SchemaDiff.between(recorded, dbshift().schema().live()).reverse())) {
            exec(undo);
        }
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
    }

    /**
     * The history's checksums made {@code recorded}'s in {@code s<version>}, which differs there from the version after it,
     * as an older dbshift took them: no drift.
     */
    private void anOlderRecordIsNoDrift(SchemaModel recorded, int version) throws Exception {
        List<String> versions = recorded.liveChecksum().versions();
        String older = versions.get(version - 1);
        String next = versions.get(version);
        assertThat(older).startsWith("s" + version + ":")
                .isNotEqualTo("s" + version + ":" + next.substring(next.indexOf(':') + 1));
        exec("UPDATE dbshift_history SET schema_checksum = '" + older + "' WHERE schema_checksum IS NOT NULL");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
    }

    /**
     * A MariaDB application-time period and its primary or unique key {@code WITHOUT OVERLAPS}, made again by hand as a
     * check of the same name and a plain key (the catalog shows the two alike; the table then takes two rows of one key
     * whose periods overlap), are drift; before, the model read a period as its check and such a key as a plain one, so
     * status and check said the schema matched, and a diff, a baseline or autogenerate wrote the period as a check. A
     * user's own check of the same shape beside it stays a check. The diff's reverse makes the period and the keys again.
     */
    @org.junit.jupiter.api.Test
    void aPeriodAndItsKeysWithoutOverlapsMadeAgainPlainAreDrift() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        project.file("migrations/1__t.sql", "CREATE TABLE booking (room INT NOT NULL, since DATE, until DATE,"
                + " PERIOD FOR stay (since, until), UNIQUE KEY one_at_a_time (room, stay WITHOUT OVERLAPS) COMMENT 'one stay at a time');\n"
                + "CREATE TABLE lease (car INT, since DATE, until DATE, PERIOD FOR hire (since, until),"
                + " PRIMARY KEY (car, hire WITHOUT OVERLAPS));\n"
                + "CREATE TABLE span (id INT, lo INT, hi INT, CONSTRAINT lohi CHECK (lo < hi),"
                + " UNIQUE KEY idhl (id, hi, lo) COMMENT 'not `x` WITHOUT OVERLAPS)');\n");
        dbshift().up();
        SchemaModel recorded = dbshift().schema().live();
        assertThat(recorded.table("booking").orElseThrow().checks()).containsExactly(new Check("stay", "`since` < `until`", true));
        assertThat(recorded.table("booking").orElseThrow().indexes()).singleElement().extracting(Index::period).isEqualTo("stay");
        assertThat(recorded.table("lease").orElseThrow().primaryKey().period()).isEqualTo("hire");
        assertThat(recorded.table("span").orElseThrow().checks()).containsExactly(new Check("lohi", "`lo` < `hi`"));
        assertThat(recorded.table("span").orElseThrow().indexes()).singleElement().extracting(Index::period).isNull();
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow();

        exec("ALTER TABLE booking DROP INDEX one_at_a_time");
        exec("ALTER TABLE booking DROP PERIOD FOR stay");
        exec("ALTER TABLE booking ADD CONSTRAINT stay CHECK (since < until), ADD UNIQUE KEY one_at_a_time (room, until, since)");
        exec("INSERT INTO booking VALUES (1, '2026-01-01', '2026-03-01'), (1, '2026-02-01', '2026-04-01')");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        exec("DELETE FROM booking WHERE since = '2026-02-01'");
        undo(recorded, writer);
        assertThatThrownBy(() -> exec("INSERT INTO booking VALUES (1, '2026-02-01', '2026-04-01')"))
                .as("an overlapping stay").hasMessageContaining("one_at_a_time");

        exec("ALTER TABLE lease DROP PRIMARY KEY");
        exec("ALTER TABLE lease DROP PERIOD FOR hire");
        exec("ALTER TABLE lease ADD CONSTRAINT hire CHECK (since < until), ADD PRIMARY KEY (car, until, since)");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        undo(recorded, writer);
        exec("INSERT INTO lease VALUES (1, '2026-01-01', '2026-03-01')");
        assertThatThrownBy(() -> exec("INSERT INTO lease VALUES (1, '2026-02-01', '2026-04-01')"))
                .as("an overlapping hire").hasMessageContaining("PRIMARY");

        anOlderRecordIsNoDrift(recorded, 7);
    }

    /** What the triggers wrote to {@code log} for a row inserted into {@code t}, in the order they wrote it. */
    private String logAfterInsert(int id) throws SQLException {
        exec("DELETE FROM log");
        exec("INSERT INTO t (id) VALUES (" + id + ")");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT group_concat(s, '') FROM (SELECT s FROM log ORDER BY rowid)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * On MariaDB, a column made invisible by hand changes what {@code SELECT *} and an INSERT without a column list do,
     * an index made IGNORED what the optimizer may use, and an event made by hand runs code every day: drift (before,
     * status and check said the schema matched). The diff names each, and the DDL writer's reverse undoes them. Made by a
     * migration instead, they are recorded (s3), a scratch replay of the migrations reads the same (the event's start,
     * the moment it was made, is not counted), and an older s2 record of a schema that had them is not drift.
     */
    @org.junit.jupiter.api.Test
    void invisibleColumnsIgnoredIndexesAndEventsMadeByHandAreDriftAndTheirDiffUndoesThem() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        twoMigrations();
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        exec("ALTER TABLE orders MODIFY total DECIMAL(10,2) INVISIBLE");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        exec("ALTER TABLE orders MODIFY total DECIMAL(10,2)");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        exec("ALTER TABLE orders ALTER INDEX ix_orders_customer IGNORED");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        exec("ALTER TABLE orders ALTER INDEX ix_orders_customer NOT IGNORED");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        exec("CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM orders WHERE total < 0");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));

        exec("ALTER TABLE orders MODIFY total DECIMAL(10,2) INVISIBLE, ALTER INDEX ix_orders_customer IGNORED");
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).contains("alter column orders.total: invisible", "ignore index ix_orders_customer on orders",
                "create event nightly").hasLineCount(3);
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow();
        assertThat(writer.write(live)).contains("ALTER TABLE `orders` ALTER INDEX `ix_orders_customer` IGNORED",
                "CREATE EVENT `nightly` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM orders WHERE total < 0");
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        // the forward DDL makes the same again
        for (String redo : writer.write(live)) {
            exec(redo);
        }
        assertThat(SchemaDiff.between(clean, dbshift().schema().live()).describe()).isEqualTo(live.describe());
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }

        project.file("migrations/3__hidden.sql", "ALTER TABLE customer ADD COLUMN secret INT INVISIBLE;\n"
                + "ALTER TABLE orders ALTER INDEX ix_orders_customer IGNORED;\n"
                + "CREATE EVENT tidy ON SCHEDULE EVERY '1:30' HOUR_MINUTE ENDS '2037-12-31 00:00:00' DO DELETE FROM orders WHERE total < 0;\n");
        dbshift().up();
        SchemaModel hidden = dbshift().schema().live();
        assertThat(hidden.checksum()).startsWith("s9:");
        assertThat(hidden.table("customer").orElseThrow().column("secret").orElseThrow().invisible()).isTrue();
        assertThat(hidden.table("orders").orElseThrow().indexes()).singleElement().satisfies(i -> assertThat(i.ignored()).isTrue());
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(hidden.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        String s2 = hidden.liveChecksum().versions().get(1);
        assertThat(s2).startsWith("s2:");
        assertThat(s2.substring(3)).isNotEqualTo(hidden.checksum().substring(3));
        exec("UPDATE dbshift_history SET schema_checksum = '" + s2 + "' WHERE schema_checksum IS NOT NULL AND version = '3'");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        exec("ALTER TABLE customer ADD COLUMN other INT");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
    }

    /**
     * A PostgreSQL identity column's sequence options ({@code START WITH 1000 INCREMENT BY 10}) were not read: changed by
     * hand (the next ids counted by 1), no drift, and the baseline and built-in dump made the identity with the defaults.
     * Now they are (s5, only where not the type's default), and the diff sets every option back.
     */
    @org.junit.jupiter.api.Test
    void anIdentitysSequenceChangedByHandIsDrift() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        twoMigrations();
        project.file("migrations/3__tickets.sql", "CREATE TABLE ticket (id bigint GENERATED ALWAYS AS IDENTITY"
                + " (START WITH 1000 INCREMENT BY 10) PRIMARY KEY, note text);\n"
                + "CREATE TABLE plain_id (id int GENERATED BY DEFAULT AS IDENTITY, note text);\n"
                + "CREATE TABLE countdown (id smallint GENERATED ALWAYS AS IDENTITY (INCREMENT BY -1 MINVALUE -100), note text);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.table("ticket").orElseThrow().column("id").orElseThrow().identityOptions()).isEqualTo("start 1000 increment 10");
        assertThat(clean.table("plain_id").orElseThrow().column("id").orElseThrow().identityOptions()).isNull();
        assertThat(clean.table("countdown").orElseThrow().column("id").orElseThrow().identityOptions()).isEqualTo("increment -1 minvalue -100");
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        exec("ALTER TABLE ticket ALTER COLUMN id SET INCREMENT BY 1");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("alter column ticket.id: identity sequence start 1000 increment 10 -> start 1000\n");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        assertThat(writer.write(live.reverse())).containsExactly("ALTER TABLE \"ticket\" ALTER COLUMN \"id\" SET INCREMENT BY 10"
                + " SET MINVALUE 1 SET MAXVALUE 9223372036854775807 SET START WITH 1000 SET NO CYCLE");
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        exec("INSERT INTO ticket (note) VALUES ('a'), ('b')");
        assertThat(count("SELECT max(id) FROM ticket")).isEqualTo(1010);

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);
        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 4);
    }

    /**
     * A SQLite index key may collate otherwise than its column ({@code name COLLATE NOCASE}): a unique index so refuses
     * {@code 'bob'} beside {@code 'Bob'}. The key's collation was not read: made again without it by hand, no drift, and
     * the baseline and built-in dump wrote the index without it. Now it is (s5), and the diff makes it again with it.
     */
    @org.junit.jupiter.api.Test
    void aSqliteIndexKeysCollationChangedByHandIsDrift() throws Exception {
        db = TestDatabase.create(Vendor.SQLITE);
        twoMigrations();
        project.file("migrations/3__person.sql", "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, nick TEXT COLLATE NOCASE);\n"
                + "CREATE UNIQUE INDEX ux_person_name ON person (name COLLATE NOCASE);\n"
                + "CREATE INDEX ix_person_nick ON person (nick);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.table("person").orElseThrow().indexes()).extracting(i -> i.parts().get(0).collation())
                .containsExactly(null, "NOCASE");
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        exec("INSERT INTO person (name) VALUES ('Bob')");
        assertThatThrownBy(() -> exec("INSERT INTO person (name) VALUES ('bob')")).isInstanceOf(SQLException.class);

        exec("DROP INDEX ux_person_name");
        exec("CREATE UNIQUE INDEX ux_person_name ON person (name)");
        exec("INSERT INTO person (name) VALUES ('bob')");
        exec("DELETE FROM person WHERE name = 'bob'");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        List<String> back = new dev.dbshift.db.sqlite.SqliteDatabase().ddlWriter().orElseThrow().write(live.reverse());
        assertThat(back).contains("CREATE UNIQUE INDEX \"ux_person_name\" ON \"person\" (\"name\" COLLATE NOCASE)");
        for (String undo : back) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThatThrownBy(() -> exec("INSERT INTO person (name) VALUES ('bob')")).isInstanceOf(SQLException.class);
        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 4);
    }

    /**
     * A SQLite table {@code STRICT} refuses a value of another type than its column's; one {@code WITHOUT ROWID} has no
     * rowid. Neither was read: made again without it by hand, no drift, and the baseline and built-in dump made the
     * table without it. Now both are (s5), and the diff rebuilds the table with them.
     */
    @org.junit.jupiter.api.Test
    void aSqliteTablesStrictAndWithoutRowidChangedByHandAreDrift() throws Exception {
        db = TestDatabase.create(Vendor.SQLITE);
        twoMigrations();
        project.file("migrations/3__strict.sql", "CREATE TABLE reading (id INTEGER PRIMARY KEY, value INTEGER NOT NULL) STRICT;\n"
                + "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID, STRICT;\nINSERT INTO reading VALUES (1, 10);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.table("reading").orElseThrow().persistence()).isEqualTo("strict");
        assertThat(clean.table("kv").orElseThrow().persistence()).isEqualTo("strict, without rowid");
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        assertThatThrownBy(() -> exec("INSERT INTO reading VALUES (2, 'abc')")).isInstanceOf(SQLException.class);

        // made again as a plain table: 'abc' goes in
        exec("CREATE TABLE reading_new (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");
        exec("INSERT INTO reading_new SELECT * FROM reading");
        exec("DROP TABLE reading");
        exec("ALTER TABLE reading_new RENAME TO reading");
        exec("INSERT INTO reading VALUES (2, 'abc')");
        exec("DELETE FROM reading WHERE id = 2");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("make reading not strict\n");
        List<String> back = new dev.dbshift.db.sqlite.SqliteDatabase().ddlWriter().orElseThrow().write(live.reverse());
        assertThat(back).as("a rebuild in SQLite's documented form").startsWith("PRAGMA foreign_keys = OFF", "BEGIN").endsWith("COMMIT");
        assertThat(back.get(2)).startsWith("CREATE TABLE \"dbshift_rebuild_reading\"").endsWith(") STRICT");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String undo : back) {
                st.execute(undo); // one session: its own BEGIN ... COMMIT
            }
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThat(count("SELECT value FROM reading WHERE id = 1")).isEqualTo(10);
        assertThatThrownBy(() -> exec("INSERT INTO reading VALUES (2, 'abc')")).isInstanceOf(SQLException.class);
        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 4);
    }

    /**
     * A PostgreSQL table's replica identity says what logical replication sends of a changed or deleted row: {@code
     * FULL} the whole row (what a table without a key needs), {@code USING INDEX} a unique index's columns. It was not
     * read: set back to the default by hand, no drift, and the baseline and built-in dump left it out (an UPDATE of such
     * a table fails once it is published). Now it is (s5), and the diff sets it again, after the index it names.
     */
    @org.junit.jupiter.api.Test
    void aTablesReplicaIdentityChangedByHandIsDrift() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        twoMigrations();
        project.file("migrations/3__replicated.sql", "CREATE TABLE audit_log (at timestamptz, body text);\n"
                + "ALTER TABLE audit_log REPLICA IDENTITY FULL;\n"
                + "CREATE TABLE keyed (id int NOT NULL, code int NOT NULL);\nCREATE UNIQUE INDEX keyed_code ON keyed (code);\n"
                + "ALTER TABLE keyed REPLICA IDENTITY USING INDEX keyed_code;\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.table("audit_log").orElseThrow().replicaIdentity()).isEqualTo("full");
        assertThat(clean.table("keyed").orElseThrow().replicaIdentity()).isEqualTo("index keyed_code");
        assertThat(clean.table("orders").orElseThrow().replicaIdentity()).isNull();
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        exec("ALTER TABLE audit_log REPLICA IDENTITY DEFAULT");
        exec("ALTER TABLE keyed REPLICA IDENTITY NOTHING");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("replica identity of audit_log: full -> default\n"
                + "replica identity of keyed: index keyed_code -> nothing\n");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        assertThat(writer.write(live.reverse())).containsExactly("ALTER TABLE \"audit_log\" REPLICA IDENTITY FULL",
                "ALTER TABLE \"keyed\" REPLICA IDENTITY USING INDEX \"keyed_code\"");
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);
        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 4);
    }

    /**
     * A PostgreSQL index's non-key columns ({@code INCLUDE}, for index-only scans) and a key's NULLs put against its
     * direction ({@code DESC NULLS LAST}, which an {@code ORDER BY ... NULLS LAST} needs to use it) were not read: made
     * again without them by hand, no drift, and the baseline and built-in dump made the plain index. Now they are (s5).
     */
    @org.junit.jupiter.api.Test
    void anIndexsIncludedColumnsAndNullsOrderChangedByHandAreDrift() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        twoMigrations();
        project.file("migrations/3__recent.sql", "CREATE INDEX orders_recent ON orders (customer_id DESC NULLS LAST, id) INCLUDE (total);\n"
                + "CREATE UNIQUE INDEX orders_first ON orders (id NULLS FIRST);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        dev.dbshift.schema.Index recent = clean.table("orders").orElseThrow().indexes().stream()
                .filter(i -> i.name().equals("orders_recent")).findFirst().orElseThrow();
        assertThat(recent.include()).containsExactly("total");
        assertThat(recent.parts()).extracting(dev.dbshift.schema.Index.Part::nulls).containsExactly("last", null);
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        exec("DROP INDEX orders_recent");
        exec("CREATE INDEX orders_recent ON orders (customer_id DESC, id)");
        exec("DROP INDEX orders_first");
        exec("CREATE UNIQUE INDEX orders_first ON orders (id)");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        assertThat(writer.write(live.reverse())).contains(
                "CREATE INDEX \"orders_recent\" ON \"orders\" (\"customer_id\" DESC NULLS LAST, \"id\") INCLUDE (\"total\")",
                "CREATE UNIQUE INDEX \"orders_first\" ON \"orders\" (\"id\" NULLS FIRST)");
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);
        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 4);
    }

    /**
     * A view {@code WITH CHECK OPTION} refuses a write through it that gives a row it does not show; a view with {@code
     * security_invoker} (PostgreSQL) or {@code SQL SECURITY INVOKER} reads its tables with the querying user's rights.
     * Neither was read: made again without them by hand, it was no drift, and the baseline and built-in dump wrote the
     * view without them. Now they are (s5), and the diff makes the view again with them.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void aViewsCheckOptionAndSecurityChangedByHandAreDrift(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        twoMigrations();
        boolean pg = vendor == Vendor.POSTGRES;
        project.file("migrations/3__views.sql", "CREATE VIEW big_orders AS SELECT id, customer_id, total FROM orders WHERE total > 100"
                + " WITH CASCADED CHECK OPTION;\n"
                + (pg ? "CREATE VIEW own_customers WITH (security_invoker = on, security_barrier) AS SELECT id, email FROM customer;\n"
                : "CREATE SQL SECURITY INVOKER VIEW own_customers AS SELECT id, email FROM customer;\n"));
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.views()).extracting(dev.dbshift.schema.View::name, dev.dbshift.schema.View::options).containsExactly(
                org.assertj.core.groups.Tuple.tuple("big_orders", "check option cascaded"),
                org.assertj.core.groups.Tuple.tuple("own_customers", pg ? "security barrier, security invoker" : "security invoker"));
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        assertThatThrownBy(() -> exec("INSERT INTO big_orders VALUES (1, 1, 5)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("big_orders");

        // made again without them
        exec("DROP VIEW big_orders");
        exec("CREATE VIEW big_orders AS SELECT id, customer_id, total FROM orders WHERE total > 100");
        exec("DROP VIEW own_customers");
        exec("CREATE VIEW own_customers AS SELECT id, email FROM customer");
        exec("INSERT INTO big_orders VALUES (1, 1, 5)");
        exec("DELETE FROM orders");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        dev.dbshift.schema.DdlWriter writer = pg ? new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow()
                : new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow();
        List<String> back = writer.write(live.reverse());
        assertThat(back).anySatisfy(sql -> assertThat(sql).startsWith(pg ? "CREATE VIEW \"big_orders\" WITH (check_option=cascaded) AS"
                : "CREATE VIEW `big_orders` AS").endsWith(pg ? "" : "WITH CASCADED CHECK OPTION"));
        assertThat(back).anySatisfy(sql -> assertThat(sql).startsWith(pg
                ? "CREATE VIEW \"own_customers\" WITH (security_barrier=true, security_invoker=true) AS"
                : "CREATE SQL SECURITY INVOKER VIEW `own_customers` AS"));
        for (String undo : back) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThatThrownBy(() -> exec("INSERT INTO big_orders VALUES (1, 1, 5)")).isInstanceOf(SQLException.class);

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);
        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 4);
    }

    /**
     * A MySQL/MariaDB event that ends by itself (once, {@code AT}; or until {@code ENDS}) is dropped by the server when
     * it has run ({@code ON COMPLETION NOT PRESERVE}) or disabled ({@code PRESERVE}): counted, that was drift no one
     * made, and a scratch replay of the migrations read another {@code AT}. Since s5 such events are not counted (they
     * stay in the model, so a diff names them); a recurring event without an end still is.
     */
    @org.junit.jupiter.api.Test
    void eventsThatEndByThemselvesAreNotCountedOnceTheyHaveRun() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        twoMigrations();
        project.file("migrations/3__events.sql", "CREATE EVENT once ON SCHEDULE AT CURRENT_TIMESTAMP + INTERVAL 1 DAY"
                + " DO DELETE FROM orders WHERE total < 0;\n"
                + "CREATE EVENT for_a_week ON SCHEDULE EVERY 1 HOUR ENDS CURRENT_TIMESTAMP + INTERVAL 7 DAY ON COMPLETION PRESERVE"
                + " DO DELETE FROM orders WHERE total < 0;\n"
                + "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM orders WHERE total < 0;\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.routines()).extracting(dev.dbshift.schema.Routine::name).containsExactlyInAnyOrder("once", "for_a_week", "nightly");
        assertThat(clean.liveChecksum().versions().get(3).substring(3)).as("s4 counts them").isNotEqualTo(clean.checksum().substring(3));
        assertThat(dbshift().schema().at("3").checksum()).as("a replay's AT and ENDS are other times").isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        // what the server does once they have run
        exec("DROP EVENT once");
        exec("ALTER EVENT for_a_week DISABLE");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        assertThat(SchemaDiff.between(clean, dbshift().schema().live()).describe()).contains("drop event once");
        // an event without an end, dropped, still is drift
        exec("DROP EVENT nightly");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
    }

    /**
     * On MariaDB, a partition dropped by hand (its rows with it), a table partitioned by hand and one whose partitioning
     * was removed by hand change where rows may go and what {@code DROP PARTITION} can lose: drift (before, status and
     * check said the schema matched). The diff names each as a repartition of the table, never a drop of it, and the
     * DDL writer's reverse (an {@code ALTER TABLE ... PARTITION BY} or {@code REMOVE PARTITIONING}, which keep every row)
     * brings the recorded schema back. Made by a migration, the partitioning is recorded (s4); a scratch replay reads the
     * same; the model written as DDL
     * into an empty database reads back the same; an older s3 record of a partitioned schema is not drift.
     */
    @org.junit.jupiter.api.Test
    void partitioningChangedByHandIsDriftAndItsDiffRepartitionsKeepingTheRows() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        twoMigrations();
        project.file("migrations/3__metric.sql", "CREATE TABLE metric (id INT NOT NULL, at DATE NOT NULL, v INT,"
                + " PRIMARY KEY (id, at)) PARTITION BY RANGE (YEAR(at)) (PARTITION p2024 VALUES LESS THAN (2025),"
                + " PARTITION p2025 VALUES LESS THAN (2026), PARTITION pmax VALUES LESS THAN MAXVALUE);\n"
                + "INSERT INTO metric VALUES (1, '2024-03-01', 10), (2, '2025-03-01', 20), (3, '2026-03-01', 30);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.checksum()).startsWith("s9:");
        assertThat(clean.table("metric").orElseThrow().partitionLayout()).isEqualTo("PARTITION BY RANGE (year(`at`))\n"
                + "(PARTITION `p2024` VALUES LESS THAN (2025) ENGINE = InnoDB,\n"
                + " PARTITION `p2025` VALUES LESS THAN (2026) ENGINE = InnoDB,\n"
                + " PARTITION `pmax` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)");
        assertThat(clean.table("orders").orElseThrow().partitioning()).isNull();
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        exec("ALTER TABLE metric DROP PARTITION p2024");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        exec("ALTER TABLE orders PARTITION BY HASH (id) PARTITIONS 4");
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("repartition metric: PARTITION BY RANGE (year(`at`)) (PARTITION `p2025` VALUES LESS"
                + " THAN (2026) ENGINE = InnoDB, PARTITION `pmax` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)\n"
                + "partition orders: PARTITION BY HASH (`id`) PARTITIONS 4\n");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow();
        List<String> back = writer.write(live.reverse());
        // partitioning goes before the keys change, and comes after
        assertThat(back).containsExactly("ALTER TABLE `orders` REMOVE PARTITIONING",
                "ALTER TABLE `metric`\n" + clean.table("metric").orElseThrow().partitionLayout());
        for (String undo : back) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        // partitioning removed by hand: the reverse partitions the table again, every row in its partition
        exec("ALTER TABLE metric REMOVE PARTITIONING");
        SchemaDiff removed = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(removed.describe()).isEqualTo("remove partitioning of metric\n");
        for (String undo : writer.write(removed.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        // the row p2024 held went with it when it was dropped; the two others stayed through both repartitions
        assertThat(count("SELECT COUNT(*) FROM metric")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM metric PARTITION (p2025)")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM metric PARTITION (pmax)")).isEqualTo(1);

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);

        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 3);
    }

    /**
     * MariaDB's system-versioned tables were left out of the schema read entirely ({@code TABLES} types them {@code SYSTEM
     * VERSIONED}, not {@code BASE TABLE}): a column added to one by hand, or versioning turned on or off by hand, was no
     * drift, and the built-in dump left them out. Now they are read (s4, which older versions' text still leaves them
     * out of), versioning is a line of their own, and the diff turns it on or off with the period columns a table names.
     */
    @org.junit.jupiter.api.Test
    void systemVersionedTablesAreReadAndVersioningChangedByHandIsDrift() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        twoMigrations();
        project.file("migrations/3__versioned.sql", "CREATE TABLE price (id INT PRIMARY KEY, amount INT) WITH SYSTEM VERSIONING;\n"
                + "CREATE TABLE ledger (id INT PRIMARY KEY, amount INT, rs TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,"
                + " re TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE, PERIOD FOR SYSTEM_TIME (rs, re)) WITH SYSTEM VERSIONING;\n"
                + "CREATE TABLE quote (id INT, amount INT) WITH SYSTEM VERSIONING PARTITION BY SYSTEM_TIME INTERVAL 1 HOUR AUTO;\n"
                + "INSERT INTO price VALUES (1, 10);\nUPDATE price SET amount = 11 WHERE id = 1;\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.checksum()).startsWith("s9:");
        assertThat(clean.tables()).filteredOn(dev.dbshift.schema.Table::systemVersioned)
                .extracting(dev.dbshift.schema.Table::name).containsExactlyInAnyOrder("ledger", "price", "quote");
        assertThat(clean.table("ledger").orElseThrow().column("rs").orElseThrow().periodOfRow()).isTrue();
        // the server picks the start and adds partitions as time goes: neither counts
        assertThat(clean.table("quote").orElseThrow().partitionLayout()).isEqualTo("PARTITION BY SYSTEM_TIME INTERVAL 1 HOUR AUTO");
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        // older versions' text leaves versioned tables out, as their readers did
        String s3 = clean.liveChecksum().versions().get(2);
        try (TestDatabase without = TestDatabase.create(Vendor.MARIADB)) {
            try (Connection c = without.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE customer (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)");
                st.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(10,2))");
                st.execute("CREATE INDEX ix_orders_customer ON orders (customer_id)");
            }
            try (Connection c = without.connect()) {
                assertThat(new dev.dbshift.db.mysql.MySqlSchemaReader().read(c, without.name(), java.util.Set.of())
                        .liveChecksum().versions().get(2)).isEqualTo(s3);
            }
        }

        // a column added by hand to a versioned table: drift, where before the table was not read at all
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET SESSION system_versioning_alter_history = KEEP");
            st.execute("ALTER TABLE price ADD COLUMN note VARCHAR(10)");
        }
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        assertThat(SchemaDiff.between(clean, dbshift().schema().live()).describe()).isEqualTo("add column price.note varchar(10)\n");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET SESSION system_versioning_alter_history = KEEP");
            st.execute("ALTER TABLE price DROP COLUMN note");
        }
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        // versioning turned off (its past rows with it) and on by hand; the reverse turns each back
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET SESSION system_versioning_alter_history = KEEP");
            st.execute("ALTER TABLE ledger DROP SYSTEM VERSIONING, DROP COLUMN rs, DROP COLUMN re");
        }
        exec("ALTER TABLE customer ADD SYSTEM VERSIONING");
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("drop system versioning of ledger\n  ! drops every past version of the rows of ledger\n"
                + "add system versioning to customer\n");
        assertThat(live.changes().get(0).warning()).contains("drops every past version of the rows of ledger");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow();
        List<String> back = writer.write(live.reverse());
        assertThat(back).containsExactly("SET STATEMENT system_versioning_alter_history = KEEP FOR ALTER TABLE `customer` DROP SYSTEM VERSIONING",
                "ALTER TABLE `ledger` ADD COLUMN `rs` timestamp(6) GENERATED ALWAYS AS ROW START INVISIBLE,"
                        + " ADD COLUMN `re` timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE, ADD PERIOD FOR SYSTEM_TIME (`rs`, `re`),"
                        + " ADD SYSTEM VERSIONING");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String undo : back) {
                st.execute(undo);
            }
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        // and the forward DDL, run as one script, makes the same again
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String redo : writer.write(live)) {
                st.execute(redo);
            }
        }
        assertThat(SchemaDiff.between(clean, dbshift().schema().live()).describe()).isEqualTo(live.describe());

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);
    }

    /**
     * A MariaDB system-versioned table's column {@code WITHOUT SYSTEM VERSIONING} makes no row version when it changes.
     * Versioned again by hand (or the reverse), it was no drift; now it is (s5). And the diff's DDL for a change to a
     * versioned table's columns failed (MariaDB refuses one, error 4119, unless {@code system_versioning_alter_history}
     * is {@code KEEP}): each such statement now sets it for itself, the history is kept, and the session is left as it was.
     */
    @org.junit.jupiter.api.Test
    void aVersionedTablesColumnsChangedByHandAreDriftAndTheDiffAltersThemKeepingTheHistory() throws Exception {
        db = TestDatabase.create(Vendor.MARIADB);
        twoMigrations();
        project.file("migrations/3__versioned.sql", "CREATE TABLE price (id INT PRIMARY KEY, amount INT,"
                + " note VARCHAR(20) WITHOUT SYSTEM VERSIONING) WITH SYSTEM VERSIONING;\n"
                + "INSERT INTO price VALUES (1, 10, 'a');\nUPDATE price SET amount = 11 WHERE id = 1;\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.table("price").orElseThrow().columns()).filteredOn(dev.dbshift.schema.Column::unversioned)
                .extracting(dev.dbshift.schema.Column::name).containsExactly("note");
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.mysql.MySqlDatabase().ddlWriter().orElseThrow();

        // the column versioned again by hand, and one added: drift; the reverse, run where the session says nothing of
        // versioning, puts them back and keeps the past rows
        exec("SET STATEMENT system_versioning_alter_history = KEEP FOR ALTER TABLE price MODIFY note VARCHAR(20),"
                + " ADD COLUMN extra INT");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("alter column price.note: with system versioning\nadd column price.extra integer\n");
        List<String> back = writer.write(live.reverse());
        assertThat(back).containsExactly(
                "SET STATEMENT system_versioning_alter_history = KEEP FOR ALTER TABLE `price` MODIFY COLUMN `note` varchar(20)"
                        + " NULL WITHOUT SYSTEM VERSIONING",
                "SET STATEMENT system_versioning_alter_history = KEEP FOR ALTER TABLE `price` DROP COLUMN `extra`");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String undo : back) {
                st.execute(undo);
            }
            try (java.sql.ResultSet rs = st.executeQuery("SELECT @@system_versioning_alter_history")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ERROR");
            }
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThat(count("SELECT COUNT(*) FROM price FOR SYSTEM_TIME ALL")).isEqualTo(2);

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);
        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 4);
    }

    /**
     * A PostgreSQL table made unlogged by hand skips the write-ahead log: a crash empties it and no standby gets its
     * rows. It was no drift (the reader did not read persistence). Now it is (s4), the diff says so, and the DDL
     * writer's reverse makes it logged again; made unlogged by a migration, it is recorded and written back as
     * {@code CREATE UNLOGGED TABLE}; an older s3 record of a schema with an unlogged table is not drift.
     */
    @org.junit.jupiter.api.Test
    void aTableMadeUnloggedByHandIsDriftAndItsDiffMakesItLoggedAgain() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        twoMigrations();
        project.file("migrations/3__scratch.sql", "CREATE UNLOGGED TABLE scratch (id int PRIMARY KEY, body text);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.checksum()).startsWith("s9:");
        assertThat(clean.table("scratch").orElseThrow().persistence()).isEqualTo(dev.dbshift.schema.Table.UNLOGGED);
        assertThat(clean.table("orders").orElseThrow().persistence()).isNull();
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        exec("ALTER TABLE orders SET UNLOGGED");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        exec("ALTER TABLE scratch SET LOGGED");
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("make orders unlogged\nmake scratch logged\n");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        assertThat(writer.write(live.reverse())).containsExactly("ALTER TABLE \"orders\" SET LOGGED", "ALTER TABLE \"scratch\" SET UNLOGGED");
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);

        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 3);
    }

    /**
     * A PostgreSQL trigger disabled by hand stops firing (an audit trail with holes) while its definition stays the
     * same, so it was no drift. Now it is (s4), the diff says so, and the DDL writer's reverse enables it in place (not a
     * drop and create); a migration that disables one or makes it fire in replica sessions only is recorded, replays the
     * same and is written back as made; an older s3 record of a schema with such a trigger is not drift.
     */
    @org.junit.jupiter.api.Test
    void aTriggerDisabledByHandIsDriftAndItsDiffEnablesItAgain() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        twoMigrations();
        project.file("migrations/3__audit.sql", "CREATE TABLE audit (at timestamptz DEFAULT now(), what text);\n"
                + "CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES (TG_OP);"
                + " RETURN NEW; END $$;\n"
                + "CREATE TRIGGER audit_orders AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_row();\n"
                + "CREATE TRIGGER audit_customer AFTER INSERT ON customer FOR EACH ROW EXECUTE FUNCTION audit_row();\n"
                + "ALTER TABLE customer ENABLE REPLICA TRIGGER audit_customer;\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.checksum()).startsWith("s9:");
        assertThat(clean.triggers()).extracting(dev.dbshift.schema.Trigger::name, dev.dbshift.schema.Trigger::firing)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("audit_orders", null),
                        org.assertj.core.groups.Tuple.tuple("audit_customer", "replica"));
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        exec("ALTER TABLE orders DISABLE TRIGGER audit_orders");
        exec("INSERT INTO orders VALUES (1, 1, 10)");
        assertThat(count("SELECT count(*) FROM audit")).isZero();
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        exec("ALTER TABLE customer ENABLE TRIGGER audit_customer");
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("enable trigger audit_customer on customer\ndisable trigger audit_orders on orders\n");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        assertThat(writer.write(live.reverse())).containsExactly("ALTER TABLE \"customer\" ENABLE REPLICA TRIGGER \"audit_customer\"",
                "ALTER TABLE \"orders\" ENABLE TRIGGER \"audit_orders\"");
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        exec("INSERT INTO orders VALUES (2, 1, 10)");
        assertThat(count("SELECT count(*) FROM audit")).isEqualTo(1);
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);

        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 3);
    }

    /**
     * PostgreSQL checks a foreign key in ways its columns and actions do not say: deferred to commit, or not for the rows
     * from before it (NOT VALID), or not at all once {@code DISABLE TRIGGER ALL} has disabled the triggers that check it.
     * Each, changed by hand, was no drift. Now it is (s4); the diff drops and adds the key as recorded, which checks
     * every row again, and a key whose checking is disabled is refused by the writer rather than written as one that
     * checks.
     */
    @org.junit.jupiter.api.Test
    void howAForeignKeyIsCheckedChangedByHandIsDrift() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        twoMigrations();
        project.file("migrations/3__keys.sql", "ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id)"
                + " REFERENCES customer (id) DEFERRABLE INITIALLY DEFERRED;\n"
                + "CREATE TABLE line (id int PRIMARY KEY, order_id int, customer_id int);\n"
                + "ALTER TABLE line ADD CONSTRAINT line_order FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;\n"
                + "ALTER TABLE line ADD CONSTRAINT line_customer FOREIGN KEY (customer_id, order_id) REFERENCES orders (customer_id, id)"
                + " MATCH FULL;\n");
        // the MATCH FULL key references a unique pair of orders
        project.file("migrations/2__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(10,2),"
                + " UNIQUE (customer_id, id));\nCREATE INDEX ix_orders_customer ON orders (customer_id);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.checksum()).startsWith("s9:");
        assertThat(clean.table("orders").orElseThrow().foreignKeys()).singleElement()
                .satisfies(f -> assertThat(f.options()).isEqualTo("deferrable initially deferred"));
        assertThat(clean.table("line").orElseThrow().foreignKeys()).extracting(dev.dbshift.schema.ForeignKey::name,
                dev.dbshift.schema.ForeignKey::options).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("line_order", "not valid"), org.assertj.core.groups.Tuple.tuple("line_customer", "match full"));
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        exec("ALTER TABLE orders ALTER CONSTRAINT orders_customer NOT DEFERRABLE");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("drop foreign key orders_customer on orders (deferrable initially deferred)\n"
                + "add foreign key orders_customer orders[customer_id] -> customer[id] on delete no action on update no action\n");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        assertThat(writer.write(live.reverse())).containsExactly("ALTER TABLE \"orders\" DROP CONSTRAINT \"orders_customer\"",
                "ALTER TABLE \"orders\" ADD CONSTRAINT \"orders_customer\" FOREIGN KEY (\"customer_id\") REFERENCES \"customer\" (\"id\")"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED");
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());

        // its checking triggers disabled: a row without its customer goes in
        exec("ALTER TABLE orders DISABLE TRIGGER ALL");
        exec("INSERT INTO orders VALUES (7, 999, 1)");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff disabled = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(disabled.describe()).contains("drop foreign key orders_customer on orders (deferrable initially deferred)",
                "deferrable initially deferred not enforced");
        assertThatThrownBy(() -> writer.write(disabled)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("checking triggers disabled");
        // the reverse adds the key again, which checks every row: the orphan row stops it (run in one transaction, as
        // psql --single-transaction would, nothing of it stays)
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> {
                for (String undo : writer.write(disabled.reverse())) {
                    st.execute(undo);
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("orders_customer");
            c.rollback();
        }
        exec("DELETE FROM orders WHERE id = 7");
        exec("ALTER TABLE orders ENABLE TRIGGER ALL");
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);

        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 3);
    }

    /**
     * A PostgreSQL exclusion constraint read as an index of the same parts, and a deferrable primary key or unique
     * constraint as one checked at each statement: replacing the constraint by such an index, or making it check at
     * each statement again (and so an arbiter for {@code ON CONFLICT}), was no drift. Now it is (s5); the diff drops and
     * adds it as recorded, with {@code ALTER TABLE ... ADD CONSTRAINT} (no index statement makes one), also where the
     * writer builds indexes concurrently. Likewise an index made again with its type's default operator class (a
     * {@code LIKE 'x%'} no longer uses it).
     */
    @org.junit.jupiter.api.Test
    void anExclusionConstraintADeferrableKeyOrAnOperatorClassChangedByHandIsDrift() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        twoMigrations();
        project.file("migrations/3__constraints.sql", "CREATE TABLE booking (id int PRIMARY KEY, room int NOT NULL,"
                + " during tsrange NOT NULL, slot int4range NOT NULL,"
                + " CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&, slot WITH =) WHERE (room > 0));\n"
                + "CREATE TABLE seat (id int, position int NOT NULL, label text, CONSTRAINT seat_pkey PRIMARY KEY (id)"
                + " DEFERRABLE INITIALLY DEFERRED, CONSTRAINT seat_position UNIQUE (position) DEFERRABLE);\n"
                + "CREATE UNIQUE INDEX seat_label ON seat (label) NULLS NOT DISTINCT;\n"
                + "CREATE INDEX customer_email_prefix ON customer (email varchar_pattern_ops);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.checksum()).startsWith("s9:");
        dev.dbshift.schema.Index exclusion = clean.table("booking").orElseThrow().indexes().get(0);
        assertThat(exclusion.name()).isEqualTo("booking_no_overlap");
        assertThat(exclusion.exclusion()).containsExactly("&&", "=");
        assertThat(exclusion.method()).isEqualTo("gist");
        assertThat(exclusion.predicate()).isEqualTo("room > 0");
        assertThat(clean.table("seat").orElseThrow().primaryKey().options()).isEqualTo("deferrable initially deferred");
        assertThat(clean.table("seat").orElseThrow().indexes()).extracting(dev.dbshift.schema.Index::name,
                dev.dbshift.schema.Index::options).containsExactly(org.assertj.core.groups.Tuple.tuple("seat_label", "nulls not distinct"),
                org.assertj.core.groups.Tuple.tuple("seat_position", "deferrable"));
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();

        // the constraint replaced by an index of the same name and parts: overlapping bookings go in
        exec("ALTER TABLE booking DROP CONSTRAINT booking_no_overlap");
        exec("CREATE INDEX booking_no_overlap ON booking USING gist (during, slot) WHERE room > 0");
        exec("INSERT INTO booking VALUES (1, 1, '[2026-01-01,2026-01-03)', '[1,2)'), (2, 1, '[2026-01-02,2026-01-04)', '[1,2)')");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff replaced = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(replaced.describe()).isEqualTo("drop exclusion constraint booking_no_overlap on booking\n"
                + "add index booking_no_overlap on booking [during, slot] where room > 0\n");
        assertThat(replaced.reverse().describe()).endsWith("add exclusion constraint booking_no_overlap on booking [during, slot]"
                + " with [&&, =] where room > 0\n");
        assertThat(writer.write(replaced.reverse())).containsExactly("DROP INDEX \"booking_no_overlap\"",
                "ALTER TABLE \"booking\" ADD CONSTRAINT \"booking_no_overlap\" EXCLUDE USING gist (\"during\" WITH &&,"
                        + " \"slot\" WITH =) WHERE (room > 0)");
        assertThat(writer.writeConcurrently(replaced.reverse())).containsExactly("DROP INDEX CONCURRENTLY IF EXISTS \"booking_no_overlap\"",
                "ALTER TABLE \"booking\" ADD CONSTRAINT \"booking_no_overlap\" EXCLUDE USING gist (\"during\" WITH &&,"
                        + " \"slot\" WITH =) WHERE (room > 0)");
        // the constraint refuses the overlap the index let in, then takes the rows once one is gone
        assertThatThrownBy(() -> exec(writer.write(replaced.reverse()).get(1))).isInstanceOf(SQLException.class)
                .hasMessageContaining("booking_no_overlap");
        exec("DELETE FROM booking WHERE id = 2");
        for (String undo : writer.write(replaced.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());

        // the index made again with its type's default operator class: a LIKE 'x%' no longer uses it
        exec("DROP INDEX customer_email_prefix");
        exec("CREATE INDEX customer_email_prefix ON customer (email)");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff opclass = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(opclass.describe()).isEqualTo("drop index customer_email_prefix on customer\n"
                + "add index customer_email_prefix on customer [email]\n");
        assertThat(writer.write(opclass.reverse())).containsExactly("DROP INDEX \"customer_email_prefix\"",
                "CREATE INDEX \"customer_email_prefix\" ON \"customer\" (\"email\" varchar_pattern_ops)");
        for (String undo : writer.write(opclass.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());

        // the unique index made to take two NULLs, the unique constraint and the key made to check at each statement
        exec("DROP INDEX seat_label");
        exec("CREATE UNIQUE INDEX seat_label ON seat (label)");
        exec("ALTER TABLE seat DROP CONSTRAINT seat_position, ADD CONSTRAINT seat_position UNIQUE (position)");
        exec("ALTER TABLE seat DROP CONSTRAINT seat_pkey, ADD CONSTRAINT seat_pkey PRIMARY KEY (id)");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff eager = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(eager.describe()).contains("drop unique constraint seat_position on seat (deferrable)\n",
                "add unique index seat_position on seat [position]\n", "drop primary key of seat\n", "add primary key seat [id]\n");
        assertThat(writer.writeConcurrently(eager.reverse())).contains(
                "ALTER TABLE \"seat\" ADD CONSTRAINT \"seat_position\" UNIQUE (\"position\") DEFERRABLE",
                "ALTER TABLE \"seat\" ADD CONSTRAINT \"seat_pkey\" PRIMARY KEY (\"id\") DEFERRABLE INITIALLY DEFERRED");
        assertThat(writer.write(eager.reverse())).contains(
                "CREATE UNIQUE INDEX \"seat_label\" ON \"seat\" (\"label\") NULLS NOT DISTINCT");
        assertThat(eager.reverse().describe()).contains("add unique constraint seat_position on seat [position] deferrable\n",
                "add unique index seat_label on seat [label] nulls not distinct\n",
                "add primary key seat [id] deferrable initially deferred\n");
        for (String undo : writer.write(eager.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);

        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 4);
    }

    /**
     * The whole of {@code model} written as DDL by {@code writer} into an empty schema (PostgreSQL) or database
     * (MariaDB) reads back with the same checksum: the writer makes every object, in an order the server takes.
     */
    private void writtenIntoAnEmptySchemaReadsBackTheSame(dev.dbshift.schema.DdlWriter writer, SchemaModel model) throws Exception {
        List<String> ddl = writer.write(SchemaDiff.between(SchemaModel.empty(), model));
        if (db.vendor() == Vendor.POSTGRES) {
            exec("CREATE SCHEMA copy_of");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("SET search_path TO copy_of");
                for (String statement : ddl) {
                    st.execute(statement);
                }
                assertThat(new dev.dbshift.db.postgres.PostgresSchemaReader().read(c, "copy_of", java.util.Set.of()).checksum())
                        .isEqualTo(model.checksum());
            } finally {
                exec("DROP SCHEMA copy_of CASCADE");
            }
            return;
        }
        try (TestDatabase copy = TestDatabase.create(db.vendor()); Connection c = copy.connect(); Statement st = c.createStatement()) {
            for (String statement : ddl) {
                st.execute(statement);
            }
            assertThat(new dev.dbshift.db.mysql.MySqlSchemaReader().read(c, copy.name(), java.util.Set.of()).checksum())
                    .isEqualTo(model.checksum());
        }
    }

    /**
     * A checksum of {@code clean} recorded in the older {@code version} (by a dbshift that counted less) is compared in
     * that version: no drift; a column added since is.
     */
    private void anOlderRecordIsNotDriftButAChangeSinceIs(SchemaModel clean, int version) throws Exception {
        String older = clean.liveChecksum().versions().get(version - 1);
        assertThat(older).startsWith("s" + version + ":");
        assertThat(older.substring(3)).as("the schema has what a later version counts").isNotEqualTo(clean.checksum().substring(3));
        exec("UPDATE dbshift_history SET schema_checksum = '" + older + "' WHERE schema_checksum IS NOT NULL");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        exec("ALTER TABLE customer ADD COLUMN other INT");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
    }

    private long count(String sql) throws SQLException {
        return db.count(sql);
    }

    /** On H2, a column made invisible by hand is drift too, and the diff's reverse makes it visible again. */
    @org.junit.jupiter.api.Test
    void anInvisibleColumnMadeByHandIsDriftOnH2() throws Exception {
        db = TestDatabase.create(Vendor.H2);
        twoMigrations();
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        exec("ALTER TABLE orders ALTER COLUMN total SET INVISIBLE");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("alter column ORDERS.TOTAL: invisible\n");
        List<String> back = new dev.dbshift.db.h2.H2Database().ddlWriter().orElseThrow().write(live.reverse());
        assertThat(back).containsExactly("ALTER TABLE \"ORDERS\" ALTER COLUMN \"TOTAL\" SET VISIBLE");
        exec(back.get(0));
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        project.file("migrations/3__hidden.sql", "CREATE TABLE audit (id INT PRIMARY KEY, who VARCHAR(10) INVISIBLE);\n");
        dbshift().up();
        assertThat(dbshift().schema().live().table("AUDIT").orElseThrow().column("WHO").orElseThrow().invisible()).isTrue();
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(dbshift().schema().live().checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
    }

    /**
     * On PostgreSQL, a domain's check dropped by hand changes what every column of that type accepts, and an attribute
     * added to a composite type what its values hold: drift (before, status and check said the schema matched). The
     * diff names each and its reverse undoes them in place; a scratch replay of the migrations reads the same, and an
     * older s2 record of the schema is not drift.
     */
    @org.junit.jupiter.api.Test
    void domainsAndCompositeTypesChangedByHandAreDriftAndTheirDiffUndoesThem() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        project.file("migrations/1__types.sql", "CREATE DOMAIN email AS varchar(100) NOT NULL CHECK (VALUE LIKE '%@%');\n"
                + "CREATE DOMAIN qty AS int DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0) CONSTRAINT small CHECK (VALUE < 1000);\n"
                + "CREATE TYPE pair AS (a int, b text COLLATE \"C\");\nCREATE TYPE mood AS ENUM ('sad', 'happy', 'ok');\n"
                + "CREATE TABLE customer (id int PRIMARY KEY, mail email, n qty, p pair);\n");
        dbshift().up();
        SchemaModel clean = dbshift().schema().live();
        assertThat(clean.checksum()).startsWith("s9:");
        assertThat(clean.domains()).extracting(dev.dbshift.schema.Domain::name).containsExactly("email", "qty");
        assertThat(clean.domains().get(1).checks()).extracting(dev.dbshift.schema.Check::name).containsExactly("positive", "small");
        assertThat(clean.compositeTypes()).singleElement().satisfies(t -> assertThat(t.attributes())
                .extracting(dev.dbshift.schema.Column::name, dev.dbshift.schema.Column::collation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", null), org.assertj.core.groups.Tuple.tuple("b", "C")));
        assertThat(clean.enumTypes()).singleElement().satisfies(e -> assertThat(e.labels()).containsExactly("sad", "happy", "ok"));
        assertThat(dbshift().schema().at("1").checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        // a schema whose only such type is a composite one (no domain): read too
        exec("CREATE SCHEMA only_pair");
        exec("CREATE TYPE only_pair.p AS (x int)");
        try (Connection c = db.connect()) {
            assertThat(new dev.dbshift.db.postgres.PostgresSchemaReader().read(c, "only_pair", java.util.Set.of())
                    .compositeTypes()).extracting(dev.dbshift.schema.CompositeType::name).containsExactly("p");
        }
        exec("DROP SCHEMA only_pair CASCADE");

        exec("ALTER DOMAIN email DROP CONSTRAINT email_check");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        exec("ALTER DOMAIN qty SET DEFAULT 2");
        exec("ALTER TYPE pair ADD ATTRIBUTE c bigint");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(clean, dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("alter domain email: drop check email_check\nalter domain qty: default 1 -> 2\n"
                + "alter composite type pair: add c bigint\n");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        assertThat(writer.write(live.reverse())).containsExactly(
                "ALTER DOMAIN \"email\" ADD CONSTRAINT \"email_check\" CHECK (VALUE::text ~~ '%@%'::text)",
                "ALTER DOMAIN \"qty\" SET DEFAULT 1", "ALTER TYPE \"pair\" DROP ATTRIBUTE \"c\"");
        for (String undo : writer.write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(clean.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        writtenIntoAnEmptySchemaReadsBackTheSame(writer, clean);

        anOlderRecordIsNotDriftButAChangeSinceIs(clean, 2);
    }

    /**
     * On PostgreSQL, row security turned on and a policy made by hand change which rows a role sees, and a rule what a
     * DELETE does: drift (before, status and check said the schema matched). The diff names both, and the DDL writer's reverse turns them back. Made by a
     * migration instead, they are recorded (s2) and a scratch replay of the migrations reads the same. An older s1
     * record of a schema that had them is not drift.
     */
    @org.junit.jupiter.api.Test
    void rowSecurityPoliciesAndRulesMadeByHandAreDriftAndTheirDiffUndoesThem() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        twoMigrations();
        dbshift().up();
        exec("ALTER TABLE customer ENABLE ROW LEVEL SECURITY");
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        exec("CREATE POLICY own_rows ON customer FOR SELECT TO PUBLIC USING (email <> '')");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff live = SchemaDiff.between(dbshift().schema().at("2"), dbshift().schema().live());
        assertThat(live.describe()).isEqualTo("change row security of customer: off -> enabled\nadd policy own_rows on customer\n");
        for (String undo : new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow().write(live.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        // a rule made by hand changes what a DELETE does: drift, and the diff's DDL makes it again on a copy of the schema
        exec("CREATE TABLE gone (id INT)");
        SchemaModel withoutRule = dbshift().schema().live();
        exec("CREATE RULE keep AS ON DELETE TO customer DO INSTEAD INSERT INTO gone VALUES (OLD.id)");
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        SchemaDiff rule = SchemaDiff.between(withoutRule, dbshift().schema().live());
        assertThat(rule.describe()).isEqualTo("create rule keep on customer\n");
        List<String> remake = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow().write(rule);
        assertThat(remake).singleElement().asString().contains("DO INSTEAD").doesNotEndWith(";");
        for (String undo : new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow().write(rule.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(withoutRule.checksum());
        exec(remake.get(0));
        assertThat(SchemaDiff.between(withoutRule, dbshift().schema().live()).describe()).isEqualTo(rule.describe());
        // the server prints the rule's table with its schema (TO public.customer); written so, a baseline made the rule
        // on public's table whatever schema it ran in (and a scratch replay failed "already exists")
        assertThat(remake.get(0)).contains("TO customer").doesNotContain("public.");
        writtenIntoAnEmptySchemaReadsBackTheSame(new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow(),
                dbshift().schema().live());

        // the rule disabled by hand (a DELETE deletes again) or made to fire in replica sessions only: drift (s5), and
        // the diff makes it again as it fired
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        SchemaModel enabled = dbshift().schema().live();
        exec("ALTER TABLE customer DISABLE RULE keep");
        SchemaModel disabledModel = dbshift().schema().live();
        assertThat(disabledModel.table("customer").orElseThrow().rules()).singleElement()
                .satisfies(r -> assertThat(r.firing()).isEqualTo("disabled"));
        assertThat(disabledModel.checksum()).isNotEqualTo(enabled.checksum());
        assertThat(disabledModel.liveChecksum().as(enabled.liveChecksum().versions().get(3)))
                .as("an s4 record did not count it").isEqualTo(enabled.liveChecksum().versions().get(3));
        SchemaDiff disabled = SchemaDiff.between(enabled, disabledModel);
        assertThat(disabled.describe()).isEqualTo("drop rule keep on customer\ncreate rule keep on customer (disabled)\n");
        List<String> disable = writer.write(disabled);
        assertThat(disable).last().isEqualTo("ALTER TABLE \"customer\" DISABLE RULE \"keep\"");
        for (String undo : writer.write(disabled.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(enabled.checksum());
        for (String redo : disable) {
            exec(redo);
        }
        assertThat(dbshift().schema().live().checksum()).isEqualTo(disabledModel.checksum());
        exec("ALTER TABLE customer ENABLE REPLICA RULE keep");
        assertThat(writer.write(SchemaDiff.between(enabled, dbshift().schema().live()))).last()
                .isEqualTo("ALTER TABLE \"customer\" ENABLE REPLICA RULE \"keep\"");
        exec("DROP RULE keep ON customer");
        exec("DROP TABLE gone");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));

        project.file("migrations/3__rls.sql", "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nALTER TABLE orders FORCE ROW LEVEL SECURITY;\n"
                + "CREATE POLICY big ON orders AS RESTRICTIVE FOR UPDATE TO PUBLIC USING (total > 10) WITH CHECK (total < 1000);\n");
        dbshift().up();
        SchemaModel withRls = dbshift().schema().live();
        assertThat(withRls.table("orders").orElseThrow().rowSecurity()).isEqualTo("enabled forced");
        assertThat(withRls.table("orders").orElseThrow().policies()).singleElement().satisfies(p -> {
            assertThat(p.permissive()).isFalse();
            assertThat(p.command()).isEqualTo("UPDATE");
            assertThat(p.roles()).containsExactly("public");
        });
        assertThat(dbshift().schema().at("3").checksum()).isEqualTo(withRls.checksum());
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        exec("UPDATE dbshift_history SET schema_checksum = '" + withRls.liveChecksum().s1()
                + "' WHERE schema_checksum IS NOT NULL AND version = '3'");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void autogenerateWritesTheMigrationThatProducesTheReference(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        twoMigrations();
        dbshift().up();
        exec("CREATE TABLE coupon (code VARCHAR(20) PRIMARY KEY, percent INT NOT NULL)");
        List<Path> files = dbshift().schema().newMigration("add coupons", true, null, null, null);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("3__add_coupons.sql", "3__add_coupons.down.sql");
        assertThat(Files.readString(files.get(0))).containsIgnoringCase("CREATE TABLE").contains("coupon");
        assertThat(Files.readString(files.get(1))).containsIgnoringCase("DROP TABLE");
        // the migrations now produce exactly the live schema
        assertThat(dbshift().schema().at("head").checksum()).isEqualTo(dbshift().schema().live().checksum());
        assertThatThrownBy(() -> dbshift().schema().newMigration("again", true, null, null, null)).hasMessageContaining("nothing to generate");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aGeneratedDownScriptRestoresThePreviousSchema(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        twoMigrations();
        dbshift().up();
        SchemaModel before = dbshift().schema().at("1");
        Path down = dbshift().schema().downFor("2");
        assertThat(down.getFileName().toString()).isEqualTo("2__orders.down.sql");
        assertThat(dbshift().down().success()).isTrue();
        assertThat(dbshift().schema().live().checksum()).isEqualTo(before.checksum());
        assertThat(dbshift().up().success()).isTrue();
        assertThatThrownBy(() -> dbshift().schema().downFor("2")).hasMessageContaining("has a down script already");
        assertThatThrownBy(() -> dbshift().schema().downFor("9")).hasMessageContaining("unknown version 9");
    }

    /**
     * A baseline carries what the built-in dump does beside the model: on PostgreSQL the extension whose type a column
     * has (before, the baseline failed on a fresh database: "type citext does not exist"), a unique constraint as a
     * constraint, and comments; on MariaDB the comments of a table, its columns and its indexes. Nothing of dbshift's
     * own tables is in it.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void aBaselineCarriesWhatTheDumpDoesBesideTheModel(Vendor vendor) throws Exception {
        // PostgreSQL's extensions are the database's: each side a database of its own
        db = vendor == Vendor.POSTGRES ? TestDatabase.postgresDatabase() : TestDatabase.create(vendor);
        String shown;
        if (vendor == Vendor.POSTGRES) {
            exec("CREATE EXTENSION citext");
            exec("CREATE EXTENSION pg_buffercache"); // its view is its own: CREATE EXTENSION makes it
            exec("CREATE TABLE member (id INT PRIMARY KEY, email citext, CONSTRAINT one_email UNIQUE (email))");
            exec("COMMENT ON TABLE member IS 'who may sign in'");
            exec("COMMENT ON COLUMN member.email IS 'compared without case'");
            shown = "SELECT obj_description('member'::regclass, 'pg_class') || '|' || col_description('member'::regclass, 2)"
                    + " || '|' || (SELECT string_agg(conname || ':' || contype::text, ',' ORDER BY conname) FROM pg_constraint"
                    + " WHERE conrelid = 'member'::regclass)";
        } else {
            exec("CREATE TABLE member (id INT PRIMARY KEY COMMENT 'the key', email VARCHAR(80) COMMENT 'sign-in',"
                    + " KEY by_email (email) COMMENT 'for the sign-in') COMMENT 'who may sign in'");
            shown = "SELECT concat_ws('|', (SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = database()"
                    + " AND TABLE_NAME = 'member'), (SELECT GROUP_CONCAT(COLUMN_COMMENT ORDER BY ORDINAL_POSITION) FROM"
                    + " information_schema.COLUMNS WHERE TABLE_SCHEMA = database() AND TABLE_NAME = 'member'), (SELECT"
                    + " INDEX_COMMENT FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = database() AND INDEX_NAME = 'by_email'))";
        }
        String original = dbshift().schema().live().checksum();
        String said = one(db, shown);
        Path file = dbshift().schema().baseline("1");
        assertThat(Files.readString(file)).doesNotContain("dbshift_");
        try (TestDatabase fresh = vendor == Vendor.POSTGRES ? TestDatabase.postgresDatabase() : TestDatabase.create(vendor)) {
            DbShift other = project.configure(fresh).load();
            assertThat(other.up().success()).isTrue();
            assertThat(other.schema().live().checksum()).isEqualTo(original);
            assertThat(one(fresh, shown)).isEqualTo(said).contains("who may sign in");
        }
        if (vendor == Vendor.POSTGRES) {
            assertThat(said).contains("compared without case", "one_email:u");
        } else {
            assertThat(said).contains("the key,sign-in", "for the sign-in");
        }
    }

    /**
     * A PostgreSQL extension installed in the schema and dropped by hand (the queries that call its functions then fail)
     * is drift; before, the model left extensions out and status and check said the schema matched, and a diff or
     * autogenerate wrote a table of its type without it. The diff's reverse installs it again; a record an older dbshift
     * took (s8) of the schema as made is not drift.
     */
    @org.junit.jupiter.api.Test
    void anExtensionDroppedByHandIsDriftAndTheDiffMakesItFirst() throws Exception {
        db = TestDatabase.postgresDatabase(); // extensions are the database's
        project.file("migrations/1__trgm.sql", "CREATE EXTENSION pg_trgm;\nCREATE EXTENSION pg_buffercache;\n"
                + "CREATE TABLE word (w TEXT);\n");
        dbshift().up();
        SchemaModel recorded = dbshift().schema().live();
        assertThat(recorded.extensions()).containsExactly("pg_buffercache", "pg_trgm");
        assertThat(recorded.routines()).as("an extension's functions are its own").isEmpty();
        // and so is its view, which the DDL leaves to CREATE EXTENSION (before, it made it again beside it: "relation
        // pg_buffercache already exists")
        assertThat(recorded.extensionObjects()).containsExactly("pg_buffercache");
        dev.dbshift.schema.DdlWriter writer = new dev.dbshift.db.postgres.PostgresDatabase().ddlWriter().orElseThrow();
        assertThat(writer.create(recorded)).containsExactly("CREATE EXTENSION IF NOT EXISTS \"pg_buffercache\"",
                "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\"", "CREATE TABLE \"word\" (\n  \"w\" text\n)");
        exec("DROP EXTENSION pg_trgm");
        assertThatThrownBy(() -> exec("SELECT similarity('a', 'b')")).isInstanceOf(SQLException.class);
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("schema drift"));
        assertThat(dbshift().check(false).problems()).anyMatch(p -> p.code().equals("drift"));
        assertThat(writer.write(SchemaDiff.between(recorded, dbshift().schema().live()).reverse()))
                .containsExactly("CREATE EXTENSION IF NOT EXISTS \"pg_trgm\"");
        undo(recorded, writer);
        assertThat(one(db, "SELECT similarity('abc', 'abc')")).isEqualTo("1");

        // a table of an extension's type, made after it; dropped before it
        project.file("migrations/2__ci.sql", "CREATE EXTENSION citext;\nCREATE TABLE member (email citext);\n");
        SchemaModel two = dbshift().schema().at("2");
        assertThat(writer.write(SchemaDiff.between(recorded, two))).containsExactly("CREATE EXTENSION IF NOT EXISTS \"citext\"",
                "CREATE TABLE \"member\" (\n  \"email\" citext\n)");
        assertThat(writer.write(SchemaDiff.between(two, recorded))).containsExactly("DROP TABLE \"member\"", "DROP EXTENSION \"citext\"");

        anOlderRecordIsNoDrift(recorded, 8);
    }

    /**
     * The comments on tables and columns are the model's, so the diff, {@code new --autogenerate} and a baseline carry
     * them (before, only the dump did: a diff or a baseline left them out, and a MariaDB column's type changed by the
     * diff lost its comment, as MODIFY COLUMN takes it off), yet no checksum counts them: a comment changed by hand is
     * no drift, and the diff's reverse puts it back.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB", "H2"})
    void commentsAreInTheDiffButNotDrift(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        boolean mariadb = vendor == Vendor.MARIADB;
        project.file("migrations/1__t.sql", mariadb
                ? "CREATE TABLE t (id INT PRIMARY KEY, v INT COMMENT 'a value') COMMENT 'things';\n"
                : "CREATE TABLE \"t\" (\"id\" INT PRIMARY KEY, \"v\" INT);\nCOMMENT ON TABLE \"t\" IS 'things';\n"
                        + "COMMENT ON COLUMN \"t\".\"v\" IS 'a value';\n");
        dbshift().up();
        SchemaModel recorded = dbshift().schema().live();
        assertThat(recorded.comment("t", null)).isEqualTo("things");
        assertThat(recorded.comment("t", "v")).isEqualTo("a value");
        assertThat(recorded.comment("t", "id")).isNull();
        dev.dbshift.schema.DdlWriter writer = (mariadb ? new dev.dbshift.db.mysql.MySqlDatabase()
                : vendor == Vendor.POSTGRES ? new dev.dbshift.db.postgres.PostgresDatabase() : new dev.dbshift.db.h2.H2Database())
                .ddlWriter().orElseThrow();

        if (mariadb) {
            exec("ALTER TABLE t MODIFY v INT COMMENT 'it''s changed', COMMENT = ''");
        } else {
            exec("COMMENT ON COLUMN \"t\".\"v\" IS 'it''s changed'");
            exec("COMMENT ON TABLE \"t\" IS NULL");
        }
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("drift"));
        SchemaDiff byHand = SchemaDiff.between(recorded, dbshift().schema().live());
        assertThat(byHand.describe()).isEqualTo("drop comment on t\ncomment on t.v: it's changed\n");
        for (String undo : writer.write(byHand.reverse())) {
            exec(undo);
        }
        assertThat(dbshift().schema().live().comments()).isEqualTo(recorded.comments());

        // a column's type changed back by the diff keeps its comment
        exec(mariadb ? "ALTER TABLE t MODIFY v BIGINT COMMENT 'a value'" : "ALTER TABLE \"t\" ALTER COLUMN \"v\" SET DATA TYPE BIGINT");
        for (String back : writer.write(SchemaDiff.between(dbshift().schema().live(), recorded))) {
            exec(back);
        }
        assertThat(dbshift().schema().live()).isEqualTo(recorded);
    }

    /** The one value {@code sql} gives on {@code database}. */
    private static String one(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void baselineAdoptsAnExistingDatabase(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        exec("CREATE TABLE legacy (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
        exec("CREATE INDEX ix_legacy_name ON legacy (name)");
        exec("CREATE VIEW legacy_names AS SELECT name FROM legacy");
        String original = dbshift().schema().live().checksum();
        Path file = dbshift().schema().baseline("1.0");
        assertThat(file.getFileName().toString()).isEqualTo("1.0__baseline.sql");
        List<HistoryRow> history = dbshift().history();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).operation()).isEqualTo(Operation.BASELINE);
        assertThat(history.get(0).schemaChecksum()).isEqualTo(original);
        assertThat(dbshift().status().migrations().get(0).state()).isEqualTo(MigrationStatus.State.BASELINE);
        project.file("migrations/1.1__more.sql", "CREATE TABLE more_stuff (id INT);\n");
        assertThat(dbshift().up().results()).hasSize(1);
        assertThatThrownBy(() -> dbshift().schema().baseline("2")).isInstanceOf(DbShiftException.class).hasMessageContaining("not empty");
        // a fresh database built from the baseline has the original schema
        try (TestDatabase fresh = TestDatabase.create(vendor)) {
            DbShift other = project.configure(fresh).load();
            assertThat(other.up("1.0").success()).isTrue();
            assertThat(other.schema().live().checksum()).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void upWithBackupDumpsFirst(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        twoMigrations();
        dbshift().up("1");
        exec("INSERT INTO customer VALUES (1, 'ada@example.com')");
        Path backup = project.dir().resolve("backup.sql");
        assertThat(dbshift().up(null, backup).success()).isTrue();
        assertThat(Files.readString(backup)).contains("customer").contains("ada@example.com").doesNotContain("ix_orders_customer");
    }
}
