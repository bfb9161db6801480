package dev.dbshift.test;

import dev.dbshift.DbShift;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The round trip on the repository's example project (examples/quickstart: H2 and PostgreSQL, the databases it is
 * written for; its down scripts use {@code DROP INDEX name}, which MariaDB does not take) and on a small portable
 * project on H2, PostgreSQL and MariaDB, each also with a down script broken on purpose.
 */
class MigrationRoundTripTest {
    static final Path QUICKSTART = Path.of("../examples/quickstart");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2", "POSTGRES"})
    void everyDownScriptOfTheQuickstartRestoresItsSchema(Vendor vendor) {
        DbShift dbshift = dbshift(QUICKSTART, databases.start(vendor));

        RoundTripReport report = MigrationRoundTrip.of(dbshift).assertReversible();

        assertThat(report.checked()).containsExactly("1.0 (create customers)", "1.1 (index customer email)", "1.2 (settings)",
                "1.3 (seed statuses)");
        assertThat(report.withoutDown()).isEmpty();
        assertThat(dbshift.current()).contains("1.3");
    }

    @Test
    void aQuickstartDownScriptThatDropsTooLittleIsNamedWithTheDiff() throws IOException {
        Path project = copy(QUICKSTART);
        Files.writeString(project.resolve("migrations/1.1__index_customer_email.down.sql"), "DROP INDEX ux_customer_email;\n");

        RoundTripReport report = MigrationRoundTrip.of(dbshift(project, databases.start(Vendor.H2))).run();

        assertThat(report.checked()).containsExactly("1.0 (create customers)");
        RoundTripReport.Failure failure = report.failure().orElseThrow();
        assertThat(failure.migration()).isEqualTo("1.1 (index customer email)");
        assertThat(failure.problem()).contains("does not restore the schema");
        assertThat(failure.diff()).containsIgnoringCase("ix_orders_status").doesNotContainIgnoringCase("ux_customer_email");
        assertThatThrownBy(() -> MigrationRoundTrip.of(dbshift(project, databases.start(Vendor.H2))).assertReversible())
                .isInstanceOf(AssertionError.class).hasMessageContaining("1.1 (index customer email)")
                .hasMessageContainingAll("does not restore", "drop index IX_ORDERS_STATUS");
    }

