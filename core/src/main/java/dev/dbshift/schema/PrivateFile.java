package dev.dbshift.schema;

import dev.dbshift.migration.WholeFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file only its owner may read (mode 0600), for dumps: they hold table data (password hashes,
 * personal data), and the process umask (usually 022) would make them readable by every local user.
 * The file is created 0600 (or an existing one narrowed to 0600) <em>before</em> anything is written
 * into it, so no reader can open it in between; the vendor dump tools ({@code pg_dump --file},
 * {@code mariadb-dump --result-file}) truncate the existing file and keep its mode. Where the file
 * system has no POSIX modes (Windows), the file is left as the system creates it. Dumps and offline scripts are
 * written whole: into a hidden file beside theirs, renamed over it once complete ({@link #writeWhole}).
 */
public final class PrivateFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFile() {
    }

    /** Creates {@code file} empty with mode 0600, or makes an existing one 0600. */
    public static void prepare(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            return;
        } catch (FileAlreadyExistsException exists) {
            // narrowed below
        } catch (UnsupportedOperationException noPosix) {
            return;
        }
        narrow(file);
    }

    /**
     * The hidden file beside {@code file} that a tool writes in full before {@link #putInPlace} renames it over
     * {@code file} ({@link WholeFile}), created empty with mode 0600: a write that fails part way never leaves a
     * {@code file} that ends early (a dump or a script that reads like a whole one).
     */
    public static Path stage(Path file) throws IOException {
        Path staged = WholeFile.staged(file);
        Files.deleteIfExists(staged);
        prepare(staged);
        return staged;
    }

    /** Makes {@code staged} 0600 again (a tool may have replaced it) and puts it in place of {@code file}, whole. */
    public static void putInPlace(Path staged, Path file) throws IOException {
        narrow(staged);
        WholeFile.putInPlace(staged, file, true);
    }

    /** Writes {@code text} to {@code file} whole ({@link #stage}, then {@link #putInPlace}); a failure leaves it as it was. */
    public static void writeWhole(Path file, String text) throws IOException {
        Path staged = stage(file);
        try {
            WholeFile.write(staged, text, StandardCharsets.UTF_8);
            putInPlace(staged, file);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Makes {@code file} 0600 (again, in case a tool replaced it). */
    public static void narrow(Path file) throws IOException {
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException noPosix) {
            // no POSIX modes here
        }
    }
}
