package dev.dbshift.migration.format;

import dev.dbshift.DbShiftException;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The folder and manifest formats read from the fixtures in each tool's own layout ({@code formats/<tool>/}). */
@Pure
class FolderFormatsTest {
    private final TestProject project = TestProject.create();

    /** Copies {@code formats/<tool>/} of the test resources to the project's {@code migrations/}. */
    private void copyFixture(String tool) {
        try {
            project.copy(Path.of(FolderFormatsTest.class.getResource("/formats/" + tool).toURI()), "migrations");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private FileMigrationSource source(String format) {
        return new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader(),
                StandardCharsets.UTF_8, List.of()).withFormats(MigrationFormats.all(), format);
    }

    private List<MigrationRef> list(String format) {
        return source(format).list().stream().sorted(Comparator.comparing(MigrationRef::version)).toList();
    }

    private List<MigrationRef> fixture(String tool) {
        copyFixture(tool);
        return list("auto");
    }

    private String problems(String format) {
        try {
            source(format).list();
        } catch (DbShiftException e) {
            return e.getMessage();
        }
        throw new AssertionError("the folder was read without a problem");
    }

    private static List<String> names(List<ScriptRef> scripts) {
        return scripts.stream().map(ScriptRef::name).toList();
    }

    @Test
    void prismaFoldersAreMigrationsWithoutDowns() {
        List<MigrationRef> refs = fixture("prisma");
        assertThat(refs).extracting(MigrationRef::foreignId)
                .containsExactly("prisma:20240101120000_init", "prisma:20240102120000_add_email");
        assertThat(refs.get(0).version()).isEqualTo(Version.parse("20240101120000"));
        assertThat(refs.get(0).description()).isEqualTo("init");
        assertThat(names(refs.get(1).up())).containsExactly("migrations/20240102120000_add_email/migration.sql");
        assertThat(refs).allMatch(m -> m.down().isEmpty());

        project.file("migrations/20240103120000_empty/README.md", "no migration.sql");
        assertThat(problems("auto")).contains("migrations/20240103120000_empty/: a Prisma migration folder without migration.sql");
    }

    @Test
    void dieselVersionsDropTheDashesAndMetadataTurnsTheTransactionOff() throws IOException {
        project.file("migrations/00000000000000_diesel_initial_setup/up.sql", "SELECT 1;\n")
                .file("migrations/00000000000000_diesel_initial_setup/down.sql", "SELECT 2;\n");
        List<MigrationRef> refs = fixture("diesel");
        assertThat(refs).extracting(MigrationRef::foreignId).containsExactly("diesel:00000000000000",
                "diesel:20240101120000", "diesel:20240102120000", "diesel:20240103120000");
        assertThat(refs.get(1).description()).isEqualTo("create users");
        MigrationRef email = refs.get(3);
        assertThat(names(email.up())).containsExactly("migrations/2024-01-03-120000_add_email/up.sql",
                "migrations/2024-01-03-120000_add_email/metadata.toml");
        assertThat(source("auto").text(email.up().get(1))).isEqualTo("-- dbshift:no-transaction\n");
        assertThat(names(email.down())).containsExactly("migrations/2024-01-03-120000_add_email/down.sql",
                "migrations/2024-01-03-120000_add_email/metadata.toml");
        assertThat(refs.get(1).up()).hasSize(1);

        project.file("migrations/2024-01-03-120000_add_email/metadata.toml", "run_in_transaction = false\nlock_timeout = 5\n");
        assertThat(problems("auto")).contains("migrations/2024-01-03-120000_add_email/metadata.toml:2: 'lock_timeout' is not"
                + " a Diesel migration setting");
    }

    @Test
    void sourcegraphMetadataIsReadAndPlainVersionFoldersStayDbshifts() throws IOException {
        List<MigrationRef> refs = fixture("sourcegraph");
        assertThat(refs).extracting(MigrationRef::foreignId)
                .containsExactly("sourcegraph:1648051770", "sourcegraph:1648115472", "sourcegraph:1648195639");
        assertThat(refs).extracting(MigrationRef::description).containsExactly("create users", "create posts", "add email");
        assertThat(names(refs.get(0).down())).containsExactly("migrations/1648051770/down.sql");

        // format = "dbshift": the same folders in dbshift's own layout (VERSION/up.sql), same versions and checksums
        List<MigrationRef> own = list("dbshift");
        assertThat(own).extracting(MigrationRef::foreignId).containsOnlyNulls();
        assertThat(own).extracting(MigrationRef::checksum).containsExactlyElementsOf(refs.stream().map(MigrationRef::checksum).toList());

        project.file("migrations/1648195639/metadata.yaml", "name: add email\nparents: [1700000000]\ncreateIndexConcurrently: true\n");
        assertThat(problems("auto")).contains("migrations/1648195639/metadata.yaml: parent 1700000000 is not a migration of this folder");
        project.file("migrations/1700000000/up.sql", "SELECT 1;\n");
        assertThat(problems("auto")).contains("parent 1700000000 has a version not lower than 1648195639");
        project.file("migrations/1648195639/metadata.yaml", "name: add email\ncreateIndexConcurrently: true\nsquash: yes\n");
        assertThat(problems("auto")).contains("migrations/1648195639/metadata.yaml:3: 'squash' is not a migration setting");
        project.file("migrations/1648195639/metadata.yaml", "name: add email\ncreateIndexConcurrently: true\n");
        MigrationRef cic = list("auto").get(2);
        assertThat(cic.up()).hasSize(2);
        assertThat(source("auto").text(cic.up().get(1))).isEqualTo("\n-- dbshift:no-transaction\n");
    }

    @Test
    void plainVersionFoldersWithoutMetadataAreNotDetectedAsSourcegraph() {
        project.file("migrations/1528395834/up.sql", "CREATE TABLE t (id INT);\n")
                .file("migrations/1528395834/down.sql", "DROP TABLE t;\n");
        assertThat(list("auto")).extracting(MigrationRef::foreignId).containsOnlyNulls();
        assertThat(list("sourcegraph")).extracting(MigrationRef::foreignId).containsExactly("sourcegraph:1528395834");
    }

    @Test
    void atlasSumIsVerifiedAsAtlasComputesIt() {
        // atlas.sum of the fixture was written by formats/atlas-sum.sh (openssl and base64, not this code)
        List<MigrationRef> refs = fixture("atlas");
        assertThat(refs).extracting(MigrationRef::foreignId)
                .containsExactly("atlas:20240101120000", "atlas:20240102120000", "atlas:20240103120000");
        assertThat(refs.get(1).description()).isEqualTo("create posts");
        assertThat(refs).allMatch(m -> m.down().isEmpty() && m.up().get(0).section() == null);
    }

    @Test
    void atlasRefusesATamperedAddedOrMissingFileNamingIt() throws IOException {
        copyFixture("atlas");
        Path posts = project.dir().resolve("migrations/20240102120000_create_posts.sql");
        String original = Files.readString(posts);
        Files.writeString(posts, original.replace("200", "250"));
        assertThat(problems("auto")).contains("migrations/20240102120000_create_posts.sql: edited after atlas.sum was written"
                + " (atlas: checksum mismatch)");
        Files.writeString(posts, original);
        assertThat(list("auto")).hasSize(3);

        project.file("migrations/20240104120000_more.sql", "CREATE TABLE more (id INT);\n");
        assertThat(problems("auto")).contains("migrations/20240104120000_more.sql: not in atlas.sum");
        project.delete("migrations/20240104120000_more.sql");
        Files.delete(project.dir().resolve("migrations/20240101120000_create_users.sql"));
        assertThat(problems("auto")).contains("migrations/atlas.sum: lists 20240101120000_create_users.sql, which is missing");
        Files.delete(project.dir().resolve("migrations/atlas.sum"));
        assertThat(problems("atlas")).contains("migrations/atlas.sum: missing; Atlas refuses a migration folder without its sum file");
    }

    @Test
    void atlasSumOfItsOwnTextRoundTripsAndIgnoresWhatAtlasIgnores() {
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("1_a.sql", "A;".getBytes(StandardCharsets.UTF_8));
        files.put("2_b.sql", "-- atlas:sum ignore\nB;".getBytes(StandardCharsets.UTF_8));
        files.put("3_c.sql", "C;".getBytes(StandardCharsets.UTF_8));
        AtlasSum sum = AtlasSum.of(files);
        assertThat(sum.entries()).extracting(AtlasSum.Entry::name).containsExactly("1_a.sql", "3_c.sql");
        assertThat(AtlasSum.parse(sum.text())).isEqualTo(sum);
        // the ignored file's name still counts: renaming it changes the next file's hash
        files.remove("2_b.sql");
        files.put("2_x.sql", "-- atlas:sum ignore\nB;".getBytes(StandardCharsets.UTF_8));
        java.util.Map<String, byte[]> sorted = new java.util.TreeMap<>(files);
        assertThat(AtlasSum.of(sorted).entries().get(1).hash()).isNotEqualTo(sum.entries().get(1).hash());
        assertThatThrownBy(() -> AtlasSum.parse("h1:x\n1_a.sql zz\n")).hasMessageContaining("2: not '<file> h1:<hash>'");
    }

    @Test
    void atlasDirectives() throws IOException {
        project.file("migrations/1_index.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n")
                .file("migrations/2_delim.sql", "-- atlas:delimiter \\n\\n\n\nSELECT 1;\n");
        writeSum();
        assertThat(problems("auto")).contains("migrations/2_delim.sql:1: atlas:delimiter is not supported by dbshift");
        project.delete("migrations/2_delim.sql");
        writeSum();
        MigrationRef index = list("auto").get(0);
        assertThat(source("auto").text(index.up().get(0)))
                .isEqualTo("-- dbshift:no-transaction\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
        // atlas orders by name: 10_ before 9_ would run in another order than Atlas's
        project.file("migrations/9_x.sql", "SELECT 1;\n").file("migrations/10_y.sql", "SELECT 2;\n");
        writeSum();
        assertThat(problems("auto")).contains("migrations/1_index.sql: Atlas applies files in name order, and this one sorts after"
                + " 10_y.sql whose version is not lower");
    }

    /** The sum as {@code atlas migrate hash} writes it (checked against formats/atlas-sum.sh by the fixture test). */
    private void writeSum() throws IOException {
        Path dir = project.dir().resolve("migrations");
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".sql")).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        Files.writeString(dir.resolve("atlas.sum"), AtlasSum.of(files).text());
    }

