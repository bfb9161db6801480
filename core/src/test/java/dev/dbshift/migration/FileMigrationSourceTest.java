package dev.dbshift.migration;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Pure
class FileMigrationSourceTest {
    private final TestProject project = TestProject.create();

    private List<MigrationRef> list(String env) {
        List<MigrationRef> refs = new FileMigrationSource(project.dir(), List.of("migrations"), env, getClass().getClassLoader()).list();
        return refs.stream().sorted(Comparator.comparing(m -> m.version() == null ? Version.parse("999999") : m.version())).toList();
    }

    @Test
    void readsEveryNamingStyle() {
        project.file("migrations/1.0.0__create_users.sql", "a;")
                .file("migrations/1.0.0__create_users.down.sql", "b;")
                .file("migrations/V1.1__flyway_style.sql", "c;")
                .file("migrations/U1.1__flyway_style.sql", "d;")
                .file("migrations/sub/folder/2__nested.sql", "e;")
                .file("migrations/3__dir/all.sql", "f;")
                .file("migrations/3__dir/prod.sql", "g;")
                .file("migrations/3__dir/dev.sql", "h;")
                .file("migrations/3__dir/all.down.sql", "i;")
                .file("migrations/3__dir/prod.down.sql", "k;")
                .file("migrations/R__views.sql", "j;")
                .file("migrations/README.md", "not a migration")
                .file("migrations/.gitkeep", "");
        List<MigrationRef> refs = list("prod");
        assertThat(refs).extracting(MigrationRef::label).containsExactly(
                "1.0.0 (create users)", "1.1 (flyway style)", "2 (nested)", "3 (dir)", "R (views)");
        assertThat(refs.get(0).down()).extracting(ScriptRef::name).containsExactly("migrations/1.0.0__create_users.down.sql");
        assertThat(refs.get(1).down()).extracting(ScriptRef::name).containsExactly("migrations/U1.1__flyway_style.sql");
        assertThat(refs.get(2).scriptName()).isEqualTo("migrations/sub/folder/2__nested.sql");
        assertThat(refs.get(3).up()).extracting(ScriptRef::name).containsExactly("migrations/3__dir/all.sql", "migrations/3__dir/prod.sql");
        assertThat(refs.get(3).down()).extracting(ScriptRef::name).containsExactly("migrations/3__dir/prod.down.sql", "migrations/3__dir/all.down.sql");
        assertThat(refs.get(4).kind()).isEqualTo(MigrationKind.REPEATABLE);
        assertThat(refs.get(0).checksum()).isEqualTo(Checksums.of("a;"));
        // the environment changes a version directory's scripts, and so its checksum
        assertThat(list("dev").get(3).checksum()).isNotEqualTo(refs.get(3).checksum());
        assertThat(list(null).get(3).up()).hasSize(1);
    }

    /** A script directly in the folder is named without relativizing its path, exactly as relativizing names it. */
    @Test
    void aScriptInTheFolderItselfIsNamedAsItsRelativePath() {
        MigrationRoot root = new MigrationRoot(project.dir().resolve("migrations"), "migrations");
        for (String name : List.of("1__a.sql", "2__back\\slash.sql", "3__\u00e9t\u00e9.sql")) {
            java.nio.file.Path p = root.dir().resolve(name);
            assertThat(root.display(root.dir(), name, p)).isEqualTo(root.display(p));
        }
        java.nio.file.Path sub = root.dir().resolve("sub");
        assertThat(root.display(sub, "4__c.sql", sub.resolve("4__c.sql"))).isEqualTo("migrations/sub/4__c.sql");
        MigrationRoot bare = new MigrationRoot(root.dir(), "");
        assertThat(bare.display(bare.dir(), "1__a.sql", bare.dir().resolve("1__a.sql"))).isEqualTo("1__a.sql");
    }

    /**
     * The root's entries as the format detectors listed and typed them (format {@code auto}) give the same migrations
     * and problems as dbshift's own layout listing the root itself (format {@code dbshift}): links to a script and to a
     * version directory are followed, a link to nothing is named, hidden entries are skipped; and the detectors' tree
     * still does not go into a link to a folder.
     */
    @Test
    void theDetectorsListingOfTheRootReadsAsTheRootItself() throws Exception {
        project.file("migrations/1__plain.sql", "a;")
                .file("migrations/sub/4__nested.sql", "d;")
                .file("migrations/.hidden/9__hidden.sql", "h;")
                .file("shared/2.sql", "b;")
                .file("shared/3/all.sql", "c;")
                .file("shared/5__only_in_linked_folder.sql", "e;");
        java.nio.file.Path dir = project.dir().resolve("migrations");
        java.nio.file.Files.createSymbolicLink(dir.resolve("2__linked_file.sql"), project.dir().resolve("shared/2.sql"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("3__linked_dir"), project.dir().resolve("shared/3"));
        List<String> auto = labels(new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader())
                .withFormats(dev.dbshift.migration.format.MigrationFormats.all(), FileMigrationSource.AUTO));
        List<String> own = labels(new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader())
                .withFormats(dev.dbshift.migration.format.MigrationFormats.all(), FileMigrationSource.NATIVE));
        assertThat(auto).containsExactly("1 (plain) migrations/1__plain.sql " + Checksums.of("a;"),
                "2 (linked file) migrations/2__linked_file.sql " + Checksums.of("b;"),
                "3 (linked dir) migrations/3__linked_dir/all.sql " + Checksums.of("c;"),
                "4 (nested) migrations/sub/4__nested.sql " + Checksums.of("d;"));
        assertThat(own).isEqualTo(auto);
        // the tree the detectors read: the linked file at depth 1, the real subfolder's script, the hidden one; not
        // what is inside the linked folder
        assertThat(FolderListing.of(dir).tree(Integer.MAX_VALUE)).extracting(t -> dir.relativize(t.file()).toString() + "@" + t.depth())
                .containsExactly(".hidden/9__hidden.sql@2", "1__plain.sql@1", "2__linked_file.sql@1", "sub/4__nested.sql@2");
        assertThat(FolderListing.of(dir).folders()).extracting(p -> p.getFileName().toString()).containsExactly("3__linked_dir", "sub");

