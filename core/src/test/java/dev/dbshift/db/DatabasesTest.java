package dev.dbshift.db;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding a database by JDBC URL, by a URL form's scheme and by a DSN's port, among the service-loaded ones. */
@Pure
class DatabasesTest {

    @Test
    void byScheme() {
        assertThat(Databases.forScheme("POSTGRES").orElseThrow().jdbcPrefix()).isEqualTo("jdbc:postgresql:");
        assertThat(Databases.forScheme("mysql").orElseThrow().jdbcPrefix()).isEqualTo("jdbc:mariadb:");
        assertThat(Databases.forScheme("sqlite").orElseThrow().server()).isFalse();
        assertThat(Databases.forScheme("oracle")).isEmpty();
    }

    @Test
    void byDefaultPort() {
        assertThat(Databases.forDefaultPort(5432).orElseThrow().schemes()).contains("postgresql");
        assertThat(Databases.forDefaultPort(3306).orElseThrow().schemes()).contains("mariadb");
        assertThat(Databases.forDefaultPort(6000)).isEmpty();
    }

    @Test
    void byUrl() {
        assertThat(Databases.find("jdbc:h2:mem:x").orElseThrow().name()).isEqualTo("h2");
        assertThat(Databases.find("jdbc:oracle:thin:@h:1521:x")).isEmpty();
        assertThat(Databases.all()).extracting(Database::name).contains("h2", "postgresql", "mariadb", "sqlite");
    }
}
