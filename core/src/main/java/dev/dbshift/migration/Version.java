package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A migration version: dotted non-negative numbers compared numerically, so {@code 1.10 > 1.9}.
 * Trailing zero parts do not count ({@code 1.0} equals {@code 1}); a timestamp such as
 * {@code 20260101120000} is a one-part version. Underscores are accepted as separators in file
 * names ({@code V1_2__x.sql}) as Flyway allows. {@link #toString()} keeps the text as written.
 */
public final class Version implements Comparable<Version> {
    private final String text;
    private final List<BigInteger> parts;
    /** The parts as longs when each fits in one (every real version), else null: compared without BigInteger. */
    private final long[] small;

    private Version(String text, List<BigInteger> parts) {
        this.text = text;
        this.parts = parts;
        long[] s = new long[parts.size()];
        for (int i = 0; i < s.length; i++) {
            if (parts.get(i).bitLength() >= Long.SIZE) {
                s = null;
                break;
            }
            s[i] = parts.get(i).longValue();
        }
        this.small = s;
    }

    /** Parses a version; throws {@link IllegalArgumentException} with the reason when it is not one. */
    public static Version parse(String text) {
        String why = problem(text);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        String normal = text.replace('_', '.');
        List<BigInteger> parts = new ArrayList<>();
        for (String p : normal.split("\\.", -1)) {
            parts.add(new BigInteger(p));
        }
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return new Version(normal, Collections.unmodifiableList(new ArrayList<>(parts.subList(0, end))));
    }

    /** Parses a version typed by a user (a target, a flag): a bad one is a bad-input error. */
    public static Version parseArgument(String text, String what) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, what + ": '" + text + "' is not a version: " + e.getMessage());
        }
    }

    /** Null when {@code text} is a version, else why not. */
    public static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "the version is empty";
        }
        String normal = text.replace('_', '.');
        for (String p : normal.split("\\.", -1)) {
            if (p.isEmpty()) {
                return "the version '" + text + "' has an empty part (two dots in a row, or a leading or trailing dot)";
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return "the version '" + text + "' has '" + p + "', which is not a number (versions are dotted numbers like 1.2.3 or a timestamp)";
                }
            }
        }
        return null;
    }

    public static boolean isVersion(String text) {
        return problem(text) == null;
    }

    /** Numeric parts, trailing zeros removed. */
    public List<BigInteger> parts() {
        return parts;
    }

    @Override
    public int compareTo(Version o) {
        if (small != null && o.small != null) {
            // planning sorts and looks up thousands of versions: a BigInteger compare per part was a sixth of a
            // no-op up's main thread at 10,000 migrations
            int n = Math.max(small.length, o.small.length);
            for (int i = 0; i < n; i++) {
                int c = Long.compare(i < small.length ? small[i] : 0, i < o.small.length ? o.small[i] : 0);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < o.parts.size() ? o.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version && ((Version) o).parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
