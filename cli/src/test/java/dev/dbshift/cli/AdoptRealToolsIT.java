package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real tools first (Flyway 13 and Liquibase 4.33 from Maven Central, run through their Java APIs on
 * a fixture project), then {@code dbshift adopt} from the packaged jar takes over their history, and
 * {@code dbshift up} runs only the migration added after. Flyway's V files are read by dbshift's own
 * layout; Liquibase's formatted SQL changesets have numeric ids, and the dbshift project holds the same
 * statements as {@code <id>__name.sql}, matched by version (the Liquibase format is built apart).
 */
class AdoptRealToolsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestProject project = TestProject.create();
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private DbShiftProcess.Result ok(TestDatabase db, String... args) {
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void flywayMigrateThenAdoptThenUp(Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        project.file("migrations/V1__create_a.sql", "CREATE TABLE a (id INT PRIMARY KEY);\n")
                .file("migrations/V1.1__create_b.sql", "CREATE TABLE b (id INT PRIMARY KEY);\nINSERT INTO b VALUES (1);\n")
                .file("migrations/R__views.sql", "CREATE OR REPLACE VIEW v_b AS SELECT id FROM b;\n");
        Flyway flyway = Flyway.configure().dataSource(db.url(), db.user(), db.password()).schemas(db.name())
                .defaultSchema(db.name()).locations("filesystem:" + project.dir().resolve("migrations")).load();
        if (vendor == Vendor.MARIADB) {
            // a database Flyway took over at version 1: V1 is below its baseline and never runs
            flyway = Flyway.configure().configuration(flyway.getConfiguration()).baselineVersion("1").load();
            flyway.baseline();
        }
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(vendor == Vendor.MARIADB ? 2 : 3);
        long flywayRows = Queries.count(db, "SELECT COUNT(*) FROM flyway_schema_history");

        project.file("migrations/V2__create_c.sql", "CREATE TABLE c (id INT PRIMARY KEY);\n");
        // Flyway's checksums of the V files match (else adopt refuses them as edited); the repeatable edited since
        // Flyway ran it does not, so it stays pending: Flyway's next migrate would run it again, and so does 'up'
        project.file("migrations/R__views.sql", "CREATE OR REPLACE VIEW v_b AS SELECT id, 1 AS one FROM b;\n");
        JsonNode dry = JSON.readTree(ok(db, "adopt", "--dry-run", "--json").out());
        assertThat(dry.get("tool").asText()).isEqualTo("flyway");
        assertThat(dry.get("rows")).hasSize(2);
        assertThat(ok(db, "adopt").out()).contains("Read the flyway history in flyway_schema_history")
                .contains("Wrote 2 history rows").contains("now at 1.1");
        assertThat(ok(db, "adopt").out()).contains("Nothing to record");
        String status = ok(db, "status").out();
        assertThat(status).containsPattern("1\\.1 .*baseline").containsPattern("2 .*pending");
        ok(db, "check");
        JsonNode up = JSON.readTree(ok(db, "up", "--json").out());
        assertThat(up.toString()).contains("create c").contains("views").doesNotContain("create a").doesNotContain("create b");
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM c")).isZero();
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(flywayRows);
    }

    @Test
    void liquibaseUpdateThenAdoptThenUp() throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        project.file("liquibase/changelog.sql", "--liquibase formatted sql\n\n"
                + "--changeset alice:1\nCREATE TABLE a (id INT PRIMARY KEY);\n--rollback DROP TABLE a;\n\n"
                + "--changeset alice:2\nCREATE TABLE b (id INT PRIMARY KEY);\n--rollback DROP TABLE b;\n");
        try (Connection c = db.connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            database.setDefaultSchemaName(db.name());
            database.setLiquibaseSchemaName(db.name());
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(project.dir().resolve("liquibase")),
                    () -> new CommandScope("update").addArgumentValue("changelogFile", "changelog.sql")
                            .addArgumentValue("database", database).execute());
        }
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM databasechangelog")).isEqualTo(2);
        project.file("migrations/1__create_a.sql", "CREATE TABLE a (id INT PRIMARY KEY);\n")
                .file("migrations/2__create_b.sql", "CREATE TABLE b (id INT PRIMARY KEY);\n")
                .file("migrations/3__create_c.sql", "CREATE TABLE c (id INT PRIMARY KEY);\n");
        assertThat(ok(db, "adopt", "--from", "liquibase").out()).contains("databasechangelog").contains("Wrote 2 history rows")
                .contains("changelog.sql::1::alice");
        assertThat(ok(db, "status").out()).containsPattern("2 .*baseline").containsPattern("3 .*pending");
        JsonNode up = JSON.readTree(ok(db, "up", "--json").out());
        assertThat(up.toString()).contains("create c").doesNotContain("create a");
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM c")).isZero();
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM databasechangelog")).isEqualTo(2);
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM databasechangeloglock")).isEqualTo(1);
    }
}
