package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A PostgreSQL CREATE INDEX CONCURRENTLY that fails leaves its index behind, invalid: not used by queries, yet kept up
 * to date by every write, and in the way of the statement run again ("relation ... already exists"), so the migration
 * could not be run again once its cause was mended, and the history did not say what it had left. Now the index it left
 * is dropped and the failure says so; one an earlier run left is named with the statement that drops it, and {@code
 * check} names every such index ({@code invalid_index}).
 */
class FailedConcurrentIndexTest {
    private final TestDatabase db = TestDatabase.create(Vendor.POSTGRES);
    private final TestProject project = TestProject.create();

    @AfterEach
    void drop() {
        db.close();
    }

    private DbShift dbshift() {
        return project.configure(db).load();
    }

    /** The indexes of table {@code u}, each with whether it is valid. */
    private List<String> indexes() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE i.indrelid = 'u'::regclass ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void theInvalidIndexAFailedBuildLeftIsDroppedAndTheMigrationRunsAgainOnceMended() throws Exception {
        project.file("migrations/1__u.sql", "CREATE TABLE u (id INT PRIMARY KEY, email TEXT);\n"
                        + "INSERT INTO u VALUES (1, 'a'), (2, 'a');\n")
                .file("migrations/2__ux.sql", "-- dbshift:no-transaction\nCREATE TABLE other (id INT);\n"
                        + "CREATE UNIQUE INDEX CONCURRENTLY ux ON u (email);\n"
                        + "CREATE INDEX CONCURRENTLY \"Mixed Ix\" ON u (id, email);\n");
        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, () -> dbshift().up());
        assertThat(failed).isNotNull();
        assertThat(failed.getMessage()).contains("migrations/2__ux.sql:3", "is duplicated",
                "left its index ux invalid, which dbshift dropped");
        assertThat(indexes()).containsExactly("u_pkey true");

        db.exec("UPDATE u SET email = 'b' WHERE id = 2");
        dbshift().up();
        assertThat(indexes()).containsExactly("Mixed Ix true", "u_pkey true", "ux true");
        assertThat(dbshift().current()).contains("2");
    }

    @Test
    void aQuotedNameInAnotherSchemaIsDroppedToo() throws Exception {
        db.exec("CREATE SCHEMA IF NOT EXISTS side");
        try {
            project.file("migrations/1__u.sql", "CREATE TABLE u (id INT PRIMARY KEY, email TEXT);\n"
                            + "CREATE TABLE side.w (email TEXT);\nINSERT INTO side.w VALUES ('a'), ('a');\n")
                    .file("migrations/2__ux.sql", "CREATE UNIQUE INDEX CONCURRENTLY \"Side Ux\" ON side.w (email);\n");
            MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, () -> dbshift().up());
            assertThat(failed.getMessage()).contains("left its index side.\"Side Ux\" invalid, which dbshift dropped");
            assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname = 'Side Ux'")).isZero();
        } finally {
            db.exec("DROP SCHEMA side CASCADE");
        }
    }

    @Test
    void anInvalidIndexAnEarlierRunLeftIsNamedWithTheStatementThatDropsIt() throws Exception {
        db.exec("CREATE TABLE u (id INT PRIMARY KEY, email TEXT)");
        db.exec("INSERT INTO u VALUES (1, 'a'), (2, 'a')");
        try {
            db.exec("CREATE UNIQUE INDEX CONCURRENTLY ux ON u (email)");
        } catch (SQLException expected) {
            // the build failed outside dbshift and left ux invalid
        }
        db.exec("UPDATE u SET email = 'b' WHERE id = 2");
        // the server refuses a misspelt column before it makes the index: the invalid one is not this statement's either
        project.file("migrations/1__ux.sql", "CREATE UNIQUE INDEX CONCURRENTLY ux ON u (emial);\n");
        MigrationFailedException misspelt = catchThrowableOfType(MigrationFailedException.class, () -> dbshift().up());
        assertThat(misspelt.getMessage()).contains("\"emial\" does not exist", "ux is an invalid index an earlier CREATE INDEX"
                + " CONCURRENTLY left");
        project.file("migrations/1__ux.sql", "CREATE UNIQUE INDEX CONCURRENTLY ux ON u (email);\n");
        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, () -> dbshift().up());
        assertThat(failed.getMessage()).contains("already exists", "ux is an invalid index an earlier CREATE INDEX"
                + " CONCURRENTLY left", "'DROP INDEX CONCURRENTLY IF EXISTS ux'");
        assertThat(indexes()).as("not this statement's: left as it is").containsExactly("u_pkey true", "ux false");
        assertThat(dbshift().check(false).problems()).filteredOn(p -> p.code().equals("invalid_index")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("index ux on u is invalid", "'DROP INDEX CONCURRENTLY ux'"));
        db.exec("DROP INDEX CONCURRENTLY IF EXISTS ux");
        dbshift().up();
        assertThat(indexes()).containsExactly("u_pkey true", "ux true");
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("invalid_index"));
    }

    /** A partitioned table's own index is invalid until each partition has one attached: how it is built without a long lock. */
    @Test
    void aPartitionedTablesIndexWaitingForItsPartitionsIsNoProblem() throws Exception {
        project.file("migrations/1__p.sql", "CREATE TABLE p (id INT, at DATE) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE p_2026 PARTITION OF p FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
                + "CREATE INDEX p_at ON ONLY p (at);\n");
        dbshift().up();
        assertThat(db.count("SELECT count(*) FROM pg_index WHERE NOT indisvalid AND indexrelid::regclass::text = 'p_at'")).isOne();
        assertThat(dbshift().check(false).problems()).noneMatch(p -> p.code().equals("invalid_index"));
    }
}
