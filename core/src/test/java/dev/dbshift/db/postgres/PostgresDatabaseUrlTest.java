package dev.dbshift.db.postgres;

import dev.dbshift.testing.Pure;
import dev.dbshift.db.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's URL facts, without a server: the schemes other tools write, its default port, no project file. */
@Pure
class PostgresDatabaseUrlTest {
    private final Database postgres = new PostgresDatabase();

    @Test
    void serverFormOnPort5432() {
        Database.UrlForm form = postgres.urlForm().orElseThrow();
        assertThat(form.server()).isTrue();
        assertThat(form.defaultPort()).hasValue(5432);
        assertThat(form.schemes()).containsExactly("postgres", "postgresql", "pgsql");
        assertThat(new PostgresDatabase.Provider().accepts(form.jdbcPrefix() + "//h/db")).isTrue();
    }

    @Test
    void theDefaultPortIsTheOneTargetFillsIn() {
        int port = postgres.urlForm().orElseThrow().defaultPort().getAsInt();
        assertThat(postgres.target("jdbc:postgresql://db.example/app", null))
                .isEqualTo(postgres.target("jdbc:postgresql://db.example:" + port + "/app", null));
    }

    @Test
    void aServerUrlNamesNoProjectFile() {
        String url = "jdbc:postgresql://./db:5432/app";
        assertThat(postgres.inProject(url, Path.of("/work/project"))).isEqualTo(url);
    }

    /** The scratch database's URL: the same server(s) and parameters, another database. */
    @Test
    void aScratchDatabaseIsReachedOnTheSameServer() {
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://db:5432/app?currentSchema=s&ssl=true", "x"))
                .isEqualTo("jdbc:postgresql://db:5432/x?currentSchema=s&ssl=true");
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://a:5432,b:5433/app", "x")).isEqualTo("jdbc:postgresql://a:5432,b:5433/x");
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://db/", "x")).isEqualTo("jdbc:postgresql://db/x");
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://db", "x")).isEqualTo("jdbc:postgresql://db/x");
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql:app?user=u", "x")).isEqualTo("jdbc:postgresql:x?user=u");
        Database.Scratch scratch = postgres.scratch("jdbc:postgresql://db/app", "x", java.util.List.of("public"));
        assertThat(scratch.database()).isEqualTo("x");
        assertThat(scratch.schemas()).containsExactly("public");
    }

    /** What the whole server shares is not replayed in the scratch database; what stays in it is. */
    @Test
    void aReplayRefusesWhatTheWholeServerShares() {
        java.util.function.Function<String, java.util.Optional<String>> refused = line -> PostgresDatabase.SERVER_WIDE.stream()
                .map(g -> g.refused(line)).flatMap(java.util.Optional::stream).findFirst();
        for (String line : java.util.List.of("CREATE ROLE reporting;", "ALTER ROLE app PASSWORD 'x'", "alter user app set search_path = a",
                "DROP DATABASE legacy", "CREATE DATABASE reports", "ALTER DATABASE app SET timezone = 'UTC'",
                "CREATE SUBSCRIPTION s CONNECTION 'host=h' PUBLICATION p", "CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw",
                "ALTER SYSTEM SET work_mem = '64MB'", "GRANT reporting TO app", "GRANT a, \"B\" TO app", "REVOKE reporting FROM app",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity", "SELECT dblink_exec('host=h', 'DELETE FROM t')",
                "COPY t TO PROGRAM 'gzip > /tmp/t.gz'", "COPY t TO '/tmp/t.csv'", "COMMENT ON DATABASE app IS 'x'",
                "  EXECUTE 'DROP ROLE ' || r;", "SELECT pg_create_logical_replication_slot('s', 'pgoutput')")) {
            assertThat(refused.apply(line)).as(line).isPresent();
        }
        for (String line : java.util.List.of("GRANT SELECT ON orders TO app", "GRANT USAGE ON SCHEMA s TO app",
                "REVOKE ALL ON orders FROM PUBLIC", "ALTER TABLE users ADD COLUMN role text", "CREATE TABLE user_roles (id int)",
                "COPY t FROM STDIN;", "COPY t TO STDOUT", "CREATE EXTENSION IF NOT EXISTS pg_trgm", "CREATE PUBLICATION p FOR TABLE t",
                "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO app", "COMMENT ON TABLE t IS 'the database of record'")) {
            assertThat(refused.apply(line)).as(line).isEmpty();
        }
    }

    /** A scratch schema of the live database (no CREATEDB) refuses what names another schema of it, and nothing else. */
    @Test
    void aScratchSchemaRefusesALineNamingAnotherSchema() {
        java.util.Set<String> names = java.util.Set.of("public", "my app");
        Database.ReplayGuard qualified = new Database.ReplayGuard(PostgresDatabase.QUALIFIED, names, "", true);
        assertThat(qualified.refused("INSERT INTO public.audit VALUES (1)")).hasValue("public.");
        assertThat(qualified.refused("UPDATE \"my app\".t SET a = 1")).hasValue("\"my app\".");
        assertThat(qualified.refused("UPDATE \"PUBLIC\".t SET a = 1")).as("case-blind: conservative").isPresent();
        assertThat(qualified.refused("SELECT o.id FROM orders o WHERE o.total > 1.5 AND note <> 'see www.public.org'")).isEmpty();
        Database.ReplayGuard schema = new Database.ReplayGuard(PostgresDatabase.NAMES_A_SCHEMA, names, "", true);
        for (String line : java.util.List.of("DROP SCHEMA public CASCADE", "CREATE SCHEMA IF NOT EXISTS public",
                "ALTER TABLE t SET SCHEMA public", "GRANT USAGE ON SCHEMA public TO app",
                "ALTER DEFAULT PRIVILEGES IN SCHEMA \"my app\" GRANT SELECT ON TABLES TO app")) {
            assertThat(schema.refused(line)).as(line).isPresent();
        }
        assertThat(schema.refused("CREATE SCHEMA reporting")).as("none of that name now").isEmpty();
    }
}
