package dev.dbshift.command;

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
 * no script again: every up script is opened exactly once, down scripts not at all. Real files, a real
 * H2 database; the source counts what it opens.
 */
class StatusReadsEachScriptOnceTest {

    @Test
    void statusOpensEachUpScriptExactlyOnce() {
        TestProject files = TestProject.create()
                .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n")
                .file("migrations/1__users.down.sql", "DROP TABLE users;\n")
                .file("migrations/2__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY);\n")
                .file("migrations/3/all.sql", "CREATE TABLE items (id INT PRIMARY KEY);\n")
                .file("migrations/4__more.sql", "CREATE TABLE more_items (id INT PRIMARY KEY);\n")
                .file("migrations/R__names.sql", "CREATE OR REPLACE VIEW names AS SELECT id FROM users;\n");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.H2)) {
            DbShift shift = files.configure(db).load();
            shift.up("2");
            // versions 1 and 2 become one squashed migration: its marker is what status must still read
            shift.tools().squash("1", "2", "start", false);

            Map<Path, Integer> opens = new ConcurrentHashMap<>();
            Settings settings = shift.settings();
            MigrationSource counting = new CompositeSource(new FileMigrationSource(settings.projectDir(), settings.locations(),
                    settings.environment(), getClass().getClassLoader(), settings.encoding(), settings.declaredEnvironments())
                    .withOpener(p -> {
                        opens.merge(p.toAbsolutePath().normalize(), 1, Integer::sum);
                        return Files.newInputStream(p);
                    }), List.of());

            StatusReport status = new Status(new Project(settings, counting, ExecutionListener.NONE)).status();

            assertThat(status.current()).isEqualTo("2");
            assertThat(status.migrations()).extracting(MigrationStatus::state).containsExactly(
                    MigrationStatus.State.APPLIED, MigrationStatus.State.PENDING, MigrationStatus.State.PENDING,
                    MigrationStatus.State.PENDING);
            assertThat(status.warnings()).isEmpty();
            List<Path> upScripts;
            try (var walk = Files.walk(files.dir().resolve("migrations"))) {
                upScripts = walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".down.sql"))
                        .map(p -> p.toAbsolutePath().normalize()).toList();
            }
            assertThat(opens.keySet()).containsExactlyInAnyOrderElementsOf(upScripts);
            assertThat(opens).allSatisfy((path, count) -> assertThat(count).as(path.toString()).isEqualTo(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
