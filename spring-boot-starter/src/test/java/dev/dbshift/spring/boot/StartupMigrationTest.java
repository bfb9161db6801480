package dev.dbshift.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.spring.boot.app.Greeter;
import dev.dbshift.spring.boot.app.Person;
import dev.dbshift.spring.boot.app.PersonRepository;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: a Boot application starts on a database the starter migrated first: Hibernate validates its entity
 * against the migrated table, a component reads the table through JdbcTemplate in its constructor, and the
 * repository reads and writes it.
 */
class StartupMigrationTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Vendor.class, names = {"POSTGRES", "MARIADB"})
    void migratesBeforeJpaAndJdbcTemplate(TestDatabase.Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        try (ConfigurableApplicationContext app = Apps.start(Apps.on(db))) {
            usesTheMigratedTable(app);
        }
        assertThat(Apps.history(db)).containsExactly("1 apply true", "2 apply true");
    }

    /** H2, with Actuator on a real web server: {@code GET /actuator/dbshift} is the status as JSON. */
    @Test
    void h2WithTheActuatorEndpoint() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.H2);
        Map<String, Object> props = Apps.on(db);
        props.put("server.port", "0");
        props.put("management.endpoints.web.exposure.include", "dbshift");
        try (ConfigurableApplicationContext app = Apps.start(WebApplicationType.SERVLET, props)) {
            usesTheMigratedTable(app);

            String port = app.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/dbshift")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
            JsonNode status = new ObjectMapper().readTree(response.body());
            assertThat(status.get("database").asText()).isEqualTo("h2");
            assertThat(status.get("current").asText()).isEqualTo("2");
            assertThat(status.get("pending").asInt()).isZero();
            assertThat(status.get("migrations")).hasSize(2);
            assertThat(status.get("migrations").get(0).get("version").asText()).isEqualTo("1");
            assertThat(status.get("migrations").get(0).get("state").asText()).isEqualTo("applied");
            assertThat(status.get("migrations").get(1).get("description").asText()).isEqualTo("ada");
        }
        assertThat(Apps.history(db)).containsExactly("1 apply true", "2 apply true");
    }

    private static void usesTheMigratedTable(ConfigurableApplicationContext app) {
        // the component read the table before anything else could have created it
        assertThat(app.getBean(Greeter.class).peopleAtStart()).isEqualTo(1);
        assertThat(app.getBeanFactory().getBeanDefinition("entityManagerFactory").getDependsOn())
                .contains(DbShiftAutoConfiguration.INITIALIZER);
        assertThat(app.getBean(EntityManagerFactory.class)).isNotNull();
        PersonRepository people = app.getBean(PersonRepository.class);
        people.save(new Person("Grace"));
        assertThat(people.findAll()).extracting(Person::getName).containsExactlyInAnyOrder("Ada", "Grace");
    }
}