    @Test
    void atHeadWhereRepeatablesRanUpDownUpCatchesADownThatDropsTooLittleOrTooMuch() throws IOException {
        Path tooLittle = copy(QUICKSTART);
        Files.writeString(tooLittle.resolve("migrations/1.3__seed_statuses.down.sql"), "DELETE FROM order_status;\n");
        RoundTripReport left = MigrationRoundTrip.of(dbshift(tooLittle, databases.start(Vendor.H2))).run();
        assertThat(left.failure().orElseThrow().migration()).isEqualTo("1.3 (seed statuses)");
        assertThat(left.failure().orElseThrow().problem()).contains("failed when run again after its down script")
                .containsIgnoringCase("order_status");

        // the down also drops the repeatable migration's view, which the second up does not bring back
        Path tooMuch = copy(QUICKSTART);
        Files.writeString(tooMuch.resolve("migrations/1.3__seed_statuses.down.sql"), "DROP VIEW customer_revenue;\nDROP TABLE order_status;\n");
        RoundTripReport dropped = MigrationRoundTrip.of(dbshift(tooMuch, databases.start(Vendor.H2))).run();
        assertThat(dropped.failure().orElseThrow().migration()).isEqualTo("1.3 (seed statuses)");
        assertThat(dropped.failure().orElseThrow().problem()).contains("up, down, up ends in another schema");
        assertThat(dropped.failure().orElseThrow().diff()).containsIgnoringCase("customer_revenue");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2", "POSTGRES", "MARIADB"})
    void aPortableProjectPassesAndADownThatLeavesATableFailsOnEveryServer(Vendor vendor) throws IOException {
        Path good = portable("DROP TABLE audit_detail;\nDROP TABLE audit;\n");
        RoundTripReport passed = MigrationRoundTrip.of(dbshift(good, databases.start(vendor))).assertReversible();
        assertThat(passed.checked()).containsExactly("1 (create account)", "2 (create audit)", "3 (add name)");

        // the up tolerates the leftover (IF NOT EXISTS), so up, down, up alone would not see it: the down check must
        Path broken = portable("DROP TABLE audit;\n");
        RoundTripReport failed = MigrationRoundTrip.of(dbshift(broken, databases.start(vendor))).run();
        assertThat(failed.checked()).containsExactly("1 (create account)");
        assertThat(failed.failure().orElseThrow().migration()).isEqualTo("2 (create audit)");
        assertThat(failed.failure().orElseThrow().diff()).containsIgnoringCase("audit_detail");
    }

    @Test
    void aMigrationWithoutADownScriptFailsUnlessSkippedOrDeclaredIrreversible() throws IOException {
        Path project = copy(QUICKSTART);
        Files.delete(project.resolve("migrations/1.1__index_customer_email.down.sql"));

        RoundTripReport failed = MigrationRoundTrip.of(dbshift(project, databases.start(Vendor.H2))).run();
        assertThat(failed.failure().orElseThrow().migration()).isEqualTo("1.1 (index customer email)");
        assertThat(failed.failure().orElseThrow().problem()).contains("no down script");

        RoundTripReport skipped = MigrationRoundTrip.of(dbshift(project, databases.start(Vendor.H2)))
                .withoutDown(MigrationRoundTrip.WithoutDown.SKIP).assertReversible();
        assertThat(skipped.withoutDown()).containsExactly("1.1 (index customer email)");
        assertThat(skipped.checked()).containsExactly("1.0 (create customers)", "1.2 (settings)", "1.3 (seed statuses)");
        assertThat(skipped.describe()).contains("without a down script (not checked): 1.1 (index customer email)");

        RoundTripReport declared = MigrationRoundTrip.of(dbshift(project, databases.start(Vendor.H2))).irreversible("1.1")
                .assertReversible();
        assertThat(declared.withoutDown()).containsExactly("1.1 (index customer email)");

        assertThatThrownBy(() -> MigrationRoundTrip.of(dbshift(project, databases.start(Vendor.H2))).irreversible("9.9").run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9.9");
    }

    @Test
    void theClasspathExampleOfCoresTestResourcesHasNoDownScriptAndSaysSo() {
        TestDatabase db = databases.start(Vendor.H2);
        DbShift dbshift = DbShift.configure().projectDir(tmp).locations("classpath:dbshift-test-migrations").url(db.url())
                .user(db.user()).environmentVariables(Map.of()).load();

        assertThatThrownBy(() -> MigrationRoundTrip.of(dbshift).assertReversible()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("migration 1 (from classpath): it has no down script");
        RoundTripReport skipped = MigrationRoundTrip.of(DbShift.configure().projectDir(tmp).locations("classpath:dbshift-test-migrations")
                .url(databases.start(Vendor.H2).url()).environmentVariables(Map.of()).load()).withoutDown(MigrationRoundTrip.WithoutDown.SKIP).run();
        assertThat(skipped.passed()).isTrue();
        assertThat(skipped.withoutDown()).containsExactly("1 (from classpath)");
    }

    @Test
    void aDatabaseThatIsNotEmptyIsRefused() {
        DbShift dbshift = dbshift(QUICKSTART, databases.start(Vendor.H2));
        dbshift.up("1.0");

        assertThatThrownBy(() -> MigrationRoundTrip.of(dbshift).run()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at version 1.0");
    }

    static DbShift dbshift(Path project, TestDatabase db) {
        return DbShift.configure().projectDir(project).url(db.url()).user(db.user()).environmentVariables(Map.of()).load();
    }

    /** Three migrations any of the four databases runs; {@code auditDown} is the down script of the second. */
    private Path portable(String auditDown) throws IOException {
        Path dir = Files.createDirectories(Files.createTempDirectory(tmp, "portable").resolve("migrations"));
        Files.writeString(dir.resolve("1__create_account.sql"), "CREATE TABLE account (id INT NOT NULL PRIMARY KEY, email VARCHAR(200) NOT NULL);\n");
        Files.writeString(dir.resolve("1__create_account.down.sql"), "DROP TABLE account;\n");
        Files.writeString(dir.resolve("2__create_audit.sql"), "CREATE TABLE IF NOT EXISTS audit (id INT NOT NULL PRIMARY KEY);\n"
                + "CREATE TABLE IF NOT EXISTS audit_detail (id INT NOT NULL PRIMARY KEY, note VARCHAR(100));\n");
        Files.writeString(dir.resolve("2__create_audit.down.sql"), auditDown);
        Files.writeString(dir.resolve("3__add_name.sql"), "ALTER TABLE account ADD COLUMN name VARCHAR(100);\n");
        Files.writeString(dir.resolve("3__add_name.down.sql"), "ALTER TABLE account DROP COLUMN name;\n");
        return dir.getParent();
    }

    /** The project's dbshift.toml and migrations, without its databases. */
    private Path copy(Path project) throws IOException {
        Path target = Files.createTempDirectory(tmp, project.getFileName().toString());
        try (Stream<Path> files = Files.walk(project)) {
            files.filter(f -> !project.relativize(f).startsWith("db")).forEach(f -> {
                try {
                    Path to = target.resolve(project.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
