package dev.dbshift.migration.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entries of one location's root folder, as the numbered-file formats (golang-migrate, goose, dbmate,
 * sql-migrate, sqlx) see it: these tools read one folder, not its subfolders, and name files
 * {@code {version}_{name}...}. What detection needs to stay clear of dbshift's own layout lives here too.
 *
 * @param files      regular files, sorted by name, dot files left out
 * @param folders    subfolders, sorted by name, dot folders left out
 */
record FolderFiles(List<Path> files, List<Path> folders) {

    /** dbshift's own names ({@code 1.2__x.sql}, {@code V1__x.sql}, {@code U1__x.sql}, {@code R__x.sql}). */
    private static final Pattern NATIVE = Pattern.compile("(?:[VU]?[0-9][0-9._]*__.*|R__.*)\\.sql");
    /** {@code {digits}_{rest}}: the version the numbered-file tools read; the rest never starts with {@code _}. */
    private static final Pattern NUMBERED = Pattern.compile("([0-9]+)_([^_].*|)");
    /** How much of a file detection reads to find another tool's marker. */
    private static final int HEAD = 8192;
    private static final Pattern MARKER = Pattern.compile(
            "^--\\s*(\\+goose\\s|migrate:(up|down)\\b|\\+migrate\\s|liquibase\\s+formatted\\s+sql|changeset\\s)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /** The root's files and folders from the listing every detector shares. */
    static FolderFiles of(dev.dbshift.migration.FolderListing listing) {
        return new FolderFiles(listing.files(), listing.folders());
    }

    static FolderFiles of(Path dir) throws IOException {
        return of(dev.dbshift.migration.FolderListing.of(dir));
    }

    static String name(Path p) {
        String s = p.getFileName().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static boolean isSql(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    /** A name in dbshift's own layout: a folder holding one is never another tool's. */
    static boolean isNative(String name) {
        return NATIVE.matcher(name).matches();
    }

    /** {@code {digits}_{rest}} split in two, or null. */
    static Matcher numbered(String name) {
        Matcher m = NUMBERED.matcher(name);
        return m.matches() ? m : null;
    }

    /** True when a root file is in dbshift's layout, or a manifest says the folder is another tool's (Atlas, Sqitch). */
    boolean nativeOrManifest() {
        for (Path f : files) {
            String n = name(f);
            if (isNative(n) || n.equals("atlas.sum") || n.equals("sqitch.plan") || n.equals("flyway.conf")
                    || n.equals("flyway.toml") || n.equals("migration_lock.toml")) {
                return true;
            }
        }
        return false;
    }

    /** The numbered {@code .sql} files whose name does not end in {@code .up.sql} / {@code .down.sql}. */
    List<Path> plainNumberedSql() {
        return files.stream().filter(f -> {
            String n = name(f);
            return isSql(n) && numbered(n) != null && !UpDownName.isUpDown(n);
        }).toList();
    }

    /**
     * The tool whose single-file marker the first of {@code candidates} that has one carries ({@code goose},
     * {@code dbmate}, {@code sql-migrate}, {@code liquibase}), or null. Reads the head of at most three files.
     */
    static String markerTool(List<Path> candidates) throws IOException {
        int read = 0;
        for (Path f : candidates) {
            if (read++ == 3) {
                break;
            }
            String head = head(f);
            Matcher m = MARKER.matcher(head);
            if (m.find()) {
                String marker = m.group(1).toLowerCase(Locale.ROOT);
                return marker.startsWith("+goose") ? "goose" : marker.startsWith("migrate:") ? "dbmate"
                        : marker.startsWith("+migrate") ? "sql-migrate" : "liquibase";
            }
        }
        return null;
    }

    /** All of {@code r}, closed. */
    static String readAll(java.io.Reader r) throws IOException {
        try (r) {
            StringBuilder sb = new StringBuilder();
            char[] b = new char[8192];
            int n;
            while ((n = r.read(b, 0, b.length)) > 0) {
                sb.append(b, 0, n);
            }
            return sb.toString();
        }
    }

    /** The first bytes of a file as Latin-1: every marker is ASCII, so no decoding can hide one. */
    private static String head(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return new String(in.readNBytes(HEAD), StandardCharsets.ISO_8859_1);
        }
    }
}
