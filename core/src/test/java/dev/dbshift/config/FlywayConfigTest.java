package dev.dbshift.config;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Flyway project's flyway.conf / flyway.toml as a settings layer under dbshift.toml. */
@Pure
class FlywayConfigTest {
    private final TestProject project = TestProject.create();

    private Settings load(Map<String, Object> flags, Map<String, String> env) {
        return SettingsLoader.load(project.dir(), flags, env);
    }

    @Test
    void flywayConfMapsWhatHasAnEquivalentAndKeepsThePasswordSecret() {
        project.file("flyway.conf", """
                flyway.url=jdbc:postgresql://127.0.0.1:5432/test
                flyway.user=app
                flyway.password=${APP_PW}
                flyway.locations=filesystem:sql,classpath:db/migration,db/more
                flyway.placeholders.owner=alice
                flyway.defaultSchema=billing
                flyway.schemas=audit
                flyway.table=my_history
                flyway.validateOnMigrate=true
                """);
        Settings s = load(Map.of(), Map.of("APP_PW", "s3cret-pw"));
        assertThat(s.format()).isEqualTo("flyway");
        assertThat(s.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(s.user()).isEqualTo("app");
        assertThat(s.locations()).containsExactly("sql", "classpath:db/migration", "classpath:db/more");
        assertThat(s.placeholders()).containsEntry("owner", "alice").containsEntry("flyway.table", "my_history");
        assertThat(s.placeholderLiterals()).isTrue();
        assertThat(s.schemas()).containsExactly("billing", "audit");
        // Flyway's table is not dbshift's history
        assertThat(s.historyTable()).isEqualTo("dbshift_history");
        assertThat(s.origins()).containsEntry("password", "flyway.conf");
        assertThat(s.shown().toString()).doesNotContain("s3cret-pw");
        assertThat(s.toString()).doesNotContain("s3cret-pw");
        // dbshift.toml is read over it
        project.file("dbshift.toml", "locations = [\"migrations\"]\n");
        assertThat(load(Map.of(), Map.of("APP_PW", "x")).locations()).containsExactly("migrations");
    }

    @Test
    void flywayTomlReadsFlywayAndTheChosenEnvironment() {
        project.file("flyway.toml", """
                [environments.default]
                url = "jdbc:postgresql://127.0.0.1:5432/test"
                user = "dflt"

                [environments.staging]
                url = "jdbc:postgresql://127.0.0.1:5432/staging"
                user = "stg"
                password = "${env.STAGING_PW}"

                [flyway]
                locations = ["filesystem:sql"]
                outOfOrder = true

                [flyway.placeholders]
                owner = "bob"
                """);
        Settings s = load(Map.of(), Map.of());
        assertThat(s.user()).isEqualTo("dflt");
        assertThat(s.locations()).containsExactly("sql");
        assertThat(s.outOfOrder()).isTrue();
        assertThat(s.placeholders()).containsEntry("owner", "bob");
        project.file("flyway.toml", "[flyway]\nenvironment = \"staging\"\n\n[environments.staging]\nuser = \"stg\"\n"
                + "password = \"${env.STAGING_PW}\"\n");
        assertThat(load(Map.of(), Map.of("STAGING_PW", "pw")).user()).isEqualTo("stg");
        assertThatThrownBy(() -> load(Map.of(), Map.of())).hasMessageContaining("flyway.toml password: environment variable STAGING_PW is not set");
    }

    @Test
    void refusesWhatItWouldOtherwiseIgnoreNamingTheKey() {
        for (Map.Entry<String, String> e : Map.of(
                "flyway.cleanOnValidationError=true", "flyway.conf: flyway.cleanOnValidationError: not a setting dbshift reads",
                "flyway.baselineVersion=3", "flyway.conf: flyway.baselineVersion: not read",
                "flyway.sqlMigrationPrefix=M", "flyway.conf: flyway.sqlMigrationPrefix = M: dbshift only does V",
                "flyway.locations=s3:bucket/sql", "the location 's3:bucket/sql' is not a folder",
                "other.key=1", "flyway.conf: 'other.key' is not a Flyway setting").entrySet()) {
            project.file("flyway.conf", e.getKey() + "\n");
            assertThatThrownBy(() -> load(Map.of(), Map.of())).isInstanceOf(DbShiftException.class)
                    .hasMessageContaining(e.getValue());
        }
        project.file("flyway.toml", "[flyway]\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of())).hasMessageContaining("holds both flyway.conf and flyway.toml");
        project.delete("flyway.conf");
        project.file("flyway.toml", "[flyway]\nlocations = [\"filesystem:sql\"]\n[environments.default]\ndriver = \"x\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of())).hasMessageContaining("[environments.default]: 'driver' is not read");
    }
}
