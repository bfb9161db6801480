package dev.dbshift.migration.format;

import dev.dbshift.DbShiftException;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flyway's naming rules, read from a folder in its layout. */
@Pure
class FlywayFormatTest {
    private final TestProject project = TestProject.create();

    private FileMigrationSource source(String format) {
        return new FileMigrationSource(project.dir(), List.of("sql"), null, getClass().getClassLoader())
                .withFormats(MigrationFormats.all(), format);
    }

    private List<MigrationRef> list(String format) {
        return source(format).list().stream().sorted(Comparator.comparing((MigrationRef m) -> m.kind() == MigrationKind.REPEATABLE)
                .thenComparing(m -> m.version() == null ? Version.parse("0") : m.version())).toList();
    }

    /**
     * A location that is a symbolic link to a folder is looked into: detection used to walk it with
     * {@code Files.walk}, which sees such a root as one file, so a Flyway folder behind a link (the benchmark's, and
     * any project that links a shared folder in) was read as dbshift's layout and its baseline and callbacks refused.
     */
    @Test
    void aLocationThatIsALinkToAFlywayFolderIsDetectedAsFlyway() throws IOException {
        project.file("shared/V1__create_users.sql", "create table users (id int);")
                .file("shared/B2__baseline.sql", "create table users (id int, email varchar(9));")
                .file("shared/afterMigrate.sql", "select 1;");
        java.nio.file.Files.createSymbolicLink(project.dir().resolve("sql"), project.dir().resolve("shared"));
        assertThat(list("auto")).extracting(MigrationRef::foreignId).containsExactly("flyway:1", "flyway:2");
        assertThat(source("auto").callbacks()).containsOnlyKeys("afterMigrate");
    }

    /**
     * A Flyway project's Java migrations (compiled next to its scripts, or their sources in a folder location) were
     * passed over as files that are not scripts: a migration silently not applied. dbshift does not run Flyway's
     * Java API, so each is an error saying how to write it for dbshift.
     */
    @Test
    void aFlywayJavaMigrationIsNamedNotPassedOver() {
        project.file("sql/V1__create_users.sql", "create table users (id int);")
                .file("sql/db/migration/V2__Seed_users.class", "\u00ca\u00fe\u00ba\u00be")
                .file("sql/R__Refresh.java", "class R__Refresh {}")
                .file("sql/README.md", "not a migration");
        assertThatThrownBy(() -> list("flyway")).hasMessageContaining("sql/db/migration/V2__Seed_users.class: a Flyway Java"
                        + " migration, which dbshift does not run")
                .hasMessageContaining("sql/R__Refresh.java: a Flyway Java migration")
                .hasMessageContaining("dev.dbshift.migration.JavaMigration").hasMessageNotContaining("README");
    }

    /**
     * A command reads the folder once: the callbacks it runs are those its listing found (they used to be found by
     * a second scan of every file), so a callback added after the listing is not run half-way through that command;
     * a source that was never listed scans for them itself.
     */
    @Test
    void callbacksComeFromTheListingOfTheSameSource() {
        project.file("sql/V1__create_users.sql", "create table users (id int);")
                .file("sql/afterMigrate.sql", "select 1;");
        MigrationSource source = source("auto");
        assertThat(source.list()).hasSize(1);
        project.file("sql/beforeMigrate.sql", "select 2;");
        assertThat(source.callbacks()).containsOnlyKeys("afterMigrate");
        assertThat(source("auto").callbacks()).as("a new source, never listed").containsOnlyKeys("afterMigrate", "beforeMigrate");
        MigrationSource relisted = source("auto");
        relisted.list();
        assertThat(relisted.callbacks()).containsOnlyKeys("afterMigrate", "beforeMigrate");
    }

