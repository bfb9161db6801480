package dev.dbshift.db;

import java.nio.file.Path;

/**
 * The file part of an embedded database's URL resolved against the project folder, for
 * {@link Database#inProject}: H2 and SQLite write their URLs differently, but both end the path at the
 * first {@code ;} or {@code ?} (the parameters), which stay as they are.
 */
public final class RelativeFile {
    private RelativeFile() {
    }

    /** {@code prefix + rest}, with the path at the start of {@code rest} resolved against {@code dir}. */
    public static String resolve(String prefix, String rest, Path dir) {
        int end = pathEnd(rest);
        return prefix + dir.resolve(rest.substring(0, end)).normalize() + rest.substring(end);
    }

    /** Where the path at the start of {@code rest} ends: at its first {@code ;} or {@code ?} (the parameters). */
    private static int pathEnd(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == ';' || rest.charAt(i) == '?') {
                return i;
            }
        }
        return rest.length();
    }

    /**
     * Makes the folder of the file {@code rest} starts with (up to its parameters), when that path is absolute or
     * dotted; {@code ~/} is the user's home. Two connections that make it at once both succeed
     * ({@link java.nio.file.Files#createDirectories}), where a driver's own check-then-make may fail for one.
     */
    public static void makeFolder(String rest) throws java.sql.SQLException {
        Path file = file(rest);
        if (file == null) {
            return; // the driver's own rules (and errors) for other forms
        }
        Path parent = file.getParent();
        if (parent == null || java.nio.file.Files.isDirectory(parent)) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(parent);
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new java.sql.SQLException("cannot make the folder " + parent + " of the database file: " + e.getMessage(), e);
        }
    }

    /**
     * The file {@code rest} starts with (up to its parameters), when that path is absolute, dotted or in the user's
     * home ({@code ~/}); null for any other form, which only the driver knows how to read.
     */
    public static Path file(String rest) {
        String path = rest.substring(0, pathEnd(rest));
        if (path.startsWith("~/")) {
            path = System.getProperty("user.home") + path.substring(1);
        } else if (!path.startsWith("/") && !dotted(path)) {
            return null;
        }
        try {
            return Path.of(path).toAbsolutePath();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** Whether {@code path} is written relative to the working directory ({@code ./x}, {@code ../x}). */
    public static boolean dotted(String path) {
        return path.startsWith("./") || path.startsWith("../");
    }
}
