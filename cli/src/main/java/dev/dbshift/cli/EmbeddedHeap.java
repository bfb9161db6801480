package dev.dbshift.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.dbshift.config.Settings;
import dev.dbshift.db.Databases;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * The launcher keeps the heap tight for a command whose database is a server: after a full collection the old
 * generation grows to 10-20 % free ({@code -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}), which keeps every
 * command at 10,000 migrations under 100 MB. When the database lives in this heap (embedded H2, whose catalog of
 * 10,000 tables is 100-200 MB of live objects), that tight growth means a full collection after every 10-20 % of
 * growth while H2 opens: a third of a {@code status}'s CPU there. So for such a database the JVM's own defaults (40-70 %
 * free) are set back at run time (both flags are manageable), but only once the heap has grown past its initial size:
 * until a full collection has found that much live data the ratios change nothing, and asking the JVM for them loads
 * its management classes (40-50 ms of CPU in a JVM of their own here), which a command on a 1,000-table H2 database,
 * whose heap never grows, does not need. Only the launcher's exact values are replaced; flags a user chose stay.
 *
 * <p>{@link Main#connectAhead} calls it for the commands that connect first ({@code status}, {@code up}, {@code down},
 * {@code check}, {@code history}, {@code current}), with the settings it reads early anyway; when an option follows
 * the command, on a thread of its own that reads them (a PostgreSQL {@code status -q} at 1,000 migrations, 24
 * alternated rounds with and without that thread: 0.536 and 0.538 s).
 */
final class EmbeddedHeap {
    /** The launcher's heap free-space ratios ({@code dbshift}'s flags): only these are relaxed, a user's stay. */
    static final String LAUNCHER_MIN_FREE = "10";
    static final String LAUNCHER_MAX_FREE = "20";

    /** How often the watcher looks at the heap's size: a read of a counter, nothing more. */
    private static final long LOOK_MS = 20;

    private EmbeddedHeap() {
    }

    /** When {@code settings} name an in-heap database, watches the heap on a daemon thread; returns {@code settings}. */
    static Settings fit(Settings settings) {
        if (livesInHeap(settings)) {
            daemon(EmbeddedHeap::watch);
        }
        return settings;
    }

    /** {@link #fit}, reading the settings on the watcher's own thread: for a command line that opens nothing ahead. */
    static void fitAhead(Supplier<Settings> settings) {
        daemon(() -> {
            try {
                if (livesInHeap(settings.get())) {
                    watch();
                }
            } catch (RuntimeException | Error unreadable) {
                // the command reads the settings again and says what is wrong with them
            }
        });
    }

    private static boolean livesInHeap(Settings settings) {
        String url = settings.url();
        return url != null && Databases.find(url).filter(d -> d.livesInHeap(url)).isPresent();
    }

    private static void daemon(Runnable work) {
        Thread t = new Thread(work, "dbshift-heap-fit");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until a collection has grown the heap, then relaxes its growth. */
    private static void watch() {
        Runtime runtime = Runtime.getRuntime();
        long initial = runtime.totalMemory();
        try {
            while (runtime.totalMemory() <= initial) {
                Thread.sleep(LOOK_MS);
            }
        } catch (InterruptedException exiting) {
            return;
        }
        relax();
    }

    static void relax() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm != null && LAUNCHER_MIN_FREE.equals(vm.getVMOption("MinHeapFreeRatio").getValue())
                    && LAUNCHER_MAX_FREE.equals(vm.getVMOption("MaxHeapFreeRatio").getValue())) {
                // the maximum first: the JVM refuses a minimum above the maximum in force
                vm.setVMOption("MaxHeapFreeRatio", "70");
                vm.setVMOption("MinHeapFreeRatio", "40");
            }
        } catch (RuntimeException | LinkageError notHotSpot) {
            // another JVM, or a runtime without jdk.management: the launcher's growth stays, which is only slower
        }
    }
}
