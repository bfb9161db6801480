package dev.dbshift.schema;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tables a reader leaves out: the ones named (compared without case, because vendors fold
 * names differently) and every table whose name starts with {@code dbshift_}, dbshift's own.
 */
public record TableFilter(Set<String> excluded) {
    public static final String OWN_PREFIX = "dbshift_";

    public TableFilter {
        excluded = excluded.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean includes(String table) {
        String lower = table.toLowerCase(Locale.ROOT);
        return !lower.startsWith(OWN_PREFIX) && !excluded.contains(lower);
    }
}
