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
}
