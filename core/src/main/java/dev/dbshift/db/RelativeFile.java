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
        String path = rest;
        String tail = "";
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == ';' || rest.charAt(i) == '?') {
                path = rest.substring(0, i);
                tail = rest.substring(i);
                break;
            }
        }
        return prefix + dir.resolve(path).normalize() + tail;
    }

    /** Whether {@code path} is written relative to the working directory ({@code ./x}, {@code ../x}). */
    public static boolean dotted(String path) {
        return path.startsWith("./") || path.startsWith("../");
    }
}
