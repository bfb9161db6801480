package dev.dbshift.db.postgres;

/** The values an identity column's sequence may take by default, by the column's canonical type. */
final class IdentityRange {
    private IdentityRange() {
    }

    /** {@code {smallest, largest}} of {@code type} ({@code smallint}, {@code integer}, else {@code bigint}'s). */
    static long[] of(String type) {
        switch (type) {
            case "smallint": return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case "integer": return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default: return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        }
    }

    /**
     * The {@code SET} clauses of {@code ALTER COLUMN} that give an identity exactly {@code options} ({@link
     * dev.dbshift.schema.Column#identityOptions()}; null: the type's defaults), every one written out, so a sequence
     * changed by hand in any way comes back whole.
     */
    static String set(String type, String options) {
        long[] range = of(type);
        java.util.Map<String, String> words = new java.util.HashMap<>();
        String[] w = options == null ? new String[0] : options.split(" ");
        for (int i = 0; i < w.length; i++) {
            words.put(w[i], w[i].equals("cycle") ? "" : w[++i]);
        }
        long increment = Long.parseLong(words.getOrDefault("increment", "1"));
        boolean ascending = increment > 0;
        long min = Long.parseLong(words.getOrDefault("minvalue", String.valueOf(ascending ? 1 : range[0])));
        long max = Long.parseLong(words.getOrDefault("maxvalue", String.valueOf(ascending ? range[1] : -1)));
        long start = Long.parseLong(words.getOrDefault("start", String.valueOf(ascending ? min : max)));
        return "SET INCREMENT BY " + increment + " SET MINVALUE " + min + " SET MAXVALUE " + max + " SET START WITH " + start
                + (words.containsKey("cycle") ? " SET CYCLE" : " SET NO CYCLE");
    }
}
