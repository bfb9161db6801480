package dev.dbshift.spring.boot;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Issue 11: the application does not start on a database the starter could not migrate, or (validate-only) that is not migrated. */
class FailedStartTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void aFailedMigrationStopsTheStartWithItsFileAndLine() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.H2);
        Map<String, Object> props = Apps.on(db);
        props.put("dbshift.locations", "classpath:db/failing");

        Throwable failure = catchThrowable(() -> Apps.start(props).close());

        assertThat(failure).as("the context must not start").isNotNull();
        assertThat(failure.getMessage()).contains("2__broken.sql:2");
        assertThat(Apps.history(db)).containsExactly("1 apply true", "2 apply false");
    }

    /** validate-only on a database nothing migrated: the start fails and nothing is applied (ConcurrentStartTest: the passing case). */
    @Test
    void validateOnlyFailsOnPendingMigrationsAndAppliesNothing() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.POSTGRES);
        Map<String, Object> props = Apps.on(db);
        props.put("dbshift.validate-only", "true");

        Throwable failure = catchThrowable(() -> Apps.start(props).close());
        assertThat(failure).as("the context must not start").isNotNull();
        assertThat(Apps.messages(failure)).contains("dbshift.validate-only: check found");
        assertThat(Apps.tableExists(db, "person")).isFalse();
        assertThat(Apps.tableExists(db, "dbshift_history")).isFalse();
    }
}
