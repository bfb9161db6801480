package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.command.Adopted;
import dev.dbshift.execute.Report;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code adopt} on PostgreSQL and MariaDB: each tool's history table written as that tool writes it (its
 * DDL and rows, from its documentation and source), the tables its migrations made created as they ran,
 * then {@code adopt}: {@code status} shows the tool's applied set, a second {@code adopt} records nothing,
 * and {@code up} runs only the migration the tool had not applied. The projects are in dbshift's layout
 * with the tool's versions, matched by version (the formats that carry the tool's ids are built apart).
 */
class AdoptTest {
    private final TestProject project = TestProject.create();
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private TestDatabase start(Vendor vendor) {
        return databases.start(vendor);
    }

    /** What one tool wrote: its history's DDL and rows for {@code applied}, as SQL for {@code vendor}. */
    private interface ToolHistory {
        List<String> sql(Vendor vendor, List<String> applied);
    }

    private static String ts(Vendor v) {
        return v == Vendor.POSTGRES ? "TIMESTAMP" : "DATETIME";
    }

    static Stream<Arguments> tools() {
        List<Arguments> out = new ArrayList<>();
        ToolHistory flyway = (v, applied) -> {
            List<String> sql = new ArrayList<>(List.of("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY,"
                    + " version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
                    + " checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on " + ts(v) + " NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                    + " execution_time INT NOT NULL, success BOOLEAN NOT NULL)"));
            if (v == Vendor.POSTGRES) {
                sql.add("INSERT INTO flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', 'x', NULL, 'alice', '2024-01-01 10:00:00', 0, TRUE)");
            }
            int rank = 1;
            for (String a : applied) {
                sql.add("INSERT INTO flyway_schema_history VALUES (" + rank++ + ", '" + a + "', 'create t', 'SQL', 'V" + a
                        + "__create_t.sql', " + flywayChecksum(createTable(a)) + ", 'alice', '2024-01-0" + rank + " 10:00:00', 5, TRUE)");
            }
            sql.add("INSERT INTO flyway_schema_history VALUES (" + rank + ", NULL, 'views', 'SQL', 'R__views.sql', "
                    + flywayChecksum(VIEWS) + ", 'alice', '2024-01-09 10:00:00', 5, TRUE)");
            return sql;
        };
        out.add(Arguments.of("flyway", List.of("1", "1.1"), "2", flyway));
        ToolHistory liquibase = (v, applied) -> {
            String table = v == Vendor.POSTGRES ? "databasechangelog" : "DATABASECHANGELOG";
            List<String> sql = new ArrayList<>(List.of("CREATE TABLE " + table + " (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,"
                            + " FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED " + ts(v) + " NOT NULL, ORDEREXECUTED INT NOT NULL,"
                            + " EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255),"
                            + " TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))",
                    "CREATE TABLE " + table + "LOCK (ID INT NOT NULL PRIMARY KEY, LOCKED BOOLEAN NOT NULL, LOCKGRANTED " + ts(v) + ", LOCKEDBY VARCHAR(255))",
                    "INSERT INTO " + table + "LOCK VALUES (1, FALSE, NULL, NULL)"));
            int order = 1;
            for (String a : applied) {
                sql.add("INSERT INTO " + table + " VALUES ('" + a + "', 'alice', 'db/changelog.sql', '2024-01-0" + order + " 10:00:00', "
                        + order++ + ", 'EXECUTED', '9:abc', 'sql', '', NULL, '4.33.0', NULL, NULL, '1234567890')");
            }
            return sql;
        };
        out.add(Arguments.of("liquibase", List.of("1", "2"), "3", liquibase));
        ToolHistory golang = (v, applied) -> List.of("CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL)",
                "INSERT INTO schema_migrations VALUES (" + applied.get(applied.size() - 1) + ", FALSE)");
        out.add(Arguments.of("golang-migrate", List.of("1", "2"), "3", golang));
        ToolHistory goose = (v, applied) -> {
            String id = v == Vendor.POSTGRES ? "id SERIAL NOT NULL" : "id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT";
            List<String> sql = new ArrayList<>(List.of("CREATE TABLE goose_db_version (" + id + ", version_id BIGINT NOT NULL,"
                    + " is_applied BOOLEAN NOT NULL, tstamp TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY(id))",
                    "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, TRUE)"));
            for (String a : applied) {
                sql.add("INSERT INTO goose_db_version (version_id, is_applied) VALUES (" + a + ", TRUE)");
            }
            // the next one was applied, then migrated down again: the latest row decides
            sql.add("INSERT INTO goose_db_version (version_id, is_applied) VALUES (20240101000003, TRUE)");
            sql.add("INSERT INTO goose_db_version (version_id, is_applied) VALUES (20240101000003, FALSE)");
            return sql;
        };
        out.add(Arguments.of("goose", List.of("20240101000001", "20240101000002"), "20240101000003", goose));
        ToolHistory dbmate = (v, applied) -> {
            List<String> sql = new ArrayList<>(List.of("CREATE TABLE schema_migrations (version VARCHAR(128) NOT NULL PRIMARY KEY)"));
            applied.forEach(a -> sql.add("INSERT INTO schema_migrations (version) VALUES ('" + a + "')"));
            return sql;
        };
        out.add(Arguments.of("dbmate", List.of("20240101000001", "20240101000002"), "20240101000003", dbmate));
        ToolHistory sqlx = (v, applied) -> {
            List<String> sql = new ArrayList<>(List.of("CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,"
                    + " installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL,"
                    + " checksum " + (v == Vendor.POSTGRES ? "BYTEA" : "BLOB") + " NOT NULL, execution_time BIGINT NOT NULL)"));
            String sum = v == Vendor.POSTGRES ? "'\\x0102'::bytea" : "X'0102'";
            applied.forEach(a -> sql.add("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)"
                    + " VALUES (" + a + ", 'create t', TRUE, " + sum + ", 100)"));
            return sql;
        };
        out.add(Arguments.of("sqlx", List.of("1", "2"), "3", sqlx));
        ToolHistory alembic = (v, applied) -> List.of("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))", "INSERT INTO alembic_version VALUES ('bbb222')");
        out.add(Arguments.of("alembic", List.of("1", "2"), "3", alembic));
        ToolHistory atlas = (v, applied) -> {
            List<String> sql = new ArrayList<>(List.of("CREATE TABLE atlas_schema_revisions (version VARCHAR(255) NOT NULL,"
                    + " description VARCHAR(255) NOT NULL, type BIGINT NOT NULL DEFAULT 2, applied BIGINT NOT NULL DEFAULT 0,"
                    + " total BIGINT NOT NULL DEFAULT 0, executed_at " + ts(v) + " NOT NULL, execution_time BIGINT NOT NULL,"
                    + " error " + (v == Vendor.POSTGRES ? "TEXT" : "LONGTEXT") + " NULL, error_stmt TEXT NULL, hash VARCHAR(255) NOT NULL,"
                    + " partial_hashes " + (v == Vendor.POSTGRES ? "JSONB" : "JSON") + " NULL, operator_version VARCHAR(255) NOT NULL,"
                    + " PRIMARY KEY (version))"));
            int i = 1;
            for (String a : applied) {
                sql.add("INSERT INTO atlas_schema_revisions VALUES ('" + a + "', 'create_t', 2, 1, 1, '2024-01-0" + i++
                        + " 10:00:00', 1000, NULL, NULL, 'h" + a + "', NULL, 'Atlas CLI v0.30.0')");
            }
            return sql;
        };
        out.add(Arguments.of("atlas", List.of("20240101000001", "20240101000002"), "20240101000003", atlas));
        List<Arguments> all = new ArrayList<>();
        for (Arguments a : out) {
            for (Vendor v : List.of(Vendor.POSTGRES, Vendor.MARIADB)) {
                Object[] x = a.get();
                all.add(Arguments.of(v, x[0], x[1], x[2], x[3]));
            }
        }
        return all.stream();
    }

    private static void execute(TestDatabase db, List<String> sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static final String VIEWS = "CREATE VIEW v_one AS SELECT 1 AS one;\n";

    /** Flyway's checksum as its documentation and source state it: CRC32 over the UTF-8 lines without their ends. */
    private static int flywayChecksum(String text) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (String line : text.split("\n")) {
            crc.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    private static String createTable(String version) {
        return "CREATE TABLE " + table(version) + " (id INT PRIMARY KEY);\n";
    }

    private static String table(String version) {
        return "t_" + version.replace('.', '_');
    }

    private void migration(String version) {
        project.file("migrations/" + version + "__create_t.sql", createTable(version));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("tools")
    void adoptsTheToolsAppliedSetAndUpRunsOnlyTheRest(Vendor vendor, String tool, List<String> applied, String next,
                                                       ToolHistory history) throws Exception {
        TestDatabase db = start(vendor);
        List<String> ran = new ArrayList<>();
        for (String a : applied) {
            migration(a);
            ran.add("CREATE TABLE " + table(a) + " (id INT PRIMARY KEY)");
        }
        migration(next);
        if (tool.equals("flyway")) {
            // a repeatable Flyway applied, matched by its description
            project.file("migrations/R__views.sql", VIEWS);
            ran.add("CREATE VIEW v_one AS SELECT 1 AS one");
        }
        if (tool.equals("alembic")) {
            project.file("alembic.ini", "[alembic]\nscript_location = %(here)s/alembic\n")
                    .file("alembic/versions/1975ea83b712_create_t.py", "\"\"\"create t\"\"\"\nrevision = 'aaa111'\ndown_revision = None\n")
                    .file("alembic/versions/27c6a30d7c24_more.py", "revision: str = 'bbb222'\ndown_revision: Union[str, None] = 'aaa111'\n")
                    .file("alembic/versions/3a1b_next.py", "revision = \"ccc333\"\ndown_revision = \"bbb222\"\n");
        }
        ran.addAll(history.sql(vendor, applied));
        execute(db, ran);
        List<List<Object>> foreignBefore = foreignRows(db, tool);
        DbShift d = project.configure(db).load();

        Adopted dry = d.adopt(null, true);
        int expected = applied.size() + (tool.equals("flyway") ? 1 : 0);
        assertThat(dry.tool()).isEqualTo(tool);
        assertThat(dry.recorded().marks()).hasSize(expected);
        assertThat(dry.recorded().toVersion()).isEqualTo(applied.get(applied.size() - 1));
        assertThat(d.history()).isEmpty();

        Adopted done = d.adopt(null, false);
        assertThat(done.recorded().marks()).hasSize(expected).allSatisfy(m -> assertThat(m.operation()).isEqualTo(Operation.BASELINE));
        List<MigrationStatus> status = d.status().migrations();
        assertThat(status.stream().filter(s -> s.version() != null && s.state().applied()).map(MigrationStatus::version))
                .containsExactlyElementsOf(applied);
        assertThat(status.stream().filter(s -> next.equals(s.version())).map(MigrationStatus::state))
                .containsExactly(MigrationStatus.State.PENDING);
        assertThat(d.check(false).problems()).isEmpty();
        List<HistoryRow> rows = d.history();
        assertThat(rows).hasSize(expected).allSatisfy(r -> assertThat(r.errorMessage()).contains(tool));
        if (tool.equals("flyway") || tool.equals("liquibase") || tool.equals("atlas")) {
            assertThat(rows.get(0).startedAt()).isEqualTo(Instant.parse("2024-01-0" + (tool.equals("flyway") ? 2 : 1) + "T10:00:00Z"));
        }

        assertThat(d.adopt(tool, false).recorded().marks()).isEmpty();
        assertThat(d.history()).hasSize(expected);

        Report up = d.up();
        assertThat(up.results().stream().map(r -> r.step().migration().version().toString())).containsExactly(next);
        assertThat(foreignRows(db, tool)).isEqualTo(foreignBefore);
    }

    /** The other tool's table, every row, to show adopt left it as it was. */
    private static List<List<Object>> foreignRows(TestDatabase db, String tool) throws SQLException {
        String table = switch (tool) {
            case "flyway" -> "flyway_schema_history";
            case "liquibase" -> db.vendor() == Vendor.POSTGRES ? "databasechangelog" : "DATABASECHANGELOG";
            case "golang-migrate", "dbmate" -> "schema_migrations";
            case "goose" -> "goose_db_version";
            case "sqlx" -> "_sqlx_migrations";
            case "alembic" -> "alembic_version";
            case "atlas" -> "atlas_schema_revisions";
            default -> throw new IllegalArgumentException(tool);
        };
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT * FROM " + table)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object o = rs.getObject(i);
                    row.add(o instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(o));
                }
                out.add(row);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void refusesWhatTheToolItselfWouldNotGoOnFrom(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        migration("1");
        migration("2");
        DbShift d = project.configure(db).load();
        assertThatThrownBy(() -> d.adopt(null, false)).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("no history table of another tool");

        execute(db, List.of("CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL)",
                "INSERT INTO schema_migrations VALUES (2, TRUE)"));
        assertThatThrownBy(() -> d.adopt(null, false)).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("version 2 is dirty").hasMessageContaining("migrate force 2")
                .satisfies(e -> assertThat(((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT));

        // a history naming a migration the folder lacks: refused, all listed, nothing recorded
        execute(db, List.of("UPDATE schema_migrations SET version = 7, dirty = FALSE"));
        assertThatThrownBy(() -> d.adopt("golang-migrate", false)).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("golang-migrate:7").hasMessageContaining("nothing was recorded");

        // several tools' tables: refused, listing them
        execute(db, List.of("CREATE TABLE goose_db_version (id INT NOT NULL PRIMARY KEY, version_id BIGINT NOT NULL,"
                + " is_applied BOOLEAN NOT NULL, tstamp TIMESTAMP NULL)"));
        assertThatThrownBy(() -> d.adopt(null, false)).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("golang-migrate (schema_migrations)").hasMessageContaining("goose (goose_db_version)")
                .hasMessageContaining("--from");
        assertThatThrownBy(() -> d.adopt("liquibase", false)).hasMessageContaining("has no liquibase history table");
        assertThatThrownBy(() -> d.adopt("rails", false)).hasMessageContaining("unknown tool");

        // Flyway's failed row (MySQL keeps it: no transactional DDL)
        execute(db, List.of("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50),"
                + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT,"
                + " installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                + " execution_time INT NOT NULL, success BOOLEAN NOT NULL)",
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                        + " execution_time, success) VALUES (1, '1', 'create t', 'SQL', 'V1__create_t.sql', 1, 'bob', 3, TRUE),"
                        + " (2, '2', 'create t', 'SQL', 'V2__create_t.sql', 1, 'bob', 3, FALSE)"));
        assertThatThrownBy(() -> d.adopt("flyway", false)).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("failed migrations: 2 (V2__create_t.sql").hasMessageContaining("flyway repair");
        // without the failed row: V1's file is not what Flyway applied (checksum 1), and Flyway's validate would stop
        execute(db, List.of("DELETE FROM flyway_schema_history WHERE success = FALSE"));
        assertThatThrownBy(() -> d.adopt("flyway", false)).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/1__create_t.sql changed since flyway applied it");
        assertThat(d.history()).isEmpty();
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(1);
    }

    /**
     * Sqitch's registry (its own schema on PostgreSQL, its own database on MariaDB; {@code registry} of
     * sqitch.conf names it) holds the changes of every project deployed there: only the plan's project is
     * read, in deploy order. No format here names Sqitch changes yet, so adopt refuses them all, listed.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void readsTheSqitchRegistryOfThePlansProject(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        String registry = db.name() + "_sqitch";
        String create = vendor == Vendor.POSTGRES ? "CREATE SCHEMA " : "CREATE DATABASE ";
        String drop = vendor == Vendor.POSTGRES ? "DROP SCHEMA " + registry + " CASCADE" : "DROP DATABASE " + registry;
        String change = vendor == Vendor.POSTGRES ? "change" : "`change`";
        execute(db, List.of(create + registry));
        try {
            execute(db, List.of("CREATE TABLE " + registry + ".projects (project VARCHAR(255) PRIMARY KEY, uri VARCHAR(255) NULL,"
                            + " created_at " + ts(vendor) + " NOT NULL, creator_name VARCHAR(255) NOT NULL, creator_email VARCHAR(255) NOT NULL)",
                    "CREATE TABLE " + registry + ".changes (change_id CHAR(40) PRIMARY KEY, script_hash CHAR(40) NULL, " + change
                            + " VARCHAR(255) NOT NULL, project VARCHAR(255) NOT NULL REFERENCES " + registry + ".projects(project),"
                            + " note TEXT NOT NULL, committed_at " + ts(vendor) + " NOT NULL, committer_name VARCHAR(255) NOT NULL,"
                            + " committer_email VARCHAR(255) NOT NULL, planned_at " + ts(vendor) + " NOT NULL,"
                            + " planner_name VARCHAR(255) NOT NULL, planner_email VARCHAR(255) NOT NULL)",
                    "INSERT INTO " + registry + ".projects VALUES ('app', NULL, '2024-01-01 10:00:00', 'A', 'a@x'),"
                            + " ('other', NULL, '2024-01-01 10:00:00', 'A', 'a@x')",
                    "INSERT INTO " + registry + ".changes VALUES"
                            + " ('c2', 'h2', 'add_posts', 'app', '', '2024-01-02 10:00:00', 'A', 'a@x', '2024-01-01 10:00:00', 'A', 'a@x'),"
                            + " ('c1', 'h1', 'add_users', 'app', '', '2024-01-01 10:00:00', 'A', 'a@x', '2024-01-01 10:00:00', 'A', 'a@x'),"
                            + " ('c3', 'h3', 'elsewhere', 'other', '', '2024-01-01 11:00:00', 'A', 'a@x', '2024-01-01 10:00:00', 'A', 'a@x')"));
            project.file("sqitch.conf", "[core]\n\tengine = pg\n[engine \"pg\"]\n\tregistry = " + registry + "\n")
                    .file("sqitch.plan", "%syntax-version=1.0.0\n%project=app\n\nadd_users 2024-01-01T10:00:00Z A <a@x> # users\n"
                            + "add_posts 2024-01-02T10:00:00Z A <a@x> # posts\n");
            migration("1");
            DbShift d = project.configure(db).load();
            assertThatThrownBy(() -> d.adopt(null, true)).isInstanceOf(DbShiftException.class)
                    .hasMessageContaining("records 2 migration(s) this project does not have: sqitch:add_users, sqitch:add_posts;");
        } finally {
            execute(db, List.of(drop));
        }
    }

    /** A Flyway baseline migration ({@code B2__...sql}, type SQL_BASELINE) ran instead of the versions below it: they count as applied. */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES"})
    void aFlywayBaselineMigrationCoversTheVersionsBelowIt(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        migration("1");
        migration("2");
        migration("3");
        execute(db, List.of("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50),"
                + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT,"
                + " installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL,"
                + " success BOOLEAN NOT NULL)", "INSERT INTO flyway_schema_history VALUES (1, '2', 'create t', 'SQL_BASELINE',"
                + " 'B2__create_t.sql', " + flywayChecksum(createTable("2")) + ", 'alice', now(), 5, TRUE)",
                "CREATE TABLE " + table("1") + " (id INT PRIMARY KEY)", "CREATE TABLE " + table("2") + " (id INT PRIMARY KEY)"));
        DbShift d = project.configure(db).load();
        assertThat(d.adopt("flyway", false).recorded().marks().stream().map(m -> m.version())).containsExactly("1", "2");
        assertThat(d.up().results().stream().map(r -> r.step().migration().version().toString())).containsExactly("3");
    }
}
