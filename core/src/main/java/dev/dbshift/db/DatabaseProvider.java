package dev.dbshift.db;

/** Service-loaded factory: the first provider that accepts a JDBC URL serves it. */
public interface DatabaseProvider {
    boolean accepts(String jdbcUrl);

    Database create();
}