    @Test
    void sqitchPlanOrderVerifyAfterDeployAndRevertAsDown() throws IOException {
        List<MigrationRef> refs = fixture("sqitch");
        assertThat(refs).extracting(m -> m.version().toString()).containsExactly("1", "2", "3");
        assertThat(refs).extracting(MigrationRef::foreignId).containsExactly("sqitch:users", "sqitch:posts", "sqitch:email");
        assertThat(names(refs.get(1).up())).containsExactly("migrations/deploy/posts.sql", "migrations/verify/posts.sql");
        assertThat(names(refs.get(1).down())).containsExactly("migrations/revert/posts.sql");
        // BEGIN; and COMMIT; blanked on their own lines, every other line kept
        String deploy = source("auto").text(refs.get(1).up().get(0));
        assertThat(deploy).doesNotContain("BEGIN").doesNotContain("COMMIT").contains("CREATE TABLE posts");
        assertThat(deploy.lines().count()).isEqualTo(13)
                .isEqualTo(Files.readString(project.dir().resolve("migrations/deploy/posts.sql")).lines().count());
        assertThat(deploy.lines().toList().get(3)).isEmpty();
        assertThat(deploy.lines().toList().get(5)).isEqualTo("CREATE TABLE posts (");
        assertThat(source("auto").text(refs.get(0).up().get(1))).doesNotContain("ROLLBACK").contains("WHERE 1 = 0");
    }