    @Test
    void readsFlywaysNamesAsFlywayDoes() throws IOException {
        project.file("flyway.conf", "flyway.locations=filesystem:sql\n")
                .file("sql/V1__create_users.sql", "create table users (id int);")
                .file("sql/U1__create_users.sql", "drop table users;")
                .file("sql/nested/V1_1__add_email_column.sql", "alter table users add email varchar(9);")
                .file("sql/V2.0.1__Seed.sql", "insert into users values (1);")
                .file("sql/B2__baseline.sql", "create table users (id int, email varchar(9));")
                .file("sql/R__b_view.sql", "create view b as select 1;")
                .file("sql/R__a_view.sql", "create view a as select 1;")
                .file("sql/beforeMigrate.sql", "select 1;")
                .file("sql/afterEachMigrate__audit.sql", "select 2;")
                .file("sql/README.md", "notes");
        List<MigrationRef> refs = list("auto");
        assertThat(refs).extracting(MigrationRef::label).containsExactly(
                "1 (create users)", "1.1 (add email column)", "2 (baseline)", "2.0.1 (Seed)", "R (a view)", "R (b view)");
        assertThat(refs).extracting(MigrationRef::foreignId).containsExactly(
                "flyway:1", "flyway:1.1", "flyway:2", "flyway:2.0.1", "flyway:R:a view", "flyway:R:b view");
        assertThat(refs.get(0).down()).extracting(ScriptRef::name).containsExactly("sql/U1__create_users.sql");
        assertThat(refs.get(2).kind()).isEqualTo(MigrationKind.BASELINE);
        assertThat(source("auto").callbacks()).containsOnlyKeys("beforeMigrate", "afterEachMigrate");
        assertThat(source("auto").callbacks().get("afterEachMigrate")).extracting(ScriptRef::name)
                .containsExactly("sql/afterEachMigrate__audit.sql");
        // dbshift's own layout reads V/U/R alike, but not B or callbacks
        assertThatThrownBy(() -> source("dbshift").list()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("sql/B2__baseline.sql").hasMessageContaining("sql/beforeMigrate.sql");
    }

    @Test
    void detectedByABaselineOrACallbackWithoutConfiguration() {
        project.file("sql/V1__a.sql", "select 1;").file("sql/B1__a.sql", "select 1;");
        assertThat(list("auto")).extracting(MigrationRef::foreignId).containsExactlyInAnyOrder("flyway:1", "flyway:1");
    }

    @Test
    void refusesWhatFlywayWouldIgnoreOrWhatWouldBeLost() {
        project.file("flyway.toml", "[flyway]\nlocations = [\"filesystem:sql\"]\n")
                .file("sql/V1__ok.sql", "select 1;")
                .file("sql/v2__lower_case.sql", "select 1;")
                .file("sql/3__no_prefix.sql", "select 1;")
                .file("sql/V4_x__bad_version.sql", "select 1;")
                .file("sql/V5__conf.sql", "select 1;")
                .file("sql/V5__conf.sql.conf", "executeInTransaction=false")
                .file("sql/U9__orphan.sql", "select 1;")
                .file("sql/beforeClean.sql", "select 1;");
        assertThatThrownBy(() -> list("flyway")).isInstanceOf(DbShiftException.class).satisfies(e -> assertThat(e.getMessage())
                .contains("sql/v2__lower_case.sql: not a Flyway migration name", "sql/3__no_prefix.sql: not a Flyway migration name",
                        "sql/V4_x__bad_version.sql: the version '4_x'", "sql/V5__conf.sql.conf: a Flyway script configuration file",
                        "sql/U9__orphan.sql: an undo script without a versioned migration V9",
                        "sql/beforeClean.sql: the Flyway callback event 'beforeClean' is not one dbshift runs")
                .doesNotContain("V1__ok"));
    }

    @Test
    void flywaysBuiltInPlaceholdersBecomeDbshiftsOnTheSameLines() throws IOException {
        project.file("sql/V1__p.sql", "-- ${flyway:filename}\ncreate table ${flyway:defaultSchema}.t (u text default '${flyway:user}');\n")
                .file("sql/V2__plain.sql", "select 1;\n");
        FileMigrationSource s = source("flyway");
        List<MigrationRef> refs = list("flyway");
        assertThat(s.text(refs.get(0).up().get(0))).isEqualTo(
                "-- V1__p.sql\ncreate table ${flyway.defaultSchema}.t (u text default '${flyway.user}');\n");
        assertThat(refs.get(1).up().get(0).section()).isNull();
    }
}
