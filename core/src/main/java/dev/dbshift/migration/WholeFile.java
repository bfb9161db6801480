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
 * script that stops after some statements), and forced again once renamed, so a power cut leaves the old file or the new
 * one, whole. Migration files ({@link MigrationFiles}), dumps and offline scripts
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
     * Forces {@code staged} (a file, or a folder with every file and folder in it) to the disk and renames it to
     * {@code file}: over it with {@code replace}, else only where nothing is (a file there is refused). Then the folder
     * that holds {@code file} is forced too, so the new name, not only the bytes, outlives a power cut: until then a
     * rename may live in memory only, and the file system may come back with the old file, or none.
     */
    public static void putInPlace(Path staged, Path file, boolean replace) throws IOException {
        try (Stream<Path> all = Files.walk(staged)) {
            // deepest first: a folder's entries are forced after what they name
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                force(p);
            }
        }
        if (replace) {
            Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(staged, file);
        }
        forceFolderOf(file);
    }

    /**
     * Forces the folder that holds {@code file} to the disk, so a rename in it outlives a power cut (see
     * {@link #putInPlace}); where the folder cannot be forced, it is left to the file system.
     */
    public static void forceFolderOf(Path file) {
        forceFolder(file.toAbsolutePath().getParent());
    }

    /**
     * Forces a file's bytes, or a folder's entries, to the disk. A folder opens for reading only, and where the
     * platform cannot open one (Windows) or force it, a folder is left to the file system: its rename is as durable
     * as that system makes it.
     */
    private static void force(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            forceFolder(p);
            return;
        }
        try (FileChannel channel = FileChannel.open(p, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException noFolderSync) {
            // the bytes of every file in it were forced; the folder's entries are left to the file system
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
