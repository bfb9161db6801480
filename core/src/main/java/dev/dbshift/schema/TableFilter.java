package dev.dbshift.schema;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tables a reader puts in the model. For checksums and diffs: all but the ones named
 * (compared without case, because vendors fold names differently) and every table whose name
 * starts with {@code dbshift_}, dbshift's own. For a dump: everything.
 */
public record TableFilter(Set<String> excluded, boolean excludeOwn) {
    public static final String OWN_PREFIX = "dbshift_";

    public TableFilter {
        excluded = excluded.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The named tables and dbshift's own left out. */
    public static TableFilter excluding(Set<String> tables) {
        return new TableFilter(tables, true);
    }

    /** Nothing left out, dbshift's tables included. */
    public static TableFilter everything() {
        return new TableFilter(Set.of(), false);
    }

    public boolean includes(String table) {
        String lower = table.toLowerCase(Locale.ROOT);
        return !(excludeOwn && lower.startsWith(OWN_PREFIX)) && !excluded.contains(lower);
    }
}
