package dev.dbshift.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap's growth an embedded database's command relaxes is the launcher's own: the script's free-space ratios and
 * the values {@link EmbeddedHeap} looks for are one pair (when the script's changed alone, H2 commands kept the tight
 * growth and a full collection after every 10-20 % while H2 opened), and a user's own ratios are left as they are.
 */
class EmbeddedHeapTest {
    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void theLauncherSetsTheRatiosEmbeddedHeapLooksFor() throws Exception {
        String launcher = Files.readString(Path.of(System.getProperty("dbshift.launcher", "../dbshift")));
        assertThat(launcher).contains("-XX:MinHeapFreeRatio=" + EmbeddedHeap.LAUNCHER_MIN_FREE
                + " -XX:MaxHeapFreeRatio=" + EmbeddedHeap.LAUNCHER_MAX_FREE + " ");
    }

    @Test
    void theLaunchersRatiosAreRelaxedToTheJvmsAndAUsersAreKept() {
        String min = value("MinHeapFreeRatio");
        String max = value("MaxHeapFreeRatio");
        try {
            set(EmbeddedHeap.LAUNCHER_MIN_FREE, EmbeddedHeap.LAUNCHER_MAX_FREE);
            EmbeddedHeap.relax();
            assertThat(value("MinHeapFreeRatio")).isEqualTo("40");
            assertThat(value("MaxHeapFreeRatio")).isEqualTo("70");

            set("15", "30");
            EmbeddedHeap.relax();
            assertThat(value("MinHeapFreeRatio")).as("a user's ratios").isEqualTo("15");
            assertThat(value("MaxHeapFreeRatio")).isEqualTo("30");
        } finally {
            set(min, max);
        }
    }

    private String value(String flag) {
        return vm.getVMOption(flag).getValue();
    }

    /** Sets both ratios in the order the JVM takes them (it refuses a minimum above the maximum in force). */
    private void set(String min, String max) {
        if (Integer.parseInt(min) > Integer.parseInt(value("MaxHeapFreeRatio"))) {
            vm.setVMOption("MaxHeapFreeRatio", max);
            vm.setVMOption("MinHeapFreeRatio", min);
        } else {
            vm.setVMOption("MinHeapFreeRatio", min);
            vm.setVMOption("MaxHeapFreeRatio", max);
        }
    }
}
