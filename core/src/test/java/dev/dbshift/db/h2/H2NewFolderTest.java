package dev.dbshift.db.h2;

import dev.dbshift.DbShift;
import dev.dbshift.db.RelativeFile;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Embedded H2 files in a folder that does not exist yet, opened at once (a fleet's targets): H2 checks for the
 * folder and then makes it, so one of two connections made together used to fail with "a file with this name
 * already exists" (FleetCommandsTest, in a full run).
 */
@Pure
class H2NewFolderTest {

    @TempDir
    Path dir;

    @Test
    void targetsOpenedAtOnceInOneNewFolderAllConnect() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 25; round++) {
                Path folder = dir.resolve("r" + round).resolve("db");
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> opened = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    DbShift target = DbShift.configure().projectDir(dir).environmentVariables(Map.of())
                            .url("jdbc:h2:file:" + folder.resolve("t" + t)).load();
                    opened.add(pool.submit(() -> {
                        start.await();
                        try (Connection c = target.connect()) {
                            return c.isValid(1);
                        }
                    }));
                }
                for (Future<Boolean> f : opened) {
                    assertThat(f.get()).isTrue();
                }
                try (var files = Files.list(folder)) {
                    assertThat(files.filter(f -> f.toString().endsWith(".mv.db")).count()).isEqualTo(threads);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyAbsoluteDottedAndHomePathsGetAFolder() throws Exception {
        RelativeFile.makeFolder(dir.resolve("a/b/app") + ";AUTO_SERVER=TRUE");
        assertThat(dir.resolve("a/b")).isDirectory();
        assertThat(dir.resolve("a/b/app")).doesNotExist();
        RelativeFile.makeFolder("relative-without-dot/app");
        assertThat(Path.of("relative-without-dot")).doesNotExist();
    }

    @Test
    void aFolderThatCannotBeMadeIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        DbShift target = DbShift.configure().projectDir(dir).environmentVariables(Map.of())
                .url("jdbc:h2:file:" + file.resolve("db/app")).load();
        org.assertj.core.api.Assertions.assertThatThrownBy(target::connect)
                .hasMessageContaining(file.resolve("db").toString());
    }
}
