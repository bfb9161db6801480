package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checksum before the swap on MariaDB: a shadow row that no longer matches its source row (changed behind the
 * engine's back while the copy was paused) is found, its range copied again and compared again, and only then is the
 * table swapped; the new table holds the source's value. Until this test nothing ran the re-copy path.
 */
class OnlineVerificationTest {
    /** A hundred chunks of 500 rows: time enough to hold the copy part-way after its first chunk, on a busy machine too. */
    private static final int ROWS = 50_000;

    @Test
    void aShadowRowChangedBehindTheEngineIsCopiedAgainBeforeTheSwap() throws Exception {
        Path pause = Files.createTempFile("dbshift-pause", ".flag");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            new WriterLoad(db, 1).seed(ROWS);
            Object before;
            long first;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                first = Queries.count(st, "SELECT MIN(id) FROM items");
                before = Queries.row(st, "SELECT amount FROM items WHERE id = " + first).get(0);
            }
            OnlineOptions options = OnlineConcurrentWritesTest.testOptions().withPauseFile(pause);
            AtomicReference<Object> outcome = new AtomicReference<>();
            java.util.List<String> waits = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread engine = new Thread(() -> {
                try {
                    outcome.set(new OnlineMigrator(new MySqlOnlineChange(), db::connect, options, p -> {
                        if (p.waiting() != null) {
                            waits.add(p.waiting());
                        }
                    }).execute(db.name(), "items", "ADD COLUMN flag INT NOT NULL DEFAULT 0"));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            engine.start();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                // the pause file holds the first chunk; let the copy go until it has copied some rows, then hold it
                awaitTable(st, "_items_new");
                Files.delete(pause);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (Queries.count(st, "SELECT COUNT(*) FROM _items_new") == 0) {
                    assertThat(System.nanoTime()).as("the copy never started").isLessThan(deadline);
                    Thread.sleep(2);
                }
                Files.createFile(pause);
                long copied = Queries.count(st, "SELECT COUNT(*) FROM _items_new");
                assertThat(copied).as("held before the copy ended").isLessThan(ROWS);
                assertThat(st.executeUpdate("UPDATE _items_new SET amount = amount + 1 WHERE id = " + first))
                        .as("the first row is in the shadow").isEqualTo(1);
                Files.delete(pause);
                engine.join(120_000);
            } finally {
                Files.deleteIfExists(pause);
            }
            assertThat(engine.isAlive()).isFalse();
            assertThat(outcome.get()).as(String.valueOf(outcome.get())).isInstanceOf(OnlineResult.class);
            OnlineResult result = (OnlineResult) outcome.get();
            assertThat(result.outcome()).isEqualTo(Phase.DONE);
            assertThat(result.recopied()).as("the range with the changed row was copied again").isGreaterThanOrEqualTo(1);
            assertThat(waits).as("the progress says so while it happens").anyMatch(w -> w.startsWith("checksum mismatch in keys from the start up to [")
                    && w.contains(": copying them again, try 1 of 3; this waits while the application holds one of their rows"));
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(Queries.row(st, "SELECT amount FROM items WHERE id = " + first).get(0)).as("the source's value").isEqualTo(before);
                assertThat(Queries.count(st, "SELECT COUNT(*) FROM items")).isEqualTo(ROWS);
                assertThat(Queries.count(st, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'items' AND COLUMN_NAME = 'flag'")).isEqualTo(1);
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    private static void awaitTable(Statement st, String table) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Queries.count(st, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '"
                + table + "'") == 0) {
            assertThat(System.nanoTime()).as(table + " never appeared").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
