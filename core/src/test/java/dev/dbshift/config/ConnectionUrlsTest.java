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
    /**
     * What {@code java.net.URI} read as "no host": a host name with {@code _} (Docker Compose names its services so) and
     * a password with {@code @} in it; the user-info ends at the authority's last {@code @}, as in Python's urllib.
     */
    @Test
    void aHostWithAnUnderscoreAndAPasswordWithAnAtAreTakenAsWritten() {
        ConnectionUrls.Parsed p = ConnectionUrls.parse("postgres://app:s3cr@t:x@my_db/app?sslmode=disable", null, "url");
        assertThat(p.jdbcUrl()).isEqualTo("jdbc:postgresql://my_db/app?sslmode=disable");
        assertThat(p.user()).isEqualTo("app");
        assertThat(p.password()).isEqualTo("s3cr@t:x");
        ConnectionUrls.Parsed dsn = ConnectionUrls.parse("root:p@ss@db_1.compose_default:3306/test", null, "--dsn");
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:mariadb://db_1.compose_default:3306/test");
        assertThat(dsn.password()).isEqualTo("p@ss");
        assertThat(ConnectionUrls.parse("mysql://[::1]:3307/test", null, "url").jdbcUrl()).isEqualTo("jdbc:mariadb://[::1]:3307/test");
        assertThat(ConnectionUrls.parse("postgres://u@h:/db", null, "url").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(ConnectionUrls.parse("postgres://h", null, "url").jdbcUrl()).isEqualTo("jdbc:postgresql://h");
        // a % that starts no escape is the password's own (URLDecoder refused it, echoing what followed it)
        assertThat(ConnectionUrls.parse("u:pa%zz+w%40rd100%@h:5432/db", null, "--dsn").password()).isEqualTo("pa%zz+w@rd100%");
        assertThat(ConnectionUrls.parse("jdbc:postgresql://u:%C3%A9t%E9@h/db", null, "url").password()).isEqualTo("\u00e9t\ufffd");
    }

    /** A form that cannot be read says which part is wrong, and never echoes the password. */
    @Test
    void aFormThatCannotBeReadSaysWhyWithoutItsPassword() {
        assertThatThrownBy(() -> ConnectionUrls.parse("u:secret/x@h:5432/db", null, "--dsn"))
                .hasMessageContaining("%2F").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ConnectionUrls.parse("postgres://u:secret@h:99999/db", null, "--url"))
                .hasMessage("--url: the port after h is not a number from 1 to 65535");
        assertThatThrownBy(() -> ConnectionUrls.parse("postgres://u:secret@h:54x/db", null, "--url"))
                .hasMessage("--url: the port after h is not a number from 1 to 65535");
        assertThatThrownBy(() -> ConnectionUrls.parse("postgres:///db", null, "--url")).hasMessageEndingWith("(no host)");
        assertThatThrownBy(() -> ConnectionUrls.parse("postgres://u:top secret@h/db", null, "--url"))
                .hasMessageContaining("%20").hasMessageNotContaining("secret@");
        assertThatThrownBy(() -> ConnectionUrls.parse("postgres://u:secret@h%2Fx/db", null, "--url"))
                .hasMessage("--url: 'h%2Fx' is not a host name");
        assertThat(Secret.maskUrl("from 'postgres://u:se@cret@h/db'")).isEqualTo("from 'postgres://u:******@h/db'");
        assertThat(Secret.maskUrl("from 'u:se@cret@h:5432/db'")).isEqualTo("from 'u:******@h:5432/db'");
    }
}
