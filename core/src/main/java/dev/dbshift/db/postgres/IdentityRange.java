package dev.dbshift.db.postgres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An identity column's sequence against PostgreSQL's defaults for the column's type, both ways: the reader keeps only
 * what differs ({@link #words}), the writer sets every option back from those words ({@link #set}). The defaults live
 * here once: ascending, from 1 to the type's largest, starting at the smallest; descending, from the type's smallest to
 * -1, starting at the largest; an increment of 1; no cycle.
 */
final class IdentityRange {
    private IdentityRange() {
    }

    /** {@code {smallest, largest}} of {@code type} ({@code smallint}, {@code integer}, else {@code bigint}'s). */
    private static long[] of(String type) {
        switch (type) {
            case "smallint": return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case "integer": return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default: return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        }
    }

    private static long defaultMin(String type, long increment) {
        return increment > 0 ? 1 : of(type)[0];
    }

    private static long defaultMax(String type, long increment) {
        return increment > 0 ? of(type)[1] : -1;
    }

    /**
     * {@link dev.dbshift.schema.Column#identityOptions()} from an identity's sequence: only what differs from the
     * defaults, in this order: {@code start}, {@code increment}, {@code minvalue}, {@code maxvalue}, {@code cycle}; null
     * for a plain identity.
     */
    static String words(String type, long start, long increment, long min, long max, boolean cycle) {
        List<String> words = new ArrayList<>();
        if (start != (increment > 0 ? min : max)) {
            words.add("start " + start);
        }
        if (increment != 1) {
            words.add("increment " + increment);
        }
        if (min != defaultMin(type, increment)) {
            words.add("minvalue " + min);
        }
        if (max != defaultMax(type, increment)) {
            words.add("maxvalue " + max);
        }
        if (cycle) {
            words.add("cycle");
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }

    /**
     * The {@code SET} clauses of {@code ALTER COLUMN} that give an identity exactly {@code options} ({@link #words};
     * null: the type's defaults), every one written out, so a sequence changed by hand in any way comes back whole.
     */
    static String set(String type, String options) {
        Map<String, String> words = new HashMap<>();
        String[] w = options == null ? new String[0] : options.split(" ");
        for (int i = 0; i < w.length; i++) {
            words.put(w[i], w[i].equals("cycle") ? "" : w[++i]);
        }
        long increment = Long.parseLong(words.getOrDefault("increment", "1"));
        long min = Long.parseLong(words.getOrDefault("minvalue", String.valueOf(defaultMin(type, increment))));
        long max = Long.parseLong(words.getOrDefault("maxvalue", String.valueOf(defaultMax(type, increment))));
        long start = Long.parseLong(words.getOrDefault("start", String.valueOf(increment > 0 ? min : max)));
        return "SET INCREMENT BY " + increment + " SET MINVALUE " + min + " SET MAXVALUE " + max + " SET START WITH " + start
                + (words.containsKey("cycle") ? " SET CYCLE" : " SET NO CYCLE");
    }
}
