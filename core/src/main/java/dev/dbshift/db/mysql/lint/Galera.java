package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.LintMigration.ServerFacts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the server's facts say of Galera: whether the connected server is a Galera node ({@code wsrep_on}), and how
 * it runs DDL ({@code wsrep_OSU_method}: TOI, every node at the same point of the replication order while the
 * cluster's other writes wait; RSU, this node only, not replicated).
 */
final class Galera {
    /** The first words of a statement that changes the schema (and so runs as TOI or RSU on a Galera node). */
    static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "OPTIMIZE");
    /** The first words of a statement that changes rows (replicated at its transaction's commit). */
    static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE");

    private Galera() {
    }

    /** The node's {@code wsrep_OSU_method} (upper case) when the facts come from a Galera node; empty otherwise. */
    static Optional<String> osuMethod(ServerFacts facts) {
        if (!"ON".equalsIgnoreCase(facts.settings().get("wsrep_on"))) {
            return Optional.empty();
        }
        return Optional.of(facts.settings().getOrDefault("wsrep_osu_method", "TOI").toUpperCase(Locale.ROOT));
    }
}
