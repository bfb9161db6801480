package dev.dbshift.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A file put in place whole: written under a hidden name beside its place ({@code .NAME.dbshift-new}, which no listing
 * of migrations reads), forced to the disk, then renamed into place, so a kill, a full disk or a failure part way never
 * leaves a file that ends early and reads like a whole one (a migration applied as a shorter one, a dump or an offline
 * script that stops after some statements). Migration files ({@link MigrationFiles}), dumps and offline scripts
 * ({@code PrivateFile}) are all written this way.
 */
public final class WholeFile {
    private WholeFile() {
    }

    /** The hidden name {@code file} is written under before it is renamed into place. */
    public static Path staged(Path file) {
        Path absolute = file.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".dbshift-new");
    }

    /** Writes {@code text} to {@code staged} (its folders made), encoding strictly as {@link Files#writeString} does. */
    public static void write(Path staged, String text, Charset charset) throws IOException {
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, text, charset);
    }

    /**
     * Forces {@code staged} (a file, or every file of a folder) to the disk and renames it to {@code file}: over it
     * with {@code replace}, else only where nothing is (a file there is refused).
     */
    public static void putInPlace(Path staged, Path file, boolean replace) throws IOException {
        try (Stream<Path> all = Files.walk(staged)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                try (FileChannel channel = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
        if (replace) {
            Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(staged, file);
        }
    }

    /** Deletes {@code file} (or a folder and what it holds) if it is there, ignoring a failure: clean-up after one. */
    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(file)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // left behind, hidden: no listing reads it, and the next write to that file removes it
        }
    }
}
