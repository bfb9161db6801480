package dev.dbshift.db.h2;

import dev.dbshift.testing.Pure;
import dev.dbshift.db.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** H2's URL facts, without a database: which URLs name a file of the project, and no URL form of other tools. */
@Pure
class H2DatabaseUrlTest {
    private final Database h2 = new H2Database();
    private final Path project = Path.of("/work/project");

    @Test
    void aDottedFileIsTheProjectsWithItsParametersKept() {
        assertThat(h2.inProject("jdbc:h2:file:./db/app;AUTO_SERVER=TRUE", project))
                .isEqualTo("jdbc:h2:file:/work/project/db/app;AUTO_SERVER=TRUE");
        assertThat(h2.inProject("jdbc:h2:../shared/app", project)).isEqualTo("jdbc:h2:/work/shared/app");
    }

    @Test
    void memoryServerAndAbsoluteUrlsStayAsTheyAre() {
        for (String url : new String[]{"jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://h:9092/./app",
                "jdbc:h2:file:/var/db/app", "jdbc:h2:file:db/app", "jdbc:h2:~/app"}) {
            assertThat(h2.inProject(url, project)).as(url).isEqualTo(url);
        }
    }

    @Test
    void everyUrlButAServersLivesInThisHeap() {
        for (String url : new String[]{"jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "jdbc:h2:file:/var/db/app", "jdbc:h2:./db/app",
                "jdbc:h2:~/app;AUTO_SERVER=TRUE", "jdbc:h2:nio:/var/db/app"}) {
            assertThat(h2.livesInHeap(url)).as(url).isTrue();
        }
        for (String url : new String[]{"jdbc:h2:tcp://h:9092/./app", "jdbc:h2:TCP://h/app", "jdbc:h2:ssl://h:9092/app"}) {
            assertThat(h2.livesInHeap(url)).as(url).isFalse();
        }
    }

    @Test
    void noUrlFormOfOtherTools() {
        assertThat(h2.urlForm()).isEmpty();
    }

    /** A scratch database in memory keeps what the live URL says of SQL, not of the file or server. */
    @Test
    void aScratchDatabaseInMemoryKeepsTheCompatibilitySettings() {
        Database.Scratch scratch = h2.scratch("jdbc:h2:file:/data/app;MODE=PostgreSQL;AUTO_SERVER=TRUE;database_to_lower=TRUE;"
                + "IFEXISTS=TRUE", "x", java.util.List.of("PUBLIC"));
        assertThat(scratch.url()).isEqualTo("jdbc:h2:mem:x;MODE=PostgreSQL;database_to_lower=TRUE");
        assertThat(scratch.heldOpen()).isTrue();
        assertThat(scratch.schemas()).containsExactly("PUBLIC");
    }

    /** A replay in memory refuses what reaches past it: a linked table, a file written. */
    @Test
    void aReplayRefusesWhatReachesPastItsDatabase() {
        Database.ReplayGuard guard = ((H2Database) h2).replayGuard(null, null).get(0);
        for (String line : java.util.List.of("CREATE LINKED TABLE l('org.h2.Driver', 'jdbc:h2:./db', 'sa', '', 'T')",
                "CALL LINK_SCHEMA('L', '', 'jdbc:h2:./db', 'sa', '', 'PUBLIC')", "SCRIPT TO '/tmp/x.sql'", "BACKUP TO '/tmp/b.zip'",
                "CALL CSVWRITE('/tmp/t.csv', 'SELECT * FROM t')")) {
            assertThat(guard.refused(line)).as(line).isPresent();
        }
        assertThat(guard.refused("CREATE TABLE script (id INT)")).isEmpty();
    }
}
