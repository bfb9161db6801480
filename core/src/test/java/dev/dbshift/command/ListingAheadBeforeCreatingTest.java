package dev.dbshift.command;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.db.Databases;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code up} lists the migrations while it connects unless connecting would make the database: an embedded one whose
 * file is already there is listed ahead like a server's, one that is not is listed first, so a bad file still leaves
 * no new database behind.
 */
@Pure
class ListingAheadBeforeCreatingTest {
    private final TestProject project = TestProject.create();

    /** Which thread listed, for each URL form: the caller's, or the listing thread. */
    @Test
    void anEmbeddedDatabaseIsListedAheadOnlyWhenItsFileIsThere() throws Exception {
        Path dir = project.dir();
        String h2 = "jdbc:h2:file:" + dir.resolve("db/app");
        String sqlite = "jdbc:sqlite:" + dir.resolve("app.sqlite");
        assertThat(listedOn(h2)).as("no H2 file yet").isEqualTo(Thread.currentThread().getName());
        assertThat(listedOn(sqlite)).as("no SQLite file yet").isEqualTo(Thread.currentThread().getName());
        assertThat(dir.resolve("db")).as("deciding made nothing").doesNotExist();

        DriverManager.getConnection(h2, "sa", "").close();
        DriverManager.getConnection(sqlite).close();
        assertThat(listedOn(h2)).isEqualTo("dbshift-listing");
        assertThat(listedOn(sqlite)).isEqualTo("dbshift-listing");
        assertThat(listedOn(h2 + ";MODE=PostgreSQL")).as("parameters after the path").isEqualTo("dbshift-listing");

        // forms whose file only the driver knows how to find, or that have none: listed first, as before
        for (String url : List.of("jdbc:h2:mem:app", "jdbc:h2:tcp://localhost:1/app", "jdbc:h2:app", "jdbc:h2:zip:" + dir + "/x.zip!/app",
                "jdbc:sqlite::memory:", "jdbc:sqlite:file:" + dir.resolve("app.sqlite") + "?mode=ro")) {
            assertThat(Databases.find(url).orElseThrow().opensExisting(url)).as(url).isFalse();
        }
    }

    /** An up that stops on a bad file, listed while it opened an existing H2 database, changes nothing there. */
    @Test
    void aBadFileStopsUpOnAnExistingEmbeddedDatabaseWithNothingWritten() throws Exception {
        String url = "jdbc:h2:file:" + project.dir().resolve("db/app");
        project.file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n");
        DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).url(url).user("sa").load().up();
        long runs = count(url, "SELECT COUNT(*) FROM dbshift_runs");

        project.file("migrations/2__names.down.sql", "ALTER TABLE users DROP COLUMN name;\n");
        DbShift shift = DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).url(url).user("sa").load();
        DbShiftException e = catchThrowableOfType(shift::up, DbShiftException.class);
        assertThat(e.exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(e.getMessage()).contains("2__names.down.sql").contains("without an up script");
        assertThat(count(url, "SELECT COUNT(*) FROM dbshift_runs")).as("no run begun").isEqualTo(runs);
        assertThat(count(url, "SELECT COUNT(*) FROM dbshift_history")).isEqualTo(1);
    }

    private String listedOn(String url) {
        AtomicReference<String> thread = new AtomicReference<>();
        MigrationSource source = new MigrationSource() {
            @Override
            public List<MigrationRef> list() {
                thread.set(Thread.currentThread().getName());
                return List.of();
            }

            @Override
            public boolean listsOnAnyThread() {
                return true;
            }
        };
        ListingAhead.beforeCreating(source, url).get();
        return thread.get();
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            return Queries.count(st, sql);
        }
    }
}
