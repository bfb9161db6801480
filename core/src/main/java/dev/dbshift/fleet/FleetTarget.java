package dev.dbshift.fleet;

/**
 * One database of a fleet: reached by an environment of dbshift.toml, or by a URL (and a schema in it).
 *
 * @param name        how reports and the progress name it (an environment's name, or the URL without credentials
 *                    and parameters, {@code #schema} after it); unique in a fleet, the key of the fleet report
 * @param environment the environment that reaches it, or null
 * @param url         the URL as given (credentials in it are split out when it is loaded), or null for an environment's
 * @param schema      the schema (database on MySQL/MariaDB) to work in, or null for the URL's or environment's
 * @param server      the server it lives on ({@code host:port}), what the per-server limit counts by
 */
public record FleetTarget(String name, String environment, String url, String schema, String server) {
}
