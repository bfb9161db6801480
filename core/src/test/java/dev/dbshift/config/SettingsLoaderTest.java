package dev.dbshift.config;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Pure
class SettingsLoaderTest {
    private final TestProject project = TestProject.create();

    private Settings load(Map<String, Object> flags, Map<String, String> env) {
        return SettingsLoader.load(project.dir(), flags, env);
    }

    @Test
    void defaultsToEmbeddedH2InTheProject() {
        Settings s = load(Map.of(), Map.of());
        assertThat(s.url()).isEqualTo("jdbc:h2:file:" + project.dir().toAbsolutePath().normalize().resolve("db/dbshift"));
        assertThat(s.locations()).containsExactly("migrations");
        assertThat(s.historyTable()).isEqualTo("dbshift_history");
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.origins()).containsEntry("url", "default");
    }

    @Test
    void fileThenEnvironmentThenFlags() {
        project.file("dbshift.toml", "url = \"jdbc:postgresql://file/db\"\nuser = \"file_user\"\nlock_timeout = \"30s\"\n"
                + "[placeholders]\nowner = \"file\"\nschema = \"s\"\n"
                + "[environments.dev]\nuser = \"dev_user\"\nschemas = [\"app\", \"other\"]\n");
        Map<String, String> env = Map.of("DBSHIFT_USER", "env_user", "DBSHIFT_PLACEHOLDER_OWNER", "env", "DBSHIFT_ENV", "dev");
        Settings s = load(Map.of(), env);
        assertThat(s.environment()).isEqualTo("dev");
        assertThat(s.user()).isEqualTo("env_user");
        assertThat(s.origins()).containsEntry("user", "env DBSHIFT_USER").containsEntry("url", "dbshift.toml")
                .containsEntry("schemas", "dbshift.toml [environments.dev]").containsEntry("environment", "env DBSHIFT_ENV");
        assertThat(s.schemas()).containsExactly("app", "other");
        assertThat(s.schema()).isEqualTo("app");
        assertThat(s.placeholders()).containsEntry("owner", "env").containsEntry("schema", "s");
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofSeconds(30));

        Settings flagged = load(Map.of("user", "flag_user", "environment", "dev"), env);
        assertThat(flagged.user()).isEqualTo("flag_user");
        assertThat(flagged.origins()).containsEntry("user", "--user").containsEntry("environment", "--env");
    }

    @Test
    void urlFormsAndDsnSplitOutTheCredentials() {
        Settings s = load(Map.of(), Map.of("DATABASE_URL", "postgres://app:s%40cret@db.example:5433/shop?sslmode=disable"));
        assertThat(s.url()).isEqualTo("jdbc:postgresql://db.example:5433/shop?sslmode=disable");
        assertThat(s.user()).isEqualTo("app");
        assertThat(s.password().reveal()).isEqualTo("s@cret");
        assertThat(s.origins()).containsEntry("url", "env DATABASE_URL").containsEntry("user", "env DATABASE_URL");

        Settings m = load(Map.of(), Map.of("DB_URL", "mysql://root@127.0.0.1:3306/test"));
        assertThat(m.url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/test");
        assertThat(m.password().isSet()).isFalse();

        Settings dsn = load(Map.of("dsn", "u:p@h:5432/d"), Map.of("DATABASE_URL", "mysql://x@y/z"));
        assertThat(dsn.url()).isEqualTo("jdbc:postgresql://h:5432/d");
        assertThat(dsn.user()).isEqualTo("u");
        assertThat(dsn.password().reveal()).isEqualTo("p");
        assertThat(dsn.origins()).containsEntry("url", "--dsn").containsEntry("user", "--dsn").containsEntry("password", "--dsn");

        assertThat(load(Map.of("dsn", "u:p@h:3306/d"), Map.of()).url()).isEqualTo("jdbc:mariadb://h:3306/d");
        Map<String, Object> withType = new LinkedHashMap<>();
        withType.put("dsn", "u:p@h:6000/d");
        withType.put("db_type", "mariadb");
        assertThat(load(withType, Map.of()).url()).isEqualTo("jdbc:mariadb://h:6000/d");
        assertThatThrownBy(() -> load(Map.of("dsn", "u:p@h:6000/d"), Map.of()))
                .hasMessageContaining("cannot tell the database").hasMessageNotContaining(":p@");
    }

    @Test
    void passwordFromAnEnvironmentVariableNamedInTheFile() {
        project.file("dbshift.toml", "[environments.prod]\nurl = \"jdbc:postgresql://h/db\"\npassword = \"${env:PROD_PW}\"\n");
        assertThat(load(Map.of("environment", "prod"), Map.of("PROD_PW", "hunter22")).password().reveal()).isEqualTo("hunter22");
        assertThatThrownBy(() -> load(Map.of("environment", "prod"), Map.of()))
                .isInstanceOf(DbShiftException.class)
                .hasMessage("dbshift.toml [environments.prod] password: environment variable PROD_PW is not set");
    }

    @Test
    void badSettingsNameTheSettingAndItsSource() {
        project.file("dbshift.toml", "pasword = \"x\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of())).hasMessageContaining("dbshift.toml: unknown setting 'pasword'")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        project.file("dbshift.toml", "url = \"jdbc:h2:mem:x\"\nlock_timeout = \"soon\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of())).hasMessageContaining("lock_timeout (from dbshift.toml): expected a duration");
        project.file("dbshift.toml", "url = \"jdbc:h2:mem:x\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of("DBSHIFT_OUT_OF_ORDER", "maybe")))
                .hasMessageContaining("out_of_order (from env DBSHIFT_OUT_OF_ORDER): expected true or false");
        project.file("dbshift.toml", "url = [1, 2\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of())).hasMessageStartingWith("dbshift.toml:");
        project.file("dbshift.toml", "[environments.dev]\nurl = \"jdbc:h2:mem:x\"\n");
        assertThatThrownBy(() -> load(Map.of("environment", "qa"), Map.of()))
                .hasMessageContaining("environment 'qa' is not defined in dbshift.toml (defined: dev)");
    }

    @Test
    void secretsAreNeverPrinted() {
        Settings s = load(Map.of("url", "jdbc:postgresql://h/db?user=a&password=topsecret1", "password", "topsecret2"), Map.of());
        assertThat(s.toString()).doesNotContain("topsecret1").doesNotContain("topsecret2");
        assertThat(s.maskedUrl()).isEqualTo("jdbc:postgresql://h/db?user=a&password=******");
        assertThat(s.password().toString()).isEqualTo("******");
        assertThat(s.password().scrub("login failed for topsecret2")).isEqualTo("login failed for ******");
        assertThat(Secret.maskUrl("postgres://u:pw@h/db")).isEqualTo("postgres://u:******@h/db");
        assertThat(Secret.maskUrl("u:pw@h:5432/db")).isEqualTo("u:******@h:5432/db");
        assertThat(Secret.maskUrl("from 'u:pw@h:5432/db'")).isEqualTo("from 'u:******@h:5432/db'");
        assertThat(Secret.maskUrl("jdbc:mariadb://h:3306/db")).isEqualTo("jdbc:mariadb://h:3306/db");
    }

    /**
     * An error names the masked URL and then the reason, and the CLI scrubs the whole message again before it prints
     * it: the reason stays (it was taken as part of the password, so "cannot connect" never said why).
     */
    @Test
    void scrubbingAMessageAgainKeepsTheReasonAfterAMaskedPassword() {
        Settings s = load(Map.of("url", "jdbc:postgresql://h/db?user=a&password=topsecret1"), Map.of());
        String refused = "cannot connect to " + s.maskedUrl() + " as a: Connection to h:5432 refused.";
        assertThat(refused).contains("password=******");
        assertThat(s.secrets().scrub(refused)).isEqualTo(refused);
        String h2 = "cannot connect to jdbc:h2:file:/proc/x;PASSWORD=******: IO Exception: \"/proc/x.mv.db\" [90028-232]";
        assertThat(Secret.maskUrl(h2)).isEqualTo(h2);
        assertThat(Secret.maskUrl("from 'x?password=******' (the URL)")).isEqualTo("from 'x?password=******' (the URL)");
        for (String raw : List.of("jdbc:postgresql://h/db?password=topsecret1: refused", "jdbc:h2:mem:x;PASSWORD=topsecret1",
                "jdbc:h2:mem:x;PASSWORD=******x;A=1", "x?password=******", "x?password=******&ssl=true: the server said no",
                "x?Password=top secret 1\nnext line", "from 'x?password=******' (the URL)", "x?password=******_x and more", "x?password=******!x: refused")) {
            String once = Secret.maskUrl(raw);
            assertThat(once).as(raw).doesNotContain("topsecret1").doesNotContain("******x").doesNotContain("******_x").doesNotContain("!x").doesNotContain("top secret");
            assertThat(Secret.maskUrl(once)).as("masking " + raw + " again").isEqualTo(once);
        }
    }

    @Test
    void versionFileNamesTheDefaultTarget() {
        project.file("VERSION", "1.4.0-SNAPSHOT\n");
        assertThat(load(Map.of(), Map.of()).defaultTarget()).isEqualTo("1.4.0");
    }

    @Test
    void criticalEnvironments() {
        project.file("dbshift.toml", "critical_environments = [\"prod\"]\n[environments.prod]\n[environments.dev]\n");
        assertThat(load(Map.of("environment", "prod"), Map.of()).critical()).isTrue();
        assertThat(load(Map.of("environment", "dev"), Map.of()).critical()).isFalse();
        assertThat(load(Map.of(), Map.of()).criticalEnvironments()).isEqualTo(List.of("prod"));
    }
}
