package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.command.StatusReport;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read-only command on an embedded database whose file is not there (a misspelt path, or before the first
 * {@code up}) reads it as empty and says so, and makes neither the file nor its folders: {@code status} on
 * {@code jdbc:h2:file:/nonexistent/dir/x} made both, and on SQLite an empty file, then reported the new empty database
 * as the one found. {@code up} still creates it.
 */
class AbsentEmbeddedDatabaseTest {
    private final TestProject project = TestProject.create()
            .file("migrations/1__one.sql", "CREATE TABLE one (id INT PRIMARY KEY);\n")
            .file("migrations/2__two.sql", "CREATE TABLE two (id INT PRIMARY KEY);\n");
    private final List<String> notices = new ArrayList<>();

    private DbShift dbshift(String url) {
        return DbShift.configure().projectDir(project.dir()).url(url).environmentVariables(java.util.Map.of())
                .listener(new ExecutionListener() {
                    @Override
                    public void notice(String message) {
                        notices.add(message);
                    }
                }).load();
    }

    /** Folders under the project that are not there (a misspelt path). */
    private Path missingFolder() {
        return project.dir().resolve("no/such/folder");
    }

    /** An H2 or SQLite database's URL in {@link #missingFolder}. */
    private String inMissingFolder(String kind) {
        Path folder = missingFolder();
        return kind.equals("h2") ? "jdbc:h2:file:" + folder.resolve("app") : "jdbc:sqlite:" + folder.resolve("app.db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void readOnlyCommandsReadAMissingFileAsEmptyAndMakeNothing(String kind) throws Exception {
        Path folder = missingFolder();
        String url = inMissingFolder(kind);
        DbShift d = dbshift(url);

        StatusReport status = d.status();
        assertThat(status.historyExists()).isFalse();
        assertThat(status.migrations()).extracting(MigrationStatus::state)
                .containsExactly(MigrationStatus.State.PENDING, MigrationStatus.State.PENDING);
        assertThat(notices).singleElement().asString().contains("there is no database at " + url).contains("not created");
        assertThat(d.history()).isEmpty();
        assertThat(d.current()).isEmpty();
        assertThat(d.check(false).problems()).isEmpty();
        assertThat(d.planUp(null).steps()).hasSize(2);
        assertThat(project.dir().resolve("no")).as("no file, no folder").doesNotExist();

        if (kind.equals("sqlite")) {
            Files.createDirectories(folder); // SQLite makes no folder, as the sqlite3 shell makes none; H2 does
        }
        assertThat(d.up().results()).hasSize(2);
        assertThat(folder).isDirectory();
        notices.clear();
        assertThat(dbshift(url).status().migrations()).extracting(MigrationStatus::state)
                .containsOnly(MigrationStatus.State.APPLIED);
        assertThat(notices).as("the file is there now").isEmpty();
    }

    /**
     * {@code diff} reads the live database twice: its schema through a session, and (to build the migrations' schema
     * in a scratch beside it) its current schema through a connection of its own, which made the missing file (H2's
     * with its folders; on SQLite a folder that is not there failed the diff).
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void aDiffAgainstAMissingFileMakesNothingEither(String kind) {
        String url = inMissingFolder(kind);
        DbShift d = dbshift(url);

        var live = d.schema().live();
        var head = d.schema().at("head");
        assertThat(dev.dbshift.schema.SchemaDiff.between(live, head).isEmpty()).isFalse();
        assertThat(head.tables()).hasSize(2);
        assertThat(d.schema().at("base").checksum()).isEqualTo(live.checksum());
        assertThat(notices).isNotEmpty().allSatisfy(n -> assertThat(n).contains("there is no database at " + url));
        assertThat(project.dir().resolve("no")).as("no file, no folder").doesNotExist();
    }

    /**
     * {@code down} and {@code repair} write only when something is applied, and {@code adopt} only over another tool's
     * history: on a file that is not there they read it as empty and make nothing (they made an empty database and said
     * it was "at base"); a stamp to a version has a
     * row to write, and makes it, as {@code up} does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void downAndRepairWithNothingAppliedMakeNothingButAStampMakesTheDatabase(String kind) throws Exception {
        Path folder = missingFolder();
        String url = inMissingFolder(kind);
        DbShift d = dbshift(url);

        assertThat(d.down("base").results()).isEmpty();
        assertThatThrownBy(d::down).hasMessageContaining("only 0 migrations are applied");
        assertThat(d.historyCommands().repair(false).marks()).isEmpty();
        assertThat(d.historyCommands().stamp("base", false).marks()).isEmpty();
        assertThatThrownBy(() -> d.adopt(null, false)).hasMessageContaining("has no history table of another tool");
        assertThat(notices).isNotEmpty().allSatisfy(n -> assertThat(n).contains("there is no database at " + url));
        assertThat(project.dir().resolve("no")).as("no file, no folder").doesNotExist();

        if (kind.equals("sqlite")) {
            Files.createDirectories(folder);
        }
        notices.clear();
        assertThat(d.historyCommands().stamp("1", false).toVersion()).isEqualTo("1");
        assertThat(notices).as("it is made: no word that it is not").noneMatch(n -> n.contains("there is no database"));
        assertThat(dbshift(url).current()).contains("1");
    }

    /** Beside a file that is there, a misspelt name in the same folder is not made either. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void aMisspeltNameBesideTheRealDatabaseIsNotMade(String kind) throws Exception {
        String real = kind.equals("h2") ? "jdbc:h2:file:" + project.dir().resolve("db/app") : "jdbc:sqlite:" + project.dir().resolve("app.db");
        dbshift(real).up();
        String typo = real.replace("app", "ap");
        StatusReport status = dbshift(typo).status();
        assertThat(status.current()).isNull();
        try (var files = Files.walk(project.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("ap.") || n.equals("ap"));
        }
        assertThat(dbshift(real).status().current()).isEqualTo("2");
    }
}