    @Test
    void sqitchDependenciesAreCheckedAsSqitchChecksThem() throws IOException {
        copyFixture("sqitch");
        Path plan = project.dir().resolve("migrations/sqitch.plan");
        String original = Files.readString(plan);
        Files.writeString(plan, original.replace("posts [users]", "posts [users comments]"));
        assertThat(problems("auto")).contains("migrations/sqitch.plan:6: posts requires comments, which is not a change of the plan");
        Files.writeString(plan, original.replace("posts [users]", "posts [users email]"));
        assertThat(problems("auto")).contains("migrations/sqitch.plan:6: posts requires email, which the plan lists later (line 9)");
        Files.writeString(plan, original.replace("posts [users]", "posts [users !users]"));
        assertThat(problems("auto")).contains("posts conflicts with users, which line 5 deploys before it");
        Files.writeString(plan, original.replace("posts [users]", "posts [other:users]"));
        assertThat(problems("auto")).contains("posts depends on other:users of another project");
        Files.writeString(plan, original.replace("posts [users]", "posts [blog:users]"));
        assertThat(list("auto")).hasSize(3);
        Files.writeString(plan, original.replace("%project=blog\n", ""));
        assertThat(problems("auto")).contains("migrations/sqitch.plan: no %project=NAME pragma");
        Files.writeString(plan, original + "email 2024-01-04T12:00:00Z Ada <ada@example.com>\nnot a plan line\n");
        assertThat(problems("auto")).contains("migrations/sqitch.plan:10: email is planned again (line 9) without a tag between")
                .contains("migrations/sqitch.plan:11: not a Sqitch plan line");
        project.delete("migrations/verify/email.sql").delete("migrations/deploy/email.sql");
        Files.writeString(plan, original);
        assertThat(problems("auto")).contains("migrations/sqitch.plan:9: email has no deploy script migrations/deploy/email.sql");
    }

    @Test
    void sqitchReworkedChangeKeepsItsScriptsAsOfTheTag() throws IOException {
        copyFixture("sqitch");
        Path plan = project.dir().resolve("migrations/sqitch.plan");
        Files.writeString(plan, Files.readString(plan)
                + "users [users@v1.0] 2024-01-05T12:00:00Z Ada <ada@example.com> # Reworks users.\n");
        Files.move(project.dir().resolve("migrations/deploy/users.sql"), project.dir().resolve("migrations/deploy/users@v1.0.sql"));
        project.file("migrations/deploy/users.sql", "ALTER TABLE users ADD COLUMN nick VARCHAR(20);\n");
        List<MigrationRef> refs = list("auto");
        assertThat(refs).extracting(MigrationRef::foreignId)
                .containsExactly("sqitch:users@v1.0", "sqitch:posts", "sqitch:email", "sqitch:users");
        assertThat(names(refs.get(0).up())).containsExactly("migrations/deploy/users@v1.0.sql");
        assertThat(names(refs.get(3).up())).containsExactly("migrations/deploy/users.sql", "migrations/verify/users.sql");
        assertThat(refs.get(3).version()).isEqualTo(Version.parse("4"));
    }
}
