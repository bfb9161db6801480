package dev.dbshift.history;

import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.db.LockLost;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The history and runs tables on each of the four databases: what is written reads back as written. */
class HistoryStoreTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private Connection connection;
    private HistoryStore store;

    @AfterEach
    void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    private dev.dbshift.testing.TestDatabase db;

    private void start(Vendor vendor) throws SQLException {
        db = databases.start(vendor);
        reconnect();
    }

    /** A new connection to the database {@link #start} made, and a store on it. */
    private void reconnect() throws SQLException {
        close();
        connection = db.connect();
        Database database = Databases.forUrl(db.url());
        store = new HistoryStore(connection, database, database.currentSchema(connection), "dbshift_history", "dbshift_runs");
    }

    /** A history on {@code vendor}, its tables made, and a run begun in it: that run's id. */
    private long begun(Vendor vendor) throws SQLException {
        start(vendor);
        store.create();
        return store.beginRun(RunRow.start("up", "head", null, "prod", "1.0", "host-a"));
    }

    private static HistoryRow.Origin origin(long runId) {
        return new HistoryRow.Origin(runId, "prod", "deployer");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void createMakesBothTablesOnceAndAgainIsHarmless(Vendor vendor) throws SQLException {
        start(vendor);
        assertThat(store.exists()).isFalse();
        store.create();
        store.create();
        assertThat(store.exists()).isTrue();
        assertThat(store.read()).isEmpty();
        assertThat(store.runs()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void appendedRowsReadBackAsWrittenInOrder(Vendor vendor) throws SQLException {
        long runId = begun(vendor);
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HistoryRow applied = HistoryRow.applied(origin(runId),
                new HistoryRow.Subject("1.2", "create users", "sql", Operation.APPLY, "migrations/1.2__create_users.sql", "s1:abc"),
                "s1:schema", new HistoryRow.Timing(started, started.plusSeconds(2), 2000, 3, "s1:three"));
        HistoryRow failed = HistoryRow.failed(origin(runId),
                new HistoryRow.Subject("1.3", "add index", "sql", Operation.APPLY_PARTIAL, "migrations/1.3__add_index.sql", "s1:def"),
                null, new HistoryRow.Timing(started, started.plusSeconds(1), 1000, 1, "s1:one"), "1.3__add_index.sql:2: boom",
                "trace\n\tat here");
        store.append(applied);
        store.append(failed);

        List<HistoryRow> rows = store.read();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).id()).isPositive().isLessThan(rows.get(1).id());
        assertSameRow(rows.get(0), applied);
        assertSameRow(rows.get(1), failed);
        assertThat(rows.get(0).errorMessage()).isNull();
        assertThat(rows.get(1).success()).isFalse();
    }

    private static void assertSameRow(HistoryRow read, HistoryRow written) {
        assertThat(read.withId(0)).usingRecursiveComparison().ignoringFields("startedAt", "finishedAt").isEqualTo(written);
        assertThat(read.startedAt()).isCloseTo(written.startedAt(), within(1, ChronoUnit.SECONDS));
        assertThat(read.finishedAt()).isCloseTo(written.finishedAt(), within(1, ChronoUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aRunBeginsRecordsProgressAndEnds(Vendor vendor) throws SQLException {
        start(vendor);
        store.create();
        long first = store.beginRun(RunRow.start("up", "head", "1.1", "prod", "1.0", "host-a"));
        long second = store.beginRun(RunRow.start("down", "base", "1.2", "prod", "1.0", "host-b"));
        assertThat(second).isGreaterThan(first);

        RunRow running = store.runs().get(0);
        assertThat(running.id()).isEqualTo(first);
        assertThat(running.command()).isEqualTo("up");
        assertThat(running.target()).isEqualTo("head");
        assertThat(running.fromVersion()).isEqualTo("1.1");
        assertThat(running.host()).isEqualTo("host-a");
        assertThat(running.finished()).isFalse();
        assertThat(running.success()).isNull();

        store.progress(first, "1.2", 3, "s1:three");
        RunRow marked = store.runs().get(0);
        assertThat(marked.progressVersion()).isEqualTo("1.2");
        assertThat(marked.progressStatements()).isEqualTo(3);
        assertThat(marked.progressChecksum()).isEqualTo("s1:three");
        assertThat(store.runs().get(1).progressStatements()).as("the other run is untouched").isNull();
        assertThat(store.unfinishedRuns()).extracting(RunRow::id).containsExactly(first, second);

        Instant end = Instant.now();
        store.endRun(first, "1.2", true, end);
        assertThat(store.unfinishedRuns()).extracting(RunRow::id).as("only the run still running").containsExactly(second);
        RunRow ended = store.runs().get(0);
        assertThat(ended.finished()).isTrue();
        assertThat(ended.finishedAt()).isCloseTo(end, within(1, ChronoUnit.SECONDS));
        assertThat(ended.success()).isTrue();
        assertThat(ended.toVersion()).isEqualTo("1.2");
        assertThat(ended.progressStatements()).as("an ended run has nothing in progress").isNull();
        assertThat(ended.progressVersion()).isNull();

        store.closeInterruptedRun(second, end);
        store.closeInterruptedRun(first, end.plus(Duration.ofHours(1)));
        assertThat(store.runs().get(1).success()).isFalse();
        assertThat(store.runs().get(1).finished()).isTrue();
        assertThat(store.runs().get(0).success()).as("a finished run is not closed again").isTrue();
        assertThat(store.runs().get(0).finishedAt()).isCloseTo(end, within(1, ChronoUnit.SECONDS));
        assertThat(store.unfinishedRuns()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void everyWriteChecksTheFenceAndALostLockWritesNothing(Vendor vendor) throws SQLException {
        long runId = begun(vendor);
        AtomicInteger checks = new AtomicInteger();
        store.fence(c -> checks.incrementAndGet());
        HistoryRow row = HistoryRow.applied(origin(runId),
                new HistoryRow.Subject("1", "a", "sql", Operation.APPLY, "migrations/1__a.sql", "s1:a"), null,
                HistoryRow.Timing.at(Instant.now()));
        store.append(row);
        store.progress(runId, "2", 1, "s1:x");
        assertThat(checks).as("one check per write").hasValue(2);
        assertThat(connection.getAutoCommit()).as("a fenced write leaves autocommit as it found it").isTrue();

        store.fence(c -> {
            throw new LockLost("another run holds the lock");
        });
        assertThatThrownBy(() -> store.append(row)).isInstanceOf(LockLost.class);
        assertThatThrownBy(() -> store.progress(runId, "2", 2, "s1:y")).isInstanceOf(LockLost.class);
        assertThatThrownBy(() -> store.endRun(runId, "2", true, Instant.now())).isInstanceOf(LockLost.class);

        store.fence(null);
        assertThat(store.read()).as("nothing written behind a lost lock").hasSize(1);
        RunRow run = store.runs().get(0);
        assertThat(run.progressStatements()).isEqualTo(1);
        assertThat(run.finished()).isFalse();
    }
    /**
     * Times are kept as UTC, whatever the time zone of the JVM that writes or reads them: a history written on a
     * machine in Kathmandu (+05:45) holds UTC's wall clock (SQLite: the instant's milliseconds), reads back as the
     * same instant, and so does a row written on a UTC machine (what every history written so far holds).
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void timesAreKeptAsUtcWhateverTheJvmsTimeZone(Vendor vendor) throws SQLException {
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        Instant at = Instant.parse("2026-06-15T12:34:56.789Z");
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Kathmandu"));
            long runId = begun(vendor);
            store.append(HistoryRow.applied(origin(runId),
                    new HistoryRow.Subject("1", "a", "sql", Operation.APPLY, "migrations/1__a.sql", "s1:a"), null,
                    new HistoryRow.Timing(at, at.plusSeconds(1), 1000, 1, "s1:one")));
            store.endRun(runId, "1", true, at.plusSeconds(2));
            String raw;
            try (var st = connection.createStatement(); var rs = st.executeQuery(switch (vendor) {
                case POSTGRES -> "SELECT to_char(started_at, 'YYYY-MM-DD HH24:MI:SS.MS') FROM dbshift_history";
                case MARIADB -> "SELECT DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:%s.%f') FROM dbshift_history";
                case H2 -> "SELECT FORMATDATETIME(started_at, 'yyyy-MM-dd HH:mm:ss.SSS') FROM dbshift_history";
                case SQLITE -> "SELECT CAST(started_at AS TEXT) FROM dbshift_history";
            })) {
                rs.next();
                raw = rs.getString(1);
            }
            assertThat(raw).isEqualTo(switch (vendor) {
                case MARIADB -> "2026-06-15 12:34:56.789000";
                case SQLITE -> String.valueOf(at.toEpochMilli());
                default -> "2026-06-15 12:34:56.789";
            });
            assertThat(store.read().get(0).startedAt()).isEqualTo(at);
            assertThat(store.read().get(0).finishedAt()).isEqualTo(at.plusSeconds(1));
            assertThat(store.runs().get(0).startedAt()).isBefore(Instant.now().plusSeconds(60)).isAfter(Instant.now().minusSeconds(600));
            assertThat(store.runs().get(0).finishedAt()).isEqualTo(at.plusSeconds(2));

            // a row written by a JVM on UTC reads back as the same instant in Kathmandu
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            reconnect();
            store.append(HistoryRow.applied(origin(runId),
                    new HistoryRow.Subject("2", "b", "sql", Operation.APPLY, "migrations/2__b.sql", "s1:b"), null,
                    new HistoryRow.Timing(at, at.plusSeconds(3), 3000, 1, "s1:one")));
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Kathmandu"));
            reconnect();
            assertThat(store.read()).extracting(HistoryRow::finishedAt).containsExactly(at.plusSeconds(1), at.plusSeconds(3));
        } finally {
            java.util.TimeZone.setDefault(before);
        }
    }

    /**
     * Every width of fraction reads back exactly: PostgreSQL writes a timestamp's text without trailing zeros, and
     * MariaDB Connector/J 3.5's {@code getString} prints a DATETIME(3)'s {@code .001} as {@code .1000} (the
     * driver's {@code getObject} reads it right, and the history reads that).
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void everyFractionOfASecondReadsBackExactly(Vendor vendor) throws SQLException {
        long runId = begun(vendor);
        List<Instant> times = List.of(Instant.parse("2026-06-15T12:34:56Z"), Instant.parse("2026-06-15T12:34:56.700Z"),
                Instant.parse("2026-06-15T12:34:56.780Z"), Instant.parse("2026-06-15T12:34:56.789Z"),
                Instant.parse("1999-12-31T23:59:59.001Z"), Instant.parse("2040-02-29T00:00:00.010Z"));
        for (int i = 0; i < times.size(); i++) {
            Instant at = times.get(i);
            store.append(HistoryRow.applied(origin(runId),
                    new HistoryRow.Subject(String.valueOf(i + 1), "t", "sql", Operation.APPLY, "migrations/" + (i + 1) + "__t.sql", "s1:t"),
                    null, new HistoryRow.Timing(at, at.plusMillis(1), 1, 1, "s1:one")));
        }
        reconnect();
        assertThat(store.read()).extracting(HistoryRow::startedAt).containsExactlyElementsOf(times);
        assertThat(store.read()).extracting(HistoryRow::finishedAt).containsExactlyElementsOf(times.stream().map(t -> t.plusMillis(1)).toList());
    }
}
