package dev.dbshift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary folders the tests make (projects, launcher homes with a copy of the jar), removed with everything in them
 * when the test JVM exits: every full build used to leave ~500 folders and ~700 MB in {@code /tmp}. A test that
 * wants to look at one after a failure runs alone and stops the JVM before it exits, or copies it.
 */
public final class Scratch {

    private static final List<Path> MADE = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Scratch::removeAll, "scratch-cleanup"));
    }

    private Scratch() {
    }

    /** A new empty folder under the system's temporary folder, named {@code prefix} and a number. */
    public static Path dir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            synchronized (MADE) {
                MADE.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeAll() {
        List<Path> dirs;
        synchronized (MADE) {
            dirs = new ArrayList<>(MADE);
        }
        for (Path dir : dirs) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // already gone, or a file still open by a process the test left: the system's cleanup takes it
            }
        }
    }
}
