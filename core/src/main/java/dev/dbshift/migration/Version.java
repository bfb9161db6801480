package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
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
    /**
     * The parts, trailing zeros removed, as longs when each fits in one (every real version; no BigInteger is made
     * for them: a listing and a history of 10,000 versions parse each twice), else null and {@link #big} holds them.
     */
    private final long[] small;
    private final List<BigInteger> big;

    private Version(String text, long[] small, List<BigInteger> big) {
        this.text = text;
        this.small = small;
        this.big = big;
    }

    /** Parses a version; throws {@link IllegalArgumentException} with the reason when it is not one. */
    public static Version parse(String text) {
        String why = problem(text);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        String normal = text.replace('_', '.');
        int count = 1;
        for (int i = 0; i < normal.length(); i++) {
            if (normal.charAt(i) == '.') {
                count++;
            }
        }
        long[] values = new long[count];
        int part = 0;
        int from = 0;
        for (int i = 0; i <= normal.length(); i++) {
            if (i < normal.length() && normal.charAt(i) != '.') {
                continue;
            }
            long value = 0;
            for (int j = from; j < i; j++) {
                int digit = normal.charAt(j) - '0';
                if (value > (Long.MAX_VALUE - digit) / 10) {
                    return parseBig(normal);
                }
                value = value * 10 + digit;
            }
            values[part++] = value;
            from = i + 1;
        }
        int end = values.length;
        while (end > 1 && values[end - 1] == 0) {
            end--;
        }
        return new Version(normal, end == values.length ? values : Arrays.copyOf(values, end), null);
    }

    /** A version with a part too large for a long. */
    private static Version parseBig(String normal) {
        List<BigInteger> parts = new ArrayList<>();
        for (String p : normal.split("\\.", -1)) {
            parts.add(new BigInteger(p));
        }
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return new Version(normal, null, Collections.unmodifiableList(new ArrayList<>(parts.subList(0, end))));
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
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : '.';
            if (ch != '.' && ch != '_') {
                continue;
            }
            if (i == from) {
                return "the version '" + text + "' has an empty part (two dots in a row, or a leading or trailing dot)";
            }
            for (int j = from; j < i; j++) {
                if (text.charAt(j) < '0' || text.charAt(j) > '9') {
                    return "the version '" + text + "' has '" + text.substring(from, i)
                            + "', which is not a number (versions are dotted numbers like 1.2.3 or a timestamp)";
                }
            }
            from = i + 1;
        }
        return null;
    }

    public static boolean isVersion(String text) {
        return problem(text) == null;
    }

    /** Numeric parts, trailing zeros removed. */
    public List<BigInteger> parts() {
        if (big != null) {
            return big;
        }
        List<BigInteger> parts = new ArrayList<>(small.length);
        for (long part : small) {
            parts.add(BigInteger.valueOf(part));
        }
        return Collections.unmodifiableList(parts);
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
        List<BigInteger> mine = parts();
        List<BigInteger> theirs = o.parts();
        int n = Math.max(mine.size(), theirs.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < mine.size() ? mine.get(i) : BigInteger.ZERO;
            BigInteger b = i < theirs.size() ? theirs.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Equal parts; a part too large for a long is never equal to one that fits, so each form compares with its own. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Version)) {
            return false;
        }
        Version v = (Version) o;
        return small != null ? Arrays.equals(small, v.small) : big.equals(v.big);
    }

    @Override
    public int hashCode() {
        return small != null ? Arrays.hashCode(small) : big.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
