package dev.dbshift.config;

import dev.dbshift.testing.Pure;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The URL forms of other tools, taken apart here and mapped by each database's own {@link Database#urlForm()}. */
@Pure
class ConnectionUrlsTest {

    @Test
    void everySchemeOfEveryServerFormMapsToItsDatabasesJdbcUrl() {
        for (Database d : Databases.all()) {
            Database.UrlForm form = d.urlForm().filter(Database.UrlForm::server).orElse(null);
            if (form == null) {
                continue;
            }
            for (String scheme : form.schemes()) {
                ConnectionUrls.Parsed p = ConnectionUrls.parse(scheme + "://u:p%3Aw@h:7000/db?x=1", null, "url");
                assertThat(p.jdbcUrl()).as(scheme).isEqualTo(form.jdbcPrefix() + "//h:7000/db?x=1");
                assertThat(Databases.find(p.jdbcUrl()).orElseThrow().name()).isEqualTo(d.name());
                assertThat(p.user()).isEqualTo("u");
                assertThat(p.password()).isEqualTo("p:w");
            }
            int port = form.defaultPort().getAsInt();
            assertThat(ConnectionUrls.parse("u:p@h:" + port + "/db", null, "dsn").jdbcUrl())
                    .isEqualTo(form.jdbcPrefix() + "//h:" + port + "/db");
            assertThat(ConnectionUrls.parse("u:p@h:1/db", form.schemes().get(0).toUpperCase(), "dsn").jdbcUrl())
                    .isEqualTo(form.jdbcPrefix() + "//h:1/db");
        }
    }

    @Test
    void aFileFormIsItsPathUnderTheJdbcPrefix() {
        assertThat(ConnectionUrls.parse("sqlite:data/app.db", null, "url").jdbcUrl()).isEqualTo("jdbc:sqlite:data/app.db");
        assertThatThrownBy(() -> ConnectionUrls.parse("sqlite://data/app.db", null, "url"))
                .hasMessageContaining("unknown database kind 'sqlite'");
    }

    @Test
    void errorsListWhatTheDatabasesOnTheClassPathAccept() {
        assertThatThrownBy(() -> ConnectionUrls.parse("oracle://u:secret@h/db", null, "--url"))
                .hasMessage("--url: unknown database kind 'oracle' (use postgres://, postgresql://, pgsql://, mysql:// or mariadb://)");
        assertThatThrownBy(() -> ConnectionUrls.parse("u:secret@h:6000/db", null, "--dsn"))
                .hasMessage("--dsn: cannot tell the database from 'u:******@h:6000/db'; write postgres://… or mysql://…,"
                        + " or set db_type (postgresql or mariadb)");
    }
}
