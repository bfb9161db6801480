package dev.dbshift.command;

import dev.dbshift.DbShift;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code new} names the migration it writes as the project names its own: a project moved over from Flyway
 * ({@code V2__b.sql}) got {@code 3__add_users.sql} and {@code 3__add_users.down.sql} beside them, where {@code new
 * --down-for} already wrote Flyway's {@code U2__b.sql}. No database is opened.
 */
@Pure
class NewMigrationNamingTest {

    private static DbShift on(TestProject project) {
        return DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).url("jdbc:h2:mem:never_opened").load();
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void aFlywayNamedProjectGetsAVersionedScriptAndItsUndo() {
        TestProject project = TestProject.create().file("migrations/V1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/U1__a.sql", "DROP TABLE a;\n").file("migrations/V2__b.sql", "CREATE TABLE b (id INT);\n")
                .file("migrations/R__views.sql", "SELECT 1;\n");
        assertThat(names(on(project).schema().newMigration("add users", false, null, null, null)))
                .containsExactly("V3__add_users.sql", "U3__add_users.sql");
        MigrationRef added = new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader())
                .list().stream().filter(m -> m.version() != null && m.version().toString().equals("3")).findFirst().orElseThrow();
        assertThat(added.hasDown()).isTrue();
        assertThat(added.description()).isEqualTo("add users");
    }

    @Test
    void aProjectOfDbshiftsOwnNamesKeepsThem() {
        TestProject project = TestProject.create().file("migrations/V1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n");
        assertThat(names(on(project).schema().newMigration("add users", false, null, null, null)))
                .containsExactly("3__add_users.sql", "3__add_users.down.sql");
    }

    /**
     * A project's first {@code new}: the migrations folder, where no setting names another, is made with the file
     * (it failed "the migrations folder ... does not exist"); one a setting names is not, as a misspelt one would hold
     * migrations no run reads.
     */
    @Test
    void theFirstMigrationOfAProjectMakesItsFolder() {
        TestProject project = TestProject.create();
        assertThat(names(on(project).schema().newMigration("add users", false, null, null, null)))
                .containsExactly("1__add_users.sql", "1__add_users.down.sql");
        assertThat(project.dir().resolve("migrations/1__add_users.sql")).isRegularFile();

        TestProject named = TestProject.create();
        DbShift db = DbShift.configure().projectDir(named.dir()).environmentVariables(Map.of()).url("jdbc:h2:mem:never_opened")
                .locations("db/migrations").load();
        assertThatThrownBy(() -> db.schema().newMigration("add users", false, null, null, null))
                .hasMessageContaining("the migrations folder").hasMessageContaining("does not exist");
        assertThat(named.dir().resolve("db")).doesNotExist();
    }
}
