package dev.dbshift.plan;

import dev.dbshift.DbShiftException;
import dev.dbshift.migration.Version;

/** Where a command aims: {@code head}, {@code base}, a version, {@code +N} or {@code -N}. */
public sealed interface Target {
    record Head() implements Target {
        @Override public String toString() { return "head"; }
    }

    record Base() implements Target {
        @Override public String toString() { return "base"; }
    }

    record Exact(Version version) implements Target {
        @Override public String toString() { return version.toString(); }
    }

    /**
     * The highest migration at or below {@code version}, which need not exist: the software version a
     * {@code VERSION} file holds ({@code 1.2.5} runs migrations up to 1.2). {@code origin} names where it
     * came from, for messages.
     */
    record AtOrBelow(Version version, String origin) implements Target {
        @Override public String toString() { return version.toString(); }
    }

    /** {@code +N} (steps &gt; 0) or {@code -N} (steps &lt; 0). */
    record Relative(int steps) implements Target {
        @Override public String toString() { return (steps > 0 ? "+" : "") + steps; }
    }

    static Target parse(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("head") || s.equalsIgnoreCase("latest")) {
            return new Head();
        }
        if (s.equalsIgnoreCase("base")) {
            return new Base();
        }
        if (s.startsWith("+") || s.startsWith("-")) {
            try {
                int n = Integer.parseInt(s.substring(1));
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return new Relative(s.startsWith("+") ? n : -n);
            } catch (NumberFormatException e) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "target '" + text
                        + "': expected +N or -N with N a positive whole number");
            }
        }
        String v = s.startsWith("V") || s.startsWith("v") ? s.substring(1) : s;
        if (!Version.isVersion(v)) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "target '" + text
                    + "': expected head, base, a version (e.g. 1.2.0), +N or -N");
        }
        return new Exact(Version.parse(v));
    }
}
