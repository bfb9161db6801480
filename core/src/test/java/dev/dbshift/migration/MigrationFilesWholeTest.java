package dev.dbshift.migration;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What dbshift writes into a project ({@code squash}, {@code lint --fix}, {@code new}) lands whole or not at all, and a
 * squash deletes the migrations it merged only once the squashed one is in place: before, a squash deleted them
 * first, so a failure to write (or a kill) lost them.
 */
class MigrationFilesWholeTest {
    private final TestProject project = TestProject.create()
            .file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n")
            .file("migrations/1__a.down.sql", "DROP TABLE a;\n")
            .file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n")
            .file("migrations/2__b.down.sql", "DROP TABLE b;\n");

    private Squasher squasher() {
        return new Squasher(new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader()));
    }

    /** Every file under the project, path to content. */
    private Map<String, String> files() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(project.dir())) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(project.dir().relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void aSquashThatCannotWriteItsFileKeepsTheMigrationsItWouldMerge() throws IOException {
        Map<String, String> before = files();
        // the hidden file the squashed migration is written to first cannot be written: a folder holds its name
        Files.createDirectories(WholeFile.staged(project.dir().resolve("migrations/2__squash_1_to_2.sql")).resolve("x"));
        assertThatThrownBy(() -> squasher().squash(Version.parse("1"), Version.parse("2"), null, false))
                .isInstanceOf(DbShiftException.class).hasMessageContaining("cannot write the squashed migration")
                .hasMessageContaining("nothing was changed");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void aSquashWhoseFileIsTakenIsRefusedBeforeAnythingChanges() throws IOException {
        Map<String, String> before = files();
        // the name of the range's last migration: replacing it would leave the squashed one beside version 1 until the
        // deletes, under a version of its own, which a new database would run after running version 1
        assertThatThrownBy(() -> squasher().squash(Version.parse("1"), Version.parse("2"), "b", false))
                .isInstanceOf(DbShiftException.class).hasMessageContaining("2__b.sql exists already")
                .hasMessageContaining("nothing was changed");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void aSquashLeavesTheSquashedFilesAndNothingElse() throws IOException {
        squasher().squash(Version.parse("1"), Version.parse("2"), null, false);
        Map<String, String> after = files();
        assertThat(after).containsOnlyKeys("migrations/2__squash_1_to_2.sql", "migrations/2__squash_1_to_2.down.sql");
        assertThat(after.get("migrations/2__squash_1_to_2.sql")).contains("CREATE TABLE a").contains("CREATE TABLE b");
        String down = after.get("migrations/2__squash_1_to_2.down.sql");
        assertThat(down.indexOf("DROP TABLE b;")).isNotNegative().isLessThan(down.indexOf("DROP TABLE a;"));
    }

    @Test
    void aSquashOfEnvironmentScriptsPutsItsFolderInPlaceWhole() throws IOException {
        project.file("migrations/3__c/all.sql", "CREATE TABLE c (id INT);\n")
                .file("migrations/3__c/dev.sql", "INSERT INTO c VALUES (1);\n")
                .file("migrations/3__c/all.down.sql", "DROP TABLE c;\n");
        squasher().squash(Version.parse("2"), Version.parse("3"), "bc", false);
        assertThat(files()).containsOnlyKeys("migrations/1__a.sql", "migrations/1__a.down.sql", "migrations/3__bc/all.sql",
                "migrations/3__bc/dev.sql", "migrations/3__bc/all.down.sql");
        assertThat(files().get("migrations/3__bc/all.sql")).contains("CREATE TABLE b").contains("CREATE TABLE c");
    }

    @Test
    void aReplacedScriptKeepsItsPermissionsAndItsLinkAndLeavesNoCopy() throws IOException {
        Path real = project.dir().resolve("migrations/1__a.sql");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = project.dir().resolve("migrations/link.sql");
        Files.createSymbolicLink(link, real.getFileName());
        MigrationFiles.replace(link, "CREATE TABLE a (id BIGINT);\n", StandardCharsets.UTF_8);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("CREATE TABLE a (id BIGINT);\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-r-----");
        assertThat(files().keySet()).noneMatch(k -> k.contains(".dbshift-new"));
    }

    @Test
    void aScriptThatCannotBeEncodedIsLeftAsItWas() throws IOException {
        Path script = project.dir().resolve("migrations/1__a.sql");
        assertThatThrownBy(() -> MigrationFiles.replace(script, "INSERT INTO a VALUES ('\u20ac \u4e2d');\n",
                StandardCharsets.ISO_8859_1)).isInstanceOf(CharacterCodingException.class);
        assertThat(Files.readString(script)).isEqualTo("CREATE TABLE a (id INT);\n");
        assertThat(files().keySet()).noneMatch(k -> k.contains(".dbshift-new"));
    }

    @Test
    void aNewMigrationWhoseDownCannotBeWrittenLeavesNoUpScript() throws IOException {
        Map<String, String> before = files();
        // the down script's hidden file cannot be written: a folder holds its name
        Files.createDirectories(WholeFile.staged(project.dir().resolve("migrations/3__c.down.sql")).resolve("x"));
        dev.dbshift.DbShift shift = dev.dbshift.DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of())
                .url("jdbc:h2:mem:never_opened").load();
        assertThatThrownBy(() -> shift.schema().newMigration("c", false, null, null, null))
                .hasMessageContaining("3__c.down.sql").hasMessageContaining("cannot write");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void aNewFileIsWrittenWholeAndNeverOverAnother() throws IOException {
        Path file = MigrationFiles.write(project.dir().resolve("migrations/3__c.sql"), "CREATE TABLE c (id INT);\n");
        assertThat(Files.readString(file)).isEqualTo("CREATE TABLE c (id INT);\n");
        assertThatThrownBy(() -> MigrationFiles.write(file, "x")).hasMessageContaining("exists already");
        assertThat(files().keySet()).noneMatch(k -> k.contains(".dbshift-new"));
    }
}
