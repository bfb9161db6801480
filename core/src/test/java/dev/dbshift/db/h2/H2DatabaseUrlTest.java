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
}
