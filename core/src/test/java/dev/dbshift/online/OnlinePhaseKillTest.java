package dev.dbshift.online;

import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL of the engine at a known point of each phase (its engine frozen there first: in the copy,
 * after the sync trigger is in, in the middle of the checksum, while waiting for the cut-over, just
 * before the swap), each time resumed while writers insert, update (keys too) and delete; at the
 * end the table holds exactly the acknowledged writes and nothing of the changes is left over.
 */
class OnlinePhaseKillTest {

    /** phase and which of its progress reports the engine is frozen at. */
    private static final Object[][] POINTS = {
            {Phase.COPY, 5}, {Phase.SYNC, 2}, {Phase.CHECKSUM, 2}, {Phase.WAIT_CUTOVER, 1}, {Phase.SWAP, 1}};

    /** PostgreSQL's proof (MariaDB passes it too: {@code -Ddbshift.test.phaseKillVendors=MARIADB,POSTGRES}). */
    @ParameterizedTest
    @MethodSource("vendors")
    void sigkillInEveryPhaseThenResume(OnlineVendor vendor) throws Exception {
        int rows = Integer.getInteger("dbshift.test.phaseKillRows", 2_000);
        try (TestDatabase db = vendor.create()) {
            WriterLoad load = new WriterLoad(db, 3);
            load.seed(rows);
            load.start();
            List<String> added = new ArrayList<>();
            try {
                for (Object[] point : POINTS) {
                    Phase phase = (Phase) point[0];
                    String column = "f_" + phase.name().toLowerCase(java.util.Locale.ROOT);
                    killFrozen(db, "ADD COLUMN " + column + " INT NOT NULL DEFAULT 7", phase.name(), (Integer) point[1]);
                    OnlineState killed = OnlineCrashResumeTest.state(db);
                    assertThat(killed.phase()).as("killed in").isEqualTo(phase);
                    Thread.sleep(300); // the writers go on with no engine; the triggers keep what they do
                    if (phase == Phase.WAIT_CUTOVER) {
                        new OnlineControl(vendor.engine(), db::connect).requestCutover(db.name(), "items");
                    }
                    OnlineResult r = new OnlineMigrator(vendor.engine(), db::connect, OnlineConcurrentWritesTest.testOptions(), null)
                            .resume(db.name(), "items");
                    assertThat(r.outcome()).as("resumed from " + phase).isEqualTo(Phase.DONE);
                    added.add(column);
                }
                Thread.sleep(200);
            } finally {
                load.stop();
            }
            try (Connection c = db.connect()) {
                load.assertExact(c);
                assertThat(OnlineVendor.columns(c, "items")).containsAll(added);
                assertThat(vendor.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    static java.util.stream.Stream<OnlineVendor> vendors() {
        return java.util.Arrays.stream(System.getProperty("dbshift.test.phaseKillVendors", "POSTGRES").split(","))
                .map(String::trim).map(OnlineVendor::valueOf);
    }

    /** Starts the change in a child JVM, and SIGKILLs it once its engine is frozen at the point. */
    static void killFrozen(TestDatabase db, String spec, String point, int nth) throws Exception {
        Process child = freeze(db, spec, point, nth);
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the frozen engine ends when killed").isTrue();
    }

    /** Starts the change in a child JVM and returns once its engine is frozen at the point. */
    static Process freeze(TestDatabase db, String spec, String point, int nth) throws Exception {
        Process child = new ProcessBuilder(OnlineCrashResumeTest.java(), "-cp", System.getProperty("java.class.path"),
                OnlineFreezeChild.class.getName(), db.url(), db.user(), db.name(), "items", spec, point, String.valueOf(nth))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("FROZEN")) {
                return child;
            }
            System.out.println(line);
        }
        throw new AssertionError("the engine ended before " + point + " #" + nth + " (exit " + child.waitFor() + ")");
    }
}