        java.nio.file.Files.createSymbolicLink(dir.resolve("6__gone.sql"), project.dir().resolve("shared/nothing.sql"));
        for (String format : List.of(FileMigrationSource.AUTO, FileMigrationSource.NATIVE)) {
            assertThatThrownBy(() -> new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader())
                    .withFormats(dev.dbshift.migration.format.MigrationFormats.all(), format).list())
                    .as(format).isInstanceOf(DbShiftException.class)
                    .hasMessageContaining("migrations/6__gone.sql: not a regular file");
        }
    }

    private static List<String> labels(FileMigrationSource source) {
        return source.list().stream().sorted(Comparator.comparing(MigrationRef::version))
                .map(m -> m.label() + " " + String.join(",", m.up().stream().map(ScriptRef::name).toList()) + " " + m.checksum()).toList();
    }

    @Test
    void namesEveryFileThatDoesNotParse() {
        project.file("migrations/1.0__ok.sql", "a;")
                .file("migrations/create_users.sql", "x;")
                .file("migrations/1..2__bad.sql", "x;")
                .file("migrations/1.x__bad.sql", "x;")
                .file("migrations/4__upper.SQL", "x;")
                .file("migrations/5__typo.sq", "x;")
                .file("migrations/6__orphan.down.sql", "x;")
                .file("migrations/db/V7__Seed.class", "\u00ca\u00fe\u00ba\u00be");
        assertThatThrownBy(() -> list(null)).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/create_users.sql: the name does not parse as a migration")
                .hasMessageContaining("migrations/1..2__bad.sql: the version '1..2' has an empty part")
                .hasMessageContaining("migrations/1.x__bad.sql: the version '1.x' has 'x', which is not a number")
                .hasMessageContaining("migrations/4__upper.SQL: the extension must be '.sql' in lower case")
                .hasMessageContaining("migrations/5__typo.sq: looks like a migration but does not end in .sql")
                .hasMessageContaining("migrations/6__orphan.down.sql: a down script without an up script")
                .hasMessageContaining("migrations/db/V7__Seed.class: a Flyway Java migration, which dbshift does not run; write it"
                        + " as a class that implements dev.dbshift.migration.JavaMigration")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
    }

    @Test
    void aMissingFolderIsAnErrorNamingTheSetting() {
        assertThatThrownBy(() -> list(null)).hasMessageContaining("locations: the migrations folder").hasMessageContaining("does not exist");
    }

    @Test
    void duplicatesAreKeptForThePlannerToReport() {
        project.file("migrations/1__a.sql", "a;").file("migrations/V1.0__b.sql", "b;");
        assertThat(list(null)).hasSize(2);
    }

    @Test
    void initScriptsAreAllThenTheEnvironment() {
        project.file("migrations/init/all.sql", "a;").file("migrations/init/dev.sql", "b;").file("migrations/init/prod.sql", "c;")
                .file("migrations/1__a.sql", "x;");
        FileMigrationSource s = new FileMigrationSource(project.dir(), List.of("migrations"), "dev", getClass().getClassLoader());
        assertThat(s.initScripts()).extracting(ScriptRef::name).containsExactly("migrations/init/all.sql", "migrations/init/dev.sql");
        assertThat(s.list()).hasSize(1);
    }

    @Test
    void readsMigrationsInsideAJarOnTheClassPath() throws Exception {
        // a jar as Maven and Gradle build it: with directory entries
        java.nio.file.Path jar = project.dir().resolve("app.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            for (String dir : new String[]{"db/", "db/migration/"}) {
                out.putNextEntry(new java.util.jar.JarEntry(dir));
                out.closeEntry();
            }
            for (String[] e : new String[][]{{"db/migration/1__in_jar.sql", "CREATE TABLE j (id INT);"},
                    {"db/migration/1__in_jar.down.sql", "DROP TABLE j;"}, {"db/migration/R__v.sql", "SELECT 1;"}}) {
                out.putNextEntry(new java.util.jar.JarEntry(e[0]));
                out.write(e[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            List<MigrationRef> refs = new FileMigrationSource(project.dir(), List.of("classpath:db/migration"), null, loader).list();
            assertThat(refs).extracting(MigrationRef::label).containsExactlyInAnyOrder("1 (in jar)", "R (v)");
            MigrationRef m = refs.stream().filter(r -> r.version() != null).findFirst().orElseThrow();
            assertThat(m.scriptName()).isEqualTo("classpath:db/migration/1__in_jar.sql");
            assertThat(m.down()).hasSize(1);
            assertThat(m.checksum()).isEqualTo(Checksums.of("CREATE TABLE j (id INT);"));
        }
    }

    @Test
    void readsTheClassPathFolders() {
        List<MigrationRef> refs = new FileMigrationSource(project.dir(), List.of("classpath:dbshift-test-migrations"), null,
                getClass().getClassLoader()).list();
        assertThat(refs).extracting(MigrationRef::label).containsExactlyInAnyOrder("1 (from classpath)");
        assertThat(refs.get(0).scriptName()).isEqualTo("classpath:dbshift-test-migrations/1__from_classpath.sql");
        assertThatThrownBy(() -> new FileMigrationSource(project.dir(), List.of("classpath:nowhere"), null, getClass().getClassLoader()).list())
                .hasMessageContaining("classpath:nowhere is not on the class path");
    }
}
