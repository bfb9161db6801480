package dev.dbshift.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbshift.online.OnlineOptions;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the value of a setting as any source gives it (TOML text, boolean or array; an environment variable's
 * or a flag's text; a library caller's list) into its type. A bad value is an {@link IllegalArgumentException}
 * that says what was expected; the loader adds the setting's name and source.
 */
final class SettingValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private SettingValues() {
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** {@code true/yes/1/on}, {@code false/no/0/off}. */
    static boolean bool(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(o).trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "true": case "yes": case "1": case "on": return true;
            case "false": case "no": case "0": case "off": return false;
            default: throw new IllegalArgumentException("expected true or false, not '" + o + "'");
        }
    }

    /** A table name dbshift creates: letters, digits and underscores. */
    static String identifier(Object o) {
        String s = str(o);
        if (s == null || !s.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("expected a table name of letters, digits and underscores, not '" + s + "'");
        }
        return s;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 250ms}, a number of seconds, or ISO-8601 {@code PT30S}. */
    static Duration duration(Object o) {
        String s = String.valueOf(o).trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            Matcher m = DURATION.matcher(s);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                switch (unit) {
                    case "ms": return Duration.ofMillis(n);
                    case "m": return Duration.ofMinutes(n);
                    case "h": return Duration.ofHours(n);
                    default: return Duration.ofSeconds(n);
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("expected a duration like 30s, 5m or 250ms, not '" + o + "'");
    }

    /** A whole number of at least 1. */
    static int positive(Object o) {
        try {
            int n = o instanceof Number num ? num.intValue() : Integer.parseInt(String.valueOf(o).trim());
            if (n >= 1 && (!(o instanceof Number num2) || num2.longValue() == n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("expected a whole number of at least 1, not '" + o + "'");
    }

    /** A number from 0 to {@link OnlineOptions#MAX_NICE_RATIO}, fractions allowed ({@code 0.5}). */
    static double ratio(Object o) {
        try {
            double r = o instanceof Number num ? num.doubleValue() : Double.parseDouble(String.valueOf(o).trim());
            if (OnlineOptions.isNiceRatio(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("expected a number from 0 to " + (int) OnlineOptions.MAX_NICE_RATIO + ", not '" + o + "'");
    }

    /** A ratio as the settings write it: {@code 0}, {@code 1.5} (a whole number without {@code .0}). */
    static String shown(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    /** A duration as the settings write it: {@code 2s}, {@code 250ms}, {@code 0}. */
    static String shown(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** The scripts' character set, by any name Java knows ({@code UTF-8}, {@code ISO-8859-1}, {@code windows-1252}). */
    static Charset encoding(Object o) {
        String name = str(o);
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a character set this Java knows"
                    + " (e.g. UTF-8, ISO-8859-1, windows-1252)");
        }
    }

    /** A TOML array, a list, or comma-separated text; none is an empty list. */
    static List<String> stringList(Object o) {
        if (o == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (o instanceof JsonNode n && n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else if (o instanceof JsonNode n) {
            out.addAll(splitList(n.asText()));
        } else if (o instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        } else {
            out.addAll(splitList(o.toString()));
        }
        return out;
    }

    /** Names to text values; none is an empty map. */
    static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }
}
