package dev.dbshift.online;

import dev.dbshift.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.dbshift.testing.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An online change run on a thread of its own and held by its pause file before its first chunk, once its capture
 * triggers are on: what a test writes then reaches the shadow through the capture (the change log and its replay),
 * not the copy. {@link #release} lets it copy; {@link #outcome} waits for it.
 */
final class HeldChange implements AutoCloseable {

    private final Path pause;
    private final Thread engine;
    private final AtomicReference<Object> outcome;

    private HeldChange(Path pause, Thread engine, AtomicReference<Object> outcome) {
        this.pause = pause;
        this.engine = engine;
        this.outcome = outcome;
    }

    /** Starts the change with {@code options} and its pause file, and returns once {@code table} has a trigger. */
    static HeldChange start(OnlineVendor vendor, TestDatabase db, String table, String spec, OnlineOptions options) throws Exception {
        Path pause = Files.createTempFile("dbshift-pause", ".flag");
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread engine = new Thread(() -> {
            try {
                outcome.set(OnlineMigrator.alter(vendor.engine(), db::connect, db.name(), table, spec, options.withPauseFile(pause)));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        HeldChange held = new HeldChange(pause, engine, outcome);
        engine.start();
        String triggers = vendor == OnlineVendor.POSTGRES
                ? "SELECT tgname::text FROM pg_trigger WHERE tgrelid = to_regclass('" + table + "') AND NOT tgisinternal"
                : "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"
                + " AND EVENT_OBJECT_TABLE = '" + table + "'";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                if (!strings(st, triggers).equals(List.of())) {
                    return held;
                }
            } catch (SQLException e) {
                // the table is being looked at; try again
            }
            assertThat(System.nanoTime()).as("the capture triggers appear on %s", table).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Lets the held change copy. */
    void release() throws Exception {
        Files.deleteIfExists(pause);
    }

    /** What the change ended with: its {@link OnlineResult}, or the exception it threw. */
    Object outcome() throws Exception {
        engine.join(120_000);
        return outcome.get();
    }

    @Override
    public void close() throws Exception {
        Files.deleteIfExists(pause);
    }
}
