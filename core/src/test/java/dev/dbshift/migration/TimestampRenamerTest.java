package dev.dbshift.migration;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code touch} renames a migration's files all or none: it renamed them one by one, so a rename that failed after the
 * first left the up script under the new version and the down under the old (a down of its own to the listing), and
 * a name taken since the listing was written over or failed half way. The files change between the listing and the
 * renames here as another process (a checkout, an editor) would change them.
 */
class TimestampRenamerTest {
    private static final Clock DEC_6 = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    private final TestProject project = TestProject.create()
            .file("migrations/20240105__late.sql", "CREATE TABLE late (id INT);\n")
            .file("migrations/20240105__late.down.sql", "DROP TABLE late;\n")
            .file("migrations/20230101__first.sql", "CREATE TABLE first (id INT);\n");

    private final FileMigrationSource files = new FileMigrationSource(project.dir(), List.of("migrations"), null,
            getClass().getClassLoader());

    /** A file change another process makes between the listing and the renames. */
    @FunctionalInterface
    private interface Change {
        void make() throws IOException;
    }

    /** The project's migrations, listed, and then {@code change} made. */
    private MigrationSource listingThen(Change change) {
        return () -> {
            List<MigrationRef> listed = files.list();
            try {
                change.make();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return listed;
        };
    }

    private List<String> names() throws IOException {
        try (Stream<Path> all = Files.list(project.dir().resolve("migrations"))) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void bothFilesMoveToTheNewVersion() throws IOException {
        TimestampRenamer.Result r = new TimestampRenamer(files, DEC_6).touch(Version.parse("20240105"), false);
        assertThat(r.to()).hasToString("20261206");
        assertThat(names()).containsExactly("20230101__first.sql", "20261206__late.down.sql", "20261206__late.sql");
    }

    @Test
    void aRenameThatFailsAfterTheFirstMovesTheFirstBack() throws IOException {
        Path down = project.dir().resolve("migrations/20240105__late.down.sql");
        // the down script goes between the listing and the renames: the up script's rename works, the down's fails
        MigrationSource source = listingThen(() -> Files.delete(down));
        assertThatThrownBy(() -> new TimestampRenamer(source, DEC_6).touch(Version.parse("20240105"), false))
                .isInstanceOf(DbShiftException.class)
                .hasMessageContaining("cannot rename " + down)
                .hasMessageContaining("nothing was renamed")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.FAILED);
        assertThat(names()).containsExactly("20230101__first.sql", "20240105__late.sql");
    }

    @Test
    void aNameTakenSinceTheListingIsRefusedBeforeAnythingMoves() throws IOException {
        Path taken = project.dir().resolve("migrations/20261206__late.down.sql");
        MigrationSource source = listingThen(() -> Files.writeString(taken, "-- someone else's\n"));
        assertThatThrownBy(() -> new TimestampRenamer(source, DEC_6).touch(Version.parse("20240105"), false))
                .isInstanceOf(DbShiftException.class)
                .hasMessageContaining(taken + " is there already; nothing was renamed")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(names()).containsExactly("20230101__first.sql", "20240105__late.down.sql", "20240105__late.sql",
                "20261206__late.down.sql");
        assertThat(Files.readString(taken)).isEqualTo("-- someone else's\n");
    }
}
