package dev.dbshift.command;

import dev.dbshift.testing.Pure;
import dev.dbshift.DbShift;
import dev.dbshift.config.Settings;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.migration.CompositeSource;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.session.Project;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} lists the migrations once (checksums and squash markers in the same read) and opens
 * no script again: every up script is opened exactly once, down scripts not at all; {@code check} opens
 * each pending script once more, to split it; a no-op {@code up} opens each up script once too (its look for
 * callbacks and init scripts reads names only). Real files, a real H2 database; the source counts what it opens.
 */
@Pure
class StatusReadsEachScriptOnceTest {

    private static TestProject files() {
        return TestProject.create()
                .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n")
                .file("migrations/1__users.down.sql", "DROP TABLE users;\n")
                .file("migrations/2__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY);\n")
                .file("migrations/3/all.sql", "CREATE TABLE items (id INT PRIMARY KEY);\n")
                .file("migrations/4__more.sql", "CREATE TABLE more_items (id INT PRIMARY KEY);\n")
                .file("migrations/R__names.sql", "CREATE OR REPLACE VIEW names AS SELECT id FROM users;\n");
    }

    /** The project's source, counting each open of a file in {@code opens}. */
    private static MigrationSource counting(Settings settings, Map<Path, Integer> opens) {
        return new CompositeSource(new FileMigrationSource(settings.projectDir(), settings.locations(),
                settings.environment(), StatusReadsEachScriptOnceTest.class.getClassLoader(), settings.encoding(),
                settings.declaredEnvironments()).withOpener(p -> {
                    opens.merge(p.toAbsolutePath().normalize(), 1, Integer::sum);
                    return Files.newInputStream(p);
                }), List.of());
    }

    private static List<Path> upScripts(TestProject files) throws java.io.IOException {
        try (var walk = Files.walk(files.dir().resolve("migrations"))) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".down.sql"))
                    .map(p -> p.toAbsolutePath().normalize()).toList();
        }
    }

    @Test
    void statusOpensEachUpScriptExactlyOnce() throws Exception {
        TestProject files = files();
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.H2)) {
            DbShift shift = files.configure(db).load();
            shift.up("2");
            // versions 1 and 2 become one squashed migration: its marker is what status must still read
            shift.tools().squash("1", "2", "start", false);

            Map<Path, Integer> opens = new ConcurrentHashMap<>();
            StatusReport status = new Status(new Project(shift.settings(), counting(shift.settings(), opens),
                    ExecutionListener.NONE)).status();

            assertThat(status.current()).isEqualTo("2");
            assertThat(status.migrations()).extracting(MigrationStatus::state).containsExactly(
                    MigrationStatus.State.APPLIED, MigrationStatus.State.PENDING, MigrationStatus.State.PENDING,
                    MigrationStatus.State.PENDING);
            assertThat(status.warnings()).isEmpty();
            assertThat(opens.keySet()).containsExactlyInAnyOrderElementsOf(upScripts(files));
            assertThat(opens).allSatisfy((path, count) -> assertThat(count).as(path.toString()).isEqualTo(1));
        }
    }

    @Test
    void checkOpensEachPendingScriptOnceMore() throws Exception {
        TestProject files = files();
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.H2)) {
            DbShift shift = files.configure(db).load();
            shift.up("2");

            Map<Path, Integer> opens = new ConcurrentHashMap<>();
            CheckReport report = new Check(new Project(shift.settings(), counting(shift.settings(), opens),
                    ExecutionListener.NONE)).run(false, List.of());

            assertThat(report.ok()).isTrue();
            Path migrations = files.dir().resolve("migrations").toAbsolutePath().normalize();
            List<Path> pending = List.of(migrations.resolve("3/all.sql"), migrations.resolve("4__more.sql"),
                    migrations.resolve("R__names.sql"));
            assertThat(opens.keySet()).containsExactlyInAnyOrderElementsOf(upScripts(files));
            assertThat(opens).allSatisfy((path, count) -> assertThat(count).as(path.toString())
                    .isEqualTo(pending.contains(path) ? 2 : 1));
        }
    }

    @Test
    void noOpUpOpensEachUpScriptExactlyOnce() throws Exception {
        TestProject files = files();
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.H2)) {
            DbShift shift = files.configure(db).load();
            shift.up();

            Map<Path, Integer> opens = new ConcurrentHashMap<>();
            var report = new Migrate(new Project(shift.settings(), counting(shift.settings(), opens),
                    ExecutionListener.NONE)).up(null);

            assertThat(report.success()).isTrue();
            assertThat(report.results()).isEmpty();
            assertThat(opens.keySet()).containsExactlyInAnyOrderElementsOf(upScripts(files));
            assertThat(opens).allSatisfy((path, count) -> assertThat(count).as(path.toString()).isEqualTo(1));
        }
    }
}
