package dev.dbshift.spring.boot;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: two instances of an application starting at once on one database apply each migration once (the
 * migration lock, taken through the application's pool); then one with {@code dbshift.validate-only} starts.
 */
class ConcurrentStartTest {
    /**
     * Boot's logging system is off for this class. Two applications in one JVM share one Logback
     * {@code LoggerContext}, and each start resets it: started at the same instant, one start's reset can drop
     * the Environment the other just stored, and Boot 4.0's log encoder then fails that start ("Unable to find
     * Spring Environment in logger context"; seen once in CI). Real instances are separate JVMs; what this class
     * tests is the migration lock, not logging.
     */
    private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    @BeforeAll
    static void noSharedLoggingInitialisation() {
        System.setProperty(LOGGING_SYSTEM, "none");
    }

    @AfterAll
    static void loggingBack() {
        System.clearProperty(LOGGING_SYSTEM);
    }

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Vendor.class, names = {"POSTGRES", "MARIADB", "H2"})
    void twoInstancesApplyEachMigrationOnce(TestDatabase.Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        Map<String, Object> props = Apps.on(db);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        try {
            List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starts.add(threads.submit(() -> {
                    together.await();
                    return Apps.start(props);
                }));
            }
            for (Future<ConfigurableApplicationContext> s : starts) {
                apps.add(s.get());
            }
            // both started, and both see the one row migration 2 inserted
            for (ConfigurableApplicationContext app : apps) {
                assertThat(app.getBean(dev.dbshift.spring.boot.app.PersonRepository.class).count()).isEqualTo(1);
            }
        } finally {
            apps.forEach(ConfigurableApplicationContext::close);
            threads.shutdownNow();
        }
        assertThat(Apps.history(db)).containsExactly("1 apply true", "2 apply true");

        // a third instance that only checks: the schema is migrated, so it starts, and records nothing
        props.put("dbshift.validate-only", "true");
        try (ConfigurableApplicationContext app = Apps.start(props)) {
            assertThat(app.getBean(DbShiftInitializer.class).report()).as("checked, not migrated").isNull();
        }
        assertThat(Apps.history(db)).containsExactly("1 apply true", "2 apply true");
    }
}
