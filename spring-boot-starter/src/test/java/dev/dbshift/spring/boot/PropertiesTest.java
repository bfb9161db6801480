package dev.dbshift.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.DbShift;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11: the dbshift.* properties, the customizer hook and the configuration metadata IDEs read. */
class PropertiesTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void disabledMigratesNothing() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.H2);
        Map<String, Object> props = Apps.on(db);
        props.put("dbshift.enabled", "false");
        props.put("spring.jpa.hibernate.ddl-auto", "none");
        props.put("test.greeter", "off");
        try (ConfigurableApplicationContext app = Apps.start(props)) {
            assertThat(app.getBeansOfType(DbShift.class)).isEmpty();
        }
        assertThat(Apps.tableExists(db, "dbshift_history")).isFalse();
    }

    /**
     * dbshift.url migrates another database than the application's; the target, the environment and a
     * customizer (which names the history table) all reach dbshift.
     */
    @Test
    void ownUrlTargetAndCustomizer() throws Exception {
        TestDatabase appDb = databases.start(TestDatabase.Vendor.H2);
        TestDatabase other = databases.start(TestDatabase.Vendor.POSTGRES);
        Map<String, Object> props = Apps.on(appDb);
        props.put("spring.jpa.hibernate.ddl-auto", "none");
        props.put("test.greeter", "off");
        props.put("dbshift.url", other.url());
        props.put("dbshift.user", other.user());
        props.put("dbshift.password", other.password());
        props.put("dbshift.target", "1");
        props.put("dbshift.environment", "staging");
        props.put("dbshift.lock-timeout", "20s");
        props.put("dbshift.on-failure", "rollback-run");
        try (ConfigurableApplicationContext app = new org.springframework.boot.builder.SpringApplicationBuilder(
                dev.dbshift.spring.boot.app.TestApp.class, HistoryTableCustomizer.class)
                .web(org.springframework.boot.WebApplicationType.NONE).properties(props).run()) {
            DbShift shift = app.getBean(DbShift.class);
            assertThat(shift.settings().environment()).isEqualTo("staging");
            assertThat(shift.settings().lockTimeout()).hasSeconds(20);
            assertThat(shift.settings().onFailure()).isEqualTo(dev.dbshift.config.OnFailure.ROLLBACK_RUN);
        }
        assertThat(Apps.history(other, "app_history")).containsExactly("1 apply true");
        assertThat(Apps.tableExists(other, "dbshift_history")).isFalse();
        assertThat(Apps.tableExists(appDb, "app_history")).isFalse();
    }

    static class HistoryTableCustomizer {
        @org.springframework.context.annotation.Bean
        DbShiftCustomizer historyTable() {
            return builder -> builder.set("history_table", "app_history");
        }
    }

    @Test
    void theMetadataListsEveryProperty() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's output in the starter jar").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode p : metadata.get("properties")) {
            names.add(p.get("name").asText());
            if (p.get("name").asText().equals("dbshift.validate-only")) {
                assertThat(p.get("description").asText()).contains("Check instead of migrating");
            }
        }
        assertThat(names).contains("dbshift.enabled", "dbshift.locations", "dbshift.url", "dbshift.user", "dbshift.password",
                "dbshift.schemas", "dbshift.environment", "dbshift.placeholders", "dbshift.on-failure", "dbshift.lock-timeout",
                "dbshift.validate-only", "dbshift.target");
    }
}
