package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.List;
import java.util.Optional;

/**
 * DDL on a Galera node (connected: {@code wsrep_on}). With {@code wsrep_OSU_method=TOI} (the default) a statement
 * runs on every node at the same point of the replication order, and the cluster's other writes wait until it ends
 * on all of them: so an ALTER that copies or rebuilds an existing table, or builds an index on one, blocks the whole
 * cluster for as long as the table is large, where on one server it would block that table only. With {@code RSU}
 * a statement runs on this node only and is not replicated: the other nodes never get it. Silent for a
 * {@code -- dbshift:online} migration (its triggers and chunked copy replicate as ordinary writes, and only the
 * cut-over RENAME is TOI) and for tables created earlier in the same migration.
 */
final class GaleraDdl implements Rule {

    @Override
    public String id() {
        return "mysql-galera-ddl";
    }

    @Override
    public String why() {
        return "on Galera, DDL in TOI blocks the writes of every node until it ends; in RSU it is not replicated at all";
    }

    @Override
    public String fix() {
        return "add -- dbshift:online to the migration (triggers and a chunked copy replicate; only the cut-over RENAME is TOI)";
    }

    @Override
    public Level level() {
        return Level.WARN;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        Optional<String> method = Galera.osuMethod(statement.migration().facts());
        if (method.isEmpty() || statement.migration().online() || statement.words().isEmpty()
                || !Galera.DDL.contains(statement.words().get(0))) {
            return List.of();
        }
        if (!method.get().equals("TOI")) {
            return List.of(statement.finding(this, "wsrep_OSU_method is " + method.get() + " on this Galera node: this "
                    + statement.words().get(0) + " runs on this node only and is not replicated; the other nodes never get it"));
        }
        return blockingTable(statement).map(table -> {
            Long rows = statement.migration().facts().rowCounts().get(table);
            return List.of(statement.finding(this, "runs in TOI on this Galera node: it " + (statement.startsWith("OPTIMIZE")
                    ? "rebuilds " : statement.startsWith("ALTER") ? "copies, rebuilds or indexes " : "builds an index on ") + table
                    + " on every node at once, and the writes of the whole cluster wait until it ends"
                    + (rows == null ? "" : " (about " + rows + " rows)")));
        }).orElse(List.of());
    }

    /** The existing table the statement copies, rebuilds or indexes, when it does. */
    private static Optional<String> blockingTable(LintStatement statement) {
        List<String> t = MySqlDdl.tokens(statement);
        Optional<String> table = Optional.empty();
        Optional<MySqlDdl.AlterTable> alter = MySqlDdl.alterTable(t);
        if (alter.isPresent()) {
            List<List<String>> clauses = alter.get().clauses();
            Optional<MySqlServer> server = MySqlServer.of(statement.migration().facts());
            boolean heavy = !AlterAlgorithm.refusesToCopy(clauses) && (clauses.stream()
                    .anyMatch(c -> !AlterAlgorithm.of(c, clauses, server).isEmpty() || addsIndex(c)));
            table = heavy ? Optional.of(alter.get().table()) : Optional.empty();
        } else if (statement.startsWith("CREATE") && t.contains("INDEX")) {
            int on = t.indexOf("ON");
            if (on > 0 && on + 1 < t.size()) {
                table = Optional.of(MySqlDdl.name(MySqlDdl.at(t, on + 2, ".") && on + 3 < t.size() ? t.get(on + 3) : t.get(on + 1)));
            }
        } else if (statement.startsWith("OPTIMIZE") && t.size() > 2) {
            table = Optional.of(MySqlDdl.name(t.get(t.size() > 4 && MySqlDdl.at(t, 3, ".") ? 4 : 2)));
        }
        return table.filter(name -> !MySqlDdl.createdEarlier(statement, name));
    }

    private static boolean addsIndex(List<String> clause) {
        return MySqlDdl.at(clause, 0, "ADD") && clause.size() > 1 && List.of("INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL")
                .contains(clause.get(1));
    }
}
