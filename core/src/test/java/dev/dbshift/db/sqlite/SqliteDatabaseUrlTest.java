package dev.dbshift.db.sqlite;

import dev.dbshift.testing.Pure;
import dev.dbshift.db.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** SQLite's URL facts, without a database: any path that is not absolute is the project's; {@code sqlite:path}. */
@Pure
class SqliteDatabaseUrlTest {
    private final Database sqlite = new SqliteDatabase();
    private final Path project = Path.of("/work/project");

    @Test
    void aRelativeFileIsTheProjectsWithItsParametersKept() {
        assertThat(sqlite.inProject("jdbc:sqlite:app.db", project)).isEqualTo("jdbc:sqlite:/work/project/app.db");
        assertThat(sqlite.inProject("jdbc:sqlite:./data/app.db?journal_mode=WAL", project))
                .isEqualTo("jdbc:sqlite:/work/project/data/app.db?journal_mode=WAL");
        assertThat(sqlite.inProject("jdbc:sqlite:../app.db", project)).isEqualTo("jdbc:sqlite:/work/app.db");
    }

    @Test
    void memoryAndAbsoluteUrlsStayAsTheyAre() {
        for (String url : new String[]{"jdbc:sqlite:", "jdbc:sqlite::memory:", "jdbc:sqlite:/var/db/app.db"}) {
            assertThat(sqlite.inProject(url, project)).as(url).isEqualTo(url);
        }
    }

    @Test
    void theShortFormIsAFileForm() {
        Database.UrlForm form = sqlite.urlForm().orElseThrow();
        assertThat(form.server()).isFalse();
        assertThat(form.schemes()).containsExactly("sqlite");
        assertThat(form.jdbcPrefix()).isEqualTo("jdbc:sqlite:");
        assertThat(new SqliteDatabase.Provider().accepts(form.jdbcPrefix() + "app.db")).isTrue();
    }

    /** A replay in a scratch file refuses ATTACH: the file attached may be the live one. */
    @Test
    void aReplayRefusesAttach() {
        Database.ReplayGuard guard = new SqliteDatabase().replayGuard(null, null).get(0);
        assertThat(guard.refused("ATTACH DATABASE '/data/app.db' AS live;")).hasValue("ATTACH");
        assertThat(guard.refused("SELECT 1; attach 'x.db' AS y")).hasValue("; attach");
        assertThat(guard.refused("INSERT INTO main.t VALUES ('attach')")).isEmpty();
    }
}
