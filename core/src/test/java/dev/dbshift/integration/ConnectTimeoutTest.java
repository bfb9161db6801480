package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.session.ConnectionAhead;
import dev.dbshift.testing.SilentServer;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code connect_timeout} against a server that takes the connection and never answers (a stopped server behind a
 * proxy, a black-holed port): the command stops with exit 5 and names the setting, for the drivers of both servers;
 * the driver URL's own parameter wins; {@code 0} waits until the server goes away. Each case runs under a preemptive
 * limit, so a connect that waits for ever fails the test instead of holding the build.
 */
class ConnectTimeoutTest {
    private final TestProject project = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n");

    @AfterEach
    void discard() {
        ConnectionAhead.discard();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Vendor.class, names = {"POSTGRES", "MARIADB"})
    void aServerThatNeverAnswersStopsTheCommandAfterTheTimeout(TestDatabase.Vendor vendor) throws Exception {
        try (SilentServer server = new SilentServer()) {
            DbShift shift = shift(url(vendor, server, ""), Duration.ofSeconds(1));
            DbShiftException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> catchThrowableOfType(shift::status, DbShiftException.class));
            assertThat(e).as("a connect that timed out").isNotNull();
            assertThat(e.exitCode()).isEqualTo(DbShiftException.UNREACHABLE);
            assertThat(e.getMessage()).contains("cannot connect to", "did not answer within 1s", "connect_timeout",
                    "--connect-timeout");
            assertThat(server.accepted()).as("the driver reached the silent server").isPositive();
        }
    }

    @Test
    void theUrlsOwnLimitWinsOverTheSetting() throws Exception {
        try (SilentServer server = new SilentServer()) {
            // connect_timeout 0 would wait for ever, and 30 s would not fire in this test's minute; the URL's
            // loginTimeout=1 is what the driver is given
            for (Duration setting : List.of(Duration.ZERO, Duration.ofSeconds(90))) {
                DbShift shift = shift(url(TestDatabase.Vendor.POSTGRES, server, "loginTimeout=1"), setting);
                DbShiftException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> catchThrowableOfType(shift::status, DbShiftException.class));
                assertThat(e.exitCode()).isEqualTo(DbShiftException.UNREACHABLE);
                assertThat(e.getMessage()).contains("did not answer within the limit the URL sets");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Vendor.class, names = {"POSTGRES", "MARIADB"})
    void zeroWaitsUntilTheServerGoesAway(TestDatabase.Vendor vendor) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<DbShiftException> status;
            try (SilentServer server = new SilentServer()) {
                DbShift shift = shift(url(vendor, server, ""), Duration.ZERO);
                status = pool.submit(() -> catchThrowableOfType(shift::status, DbShiftException.class));
                // 0 is given to the driver as "no limit" (driverPropertiesAreTheVendorsOwn), not left to its default
                assertThatThrownBy(() -> status.get(5, TimeUnit.SECONDS)).as("still connecting after 5 s")
                        .isInstanceOf(TimeoutException.class);
            }
            DbShiftException e = status.get(60, TimeUnit.SECONDS);
            assertThat(e.exitCode()).as("the server went away: the connect fails at once").isEqualTo(DbShiftException.UNREACHABLE);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void driverPropertiesAreTheVendorsOwn() {
        var pg = new dev.dbshift.db.postgres.PostgresDatabase();
        assertThat(given(pg, "jdbc:postgresql://h/db", Duration.ofMillis(1500))).containsEntry("loginTimeout", "2");
        assertThat(given(pg, "jdbc:postgresql://h/db", Duration.ZERO)).containsEntry("loginTimeout", "0");
        assertThat(given(pg, "jdbc:postgresql://h/db?ssl=false&LOGINTIMEOUT=9", Duration.ofSeconds(30))).as("the URL sets it")
                .isEmpty();
        assertThat(given(pg, "jdbc:postgresql://h/db?password=50%off;loginTimeout=3", Duration.ofSeconds(30)))
                .as("a bare % in another parameter, ; between them").isEmpty();
        var maria = new dev.dbshift.db.mysql.MySqlDatabase();
        assertThat(given(maria, "jdbc:mariadb://h/db", Duration.ofSeconds(30))).containsEntry("connectTimeout", "30000");
        assertThat(given(maria, "jdbc:mariadb://h/db", Duration.ZERO)).containsEntry("connectTimeout", "0");
        assertThat(given(maria, "jdbc:mariadb://h/db?connectTimeout=100", Duration.ZERO)).isEmpty();
    }

    private static java.util.Properties given(dev.dbshift.db.Database database, String url, Duration timeout) {
        java.util.Properties p = new java.util.Properties();
        database.connectTimeout(p, url, timeout);
        return p;
    }

    private DbShift shift(String url, Duration timeout) {
        return DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).url(url)
                .user(url.startsWith("jdbc:mariadb:") ? TestDatabase.MARIADB_USER : TestDatabase.PG_USER)
                .connectTimeout(timeout).load();
    }

    private static String url(TestDatabase.Vendor vendor, SilentServer server, String params) {
        String base = (vendor == TestDatabase.Vendor.POSTGRES ? "jdbc:postgresql" : "jdbc:mariadb") + "://127.0.0.1:"
                + server.port() + "/silent";
        return params.isEmpty() ? base : base + "?" + params;
    }
}
