package dev.dbshift.online;

import dev.dbshift.db.ConnectionFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one online change in a child JVM and freezes its engine at the {@code n}-th progress report
 * of a phase (then prints {@code FROZEN}), so a test can SIGKILL it at a known point of that phase.
 * Args: url user schema table spec phase n; phase {@code INDEXES}: as the engine is about to build the shadow's
 * indexes after the copy (MariaDB, {@code ShadowTable.deferIndexes}).
 */
public final class OnlineFreezeChild {
    public static void main(String[] args) throws InterruptedException {
        boolean indexes = args[5].equals("INDEXES");
        Phase at = indexes ? Phase.COPY : Phase.valueOf(args[5]);
        int nth = Integer.parseInt(args[6]);
        AtomicInteger seen = new AtomicInteger();
        OnlineOptions options = OnlineOptions.defaults().withStrategy(Strategy.COPY).withMaxChunkRows(200)
                .withChunkTime(Duration.ofMillis(20)).withMaxLoad(Map.of()).withPostponeCutover(at == Phase.WAIT_CUTOVER);
        new OnlineMigrator(OnlineChild.engine(args[0]), ConnectionFactory.of(args[0], args[1], "")::open, options, p -> {
            boolean point = indexes ? p.waiting() != null && p.waiting().contains("indexes") : p.phase() == at;
            if (point && seen.incrementAndGet() == nth) {
                System.out.println("FROZEN");
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }).execute(args[2], args[3], args[4]);
        System.out.println("FINISHED without reaching " + at + " #" + nth);
    }
}
