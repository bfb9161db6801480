package dev.dbshift.lint;

import dev.dbshift.sql.SqlStatement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migration a statement belongs to, as rules that look beyond one statement need it.
 *
 * @param label         the migration's label ({@code 2 add index})
 * @param statements    every statement of its up script(s), in order
 * @param inTransaction true when the executor runs it in one transaction (no {@code -- dbshift:no-transaction})
 * @param online        true when it carries {@code -- dbshift:online}
 * @param hasDown       true when it has a down script
 * @param facts         what is known of the target database (offline: the declared server version only)
 */
public record LintMigration(String label, List<SqlStatement> statements, boolean inTransaction, boolean online,
                            boolean hasDown, ServerFacts facts) {

    /**
     * What the linter knows of the database: the server's version when connected or declared
     * ({@code [lint] server_version}), and row counts of existing tables when connected.
     *
     * @param version   e.g. {@code 16.4} or {@code 11.4.5-MariaDB}; empty offline without a declared version
     * @param rowCounts estimated rows per table name (lower case, unqualified); empty offline
     */
    public record ServerFacts(Optional<String> version, Map<String, Long> rowCounts, Map<String, String> onlineBlockers,
                              Map<String, String> settings) {
        public static final ServerFacts NONE = new ServerFacts(Optional.empty(), Map.of());

        /**
         * @param onlineBlockers per existing table (lower case, unqualified), what it has that an online change cannot
         *                       carry across its swap (foreign keys, triggers), as a phrase; empty offline
         * @param settings       server variables a vendor's rules read (lower case name, e.g. {@code wsrep_osu_method} on a
         *                       Galera node), as the server reports them; empty offline
         */
        public ServerFacts {
            rowCounts = Map.copyOf(rowCounts);
            onlineBlockers = Map.copyOf(onlineBlockers);
            settings = Map.copyOf(settings);
        }

        /** Facts without server settings. */
        public ServerFacts(Optional<String> version, Map<String, Long> rowCounts, Map<String, String> onlineBlockers) {
            this(version, rowCounts, onlineBlockers, Map.of());
        }

        /** Facts without what blocks an online change (offline, or a database without an online engine). */
        public ServerFacts(Optional<String> version, Map<String, Long> rowCounts) {
            this(version, rowCounts, Map.of());
        }

        /** The major version number ({@code 16} of {@code 16.4}), when known. */
        public Optional<Integer> major() {
            return version.map(v -> v.replaceAll("^(\\d+).*$", "$1")).filter(v -> v.matches("\\d+")).map(Integer::valueOf);
        }
    }
}
