package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes new migration files: the next version in the project's own scheme and a file name from the
 * description. Pure apart from the writing, which refuses to overwrite anything and puts each file in place whole
 * ({@link WholeFile}), so no kill or full disk leaves part of a migration to be applied.
 */
public final class MigrationFiles {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private MigrationFiles() {
    }

    /**
     * The version after the highest one: a timestamp project (one-part versions of 14 digits) gets the
     * current UTC time; a dotted one gets its last part plus one ({@code 1.9 -> 1.10}); none yet gets {@code 1}.
     */
    public static String nextVersion(List<Version> existing, Clock clock) {
        Version max = existing.stream().max(Version::compareTo).orElse(null);
        if (max == null) {
            return "1";
        }
        String text = max.toString();
        if (!text.contains(".") && text.length() >= 12) {
            String now = TIMESTAMP.format(clock.instant());
            return Version.parse(now).compareTo(max) > 0 ? now : max.parts().get(0).add(java.math.BigInteger.ONE).toString();
        }
        int dot = text.lastIndexOf('.');
        String head = dot < 0 ? "" : text.substring(0, dot + 1);
        String last = dot < 0 ? text : text.substring(dot + 1);
        return head + new java.math.BigInteger(last).add(java.math.BigInteger.ONE);
    }

    /** {@code Add users table!} becomes {@code add_users_table}. */
    public static String slug(String description) {
        String s = description.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "the description '" + description + "' has no letters or digits");
        }
        return s;
    }

    /**
     * Writes {@code content} to a new file; refuses, naming it, when the file exists. The file appears whole or not at
     * all ({@link WholeFile}): a migration cut short by a kill or a full disk would be read, and applied, as a shorter
     * one.
     */
    public static Path write(Path file, String content) {
        if (Files.exists(file)) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, file + " exists already; dbshift never overwrites a migration");
        }
        Path staged = WholeFile.staged(file);
        try {
            WholeFile.write(staged, content, StandardCharsets.UTF_8);
            WholeFile.putInPlace(staged, file, false);
            return file;
        } catch (IOException e) {
            WholeFile.deleteQuietly(staged);
            throw new DbShiftException(DbShiftException.FAILED, file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces an existing script's text whole ({@code lint --fix}, {@link WholeFile}): a kill or a failure leaves the
     * old text or the new one, never the first part of the new one. Written through a symbolic link to the file it
     * names, with the file's permissions.
     */
    public static void replace(Path file, String content, Charset charset) throws IOException {
        Path real = file.toRealPath();
        Path staged = WholeFile.staged(real);
        try {
            WholeFile.write(staged, content, charset);
            try {
                Files.setPosixFilePermissions(staged, Files.getPosixFilePermissions(real));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no such permissions to keep
            }
            WholeFile.putInPlace(staged, real, true);
        } catch (IOException | RuntimeException e) {
            WholeFile.deleteQuietly(staged);
            throw e;
        }
    }
}
