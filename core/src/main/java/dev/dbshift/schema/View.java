package dev.dbshift.schema;

import java.util.List;

/**
 * A view.
 *
 * @param definition   the query as the vendor prints it back (not as written)
 * @param materialized a PostgreSQL materialized view
 * @param indexes      a materialized view's indexes; empty for a plain view
 * @param options      what a plain view does beyond its query, where not the default, in this order: {@code check option
 *                     cascaded} or {@code check option local} (a write through it must give rows it shows), {@code
 *                     security barrier}, {@code security invoker} (PostgreSQL; MySQL/MariaDB's {@code SQL SECURITY
 *                     INVOKER}: its tables are read with the querying user's rights, and their row security); or null
 * @param algorithm    how MariaDB runs it, where it was made with one: {@link #TEMPTABLE} (into a temporary table, so it
 *                     takes no writes) or {@link #MERGE} (into the query that reads it); null where the server chooses
 *                     ({@code UNDEFINED}), and on every other vendor
 */
public record View(String name, String definition, boolean materialized, List<Index> indexes, String options, String algorithm) {

    public static final String TEMPTABLE = "temptable";
    public static final String MERGE = "merge";

    public View {
        indexes = Named.sorted(indexes, Index::sortKey);
    }

    /** A view the server runs as it chooses. */
    public View(String name, String definition, boolean materialized, List<Index> indexes, String options) {
        this(name, definition, materialized, indexes, options, null);
    }

    /** A view without options. */
    public View(String name, String definition, boolean materialized, List<Index> indexes) {
        this(name, definition, materialized, indexes, null);
    }

    /** A view without indexes or options. */
    public View(String name, String definition, boolean materialized) {
        this(name, definition, materialized, List.of());
    }

    /** The words of {@link #options()} for a view whose writes must give rows it shows: {@code cascaded}, {@code local} or null. */
    public String checkOption() {
        return options == null || !options.startsWith(CHECK_OPTION) ? null
                : options.substring(CHECK_OPTION.length()).split(",")[0].strip();
    }

    /** True when {@link #options()} has {@code word} ({@link #SECURITY_BARRIER}, {@link #SECURITY_INVOKER}). */
    public boolean has(String word) {
        return options != null && java.util.Arrays.stream(options.split(", ")).anyMatch(word::equals);
    }

    public static final String CHECK_OPTION = "check option ";
    public static final String SECURITY_BARRIER = "security barrier";
    public static final String SECURITY_INVOKER = "security invoker";

    /** {@link #options()} from its parts; null when none is set. */
    public static String options(String checkOption, boolean securityBarrier, boolean securityInvoker) {
        List<String> words = new java.util.ArrayList<>();
        if (checkOption != null) {
            words.add(CHECK_OPTION + checkOption);
        }
        if (securityBarrier) {
            words.add(SECURITY_BARRIER);
        }
        if (securityInvoker) {
            words.add(SECURITY_INVOKER);
        }
        return words.isEmpty() ? null : String.join(", ", words);
    }
}
