package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A folder {@link FileMigrationSource} scans, and the prefix its scripts' display names get. One location is a
 * project folder, or {@code classpath:path}: every folder and jar entry of that name on the class path, the jars
 * read through NIO's zip file system, so one scanner serves folders and jars alike.
 */
record MigrationRoot(Path dir, String displayPrefix) {
    private static final String CLASSPATH = "classpath:";

    /** How {@code p}, inside this root, is named in lists and messages. */
    String display(Path p) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        return displayPrefix.isEmpty() ? rel : displayPrefix + "/" + rel;
    }

    /**
     * {@link #display(Path)} of the file {@code name} in {@code parent}; without relativizing when {@code parent} is
     * this root's folder (a flat folder of 10,000 scripts made two paths and three strings per script for it).
     */
    String display(Path parent, String name, Path p) {
        if (!parent.equals(dir)) {
            return display(p);
        }
        String rel = name.replace('\\', '/');
        return displayPrefix.isEmpty() ? rel : displayPrefix + "/" + rel;
    }

    /**
     * The roots of {@code location}; one that is not there is an error naming it.
     *
     * @param projectDir where a relative folder starts (absolute, normalised)
     */
    static List<MigrationRoot> of(String location, Path projectDir, ClassLoader classLoader) {
        if (location.startsWith(CLASSPATH)) {
            return onClassPath(location, classLoader);
        }
        Path dir = projectDir.resolve(location).normalize();
        if (!Files.isDirectory(dir)) {
            throw new DbShiftException(DbShiftException.BAD_INPUT,
                    "locations: the migrations folder " + dir + " does not exist"
                            + " (set 'locations' in dbshift.toml or run from the project folder, or pass -C DIR)");
        }
        String prefix = dir.startsWith(projectDir) ? projectDir.relativize(dir).toString().replace('\\', '/') : dir.toString();
        return List.of(new MigrationRoot(dir, prefix));
    }

    private static List<MigrationRoot> onClassPath(String location, ClassLoader classLoader) {
        String res = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
        List<MigrationRoot> roots = new ArrayList<>();
        try {
            for (URL url : Collections.list(classLoader.getResources(res))) {
                URI uri = url.toURI();
                Path p;
                if ("jar".equals(uri.getScheme())) {
                    FileSystem fs;
                    try {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    } catch (FileSystemAlreadyExistsException e) {
                        fs = FileSystems.getFileSystem(uri);
                    }
                    p = fs.provider().getPath(uri);
                } else {
                    p = Path.of(uri);
                }
                roots.add(new MigrationRoot(p, CLASSPATH + res));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (roots.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT,
                    "locations: " + location + " is not on the class path");
        }
        return roots;
    }
}
