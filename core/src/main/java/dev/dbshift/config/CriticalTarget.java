package dev.dbshift.config;

/**
 * The database a critical environment points at, from {@code dbshift.toml} alone (its top level and its
 * {@code [environments.NAME]} table; environment variables and flags are what another run may use to
 * reach it under another name). {@code reset} refuses any target that resolves to one of these.
 *
 * @param url        the JDBC URL, or null when it cannot be known
 * @param schema     the first of its {@code schemas}, or null for the URL's default
 * @param origin     where it is written, for messages
 * @param unresolved why the URL cannot be known (e.g. a {@code ${env:NAME}} that is not set), else null
 */
public record CriticalTarget(String environment, String url, String schema, String origin, String unresolved) {
}
