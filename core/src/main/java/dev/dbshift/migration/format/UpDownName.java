package dev.dbshift.migration.format;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate's and sqlx's reversible names: {@code {version}_{title}.up.{ext}} and
 * {@code {version}_{title}.down.{ext}}, the version all digits (leading zeros allowed: {@code 000001} is 1).
 * golang-migrate's own pattern is {@code ^([0-9]+)_(.*)\.(down|up)\.(.*)$}; the extension is whatever follows,
 * so {@code .up.sql} and {@code .up.postgres.sql} both read as an up script.
 */
final class UpDownName {
    private static final Pattern NAME = Pattern.compile("([0-9]+)_(.*)\\.(up|down)\\.(.+)");

    private UpDownName() {
    }

    /** Groups: 1 version, 2 title, 3 {@code up}/{@code down}, 4 extension; null when the name is not one. */
    static Matcher match(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? m : null;
    }

    static boolean isUpDown(String name) {
        return match(name) != null;
    }

    /** Whether the extension is SQL ({@code sql}, or a variant such as {@code postgres.sql}). */
    static boolean sqlExtension(String extension) {
        return extension.equals("sql") || extension.endsWith(".sql");
    }
}
