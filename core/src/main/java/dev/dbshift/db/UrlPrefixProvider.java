package dev.dbshift.db;

import java.util.List;
import java.util.function.Supplier;

/**
 * The usual {@link DatabaseProvider}: it serves the JDBC URLs that start with one of its prefixes, with a
 * fresh {@link Database} for each. A vendor's provider names its prefixes and its constructor, nothing more
 * (ServiceLoader still needs a class of the vendor's own with a public no-argument constructor).
 */
public abstract class UrlPrefixProvider implements DatabaseProvider {
    private final Supplier<Database> factory;
    private final List<String> prefixes;

    protected UrlPrefixProvider(Supplier<Database> factory, String... prefixes) {
        this.factory = factory;
        this.prefixes = List.of(prefixes);
    }

    @Override
    public final boolean accepts(String jdbcUrl) {
        return prefixes.stream().anyMatch(jdbcUrl::startsWith);
    }

    @Override
    public final Database create() {
        return factory.get();
    }
}
