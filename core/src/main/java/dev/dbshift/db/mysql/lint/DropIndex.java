package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dropping an index of an existing table ({@code DROP INDEX i ON t}, {@code ALTER TABLE t DROP INDEX|KEY i}). A query
 * that still uses it turns into a full scan at once, and getting the index back takes a full build. MySQL 8.0 can
 * make an index INVISIBLE and MariaDB 10.6 IGNORED first: the optimizer stops using it, and undoing that is instant.
 */
final class DropIndex implements Rule {

    @Override
    public String id() {
        return "mysql-drop-index";
    }

    @Override
    public String why() {
        return "a query that still uses the index becomes a full table scan, and rebuilding the index takes as long as the table is large";
    }

    @Override
    public String fix() {
        return "first ALTER TABLE t ALTER INDEX i INVISIBLE (MySQL 8.0) / IGNORED (MariaDB 10.6) in its own migration, watch, then drop";
    }

    @Override
    public Level level() {
        return Level.WARN;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        List<String> t = MySqlDdl.tokens(statement);
        List<String[]> dropped = new ArrayList<>(); // {table, index}
        if (statement.startsWith("DROP", "INDEX")) {
            int on = t.indexOf("ON");
            if (on > 2 && on + 1 < t.size()) {
                String table = MySqlDdl.at(t, on + 2, ".") && on + 3 < t.size() ? t.get(on + 3) : t.get(on + 1);
                dropped.add(new String[]{MySqlDdl.name(table), MySqlDdl.name(t.get(on - 1))});
            }
        }
        MySqlDdl.alterTable(t).ifPresent(alter -> {
            for (List<String> clause : alter.clauses()) {
                if (MySqlDdl.at(clause, 0, "DROP") && (MySqlDdl.at(clause, 1, "INDEX") || MySqlDdl.at(clause, 1, "KEY"))) {
                    int name = MySqlDdl.at(clause, 2, "IF") ? 4 : 2;
                    if (name < clause.size()) {
                        dropped.add(new String[]{alter.table(), MySqlDdl.name(clause.get(name))});
                    }
                }
            }
        });
        Optional<MySqlServer> server = MySqlServer.of(statement.migration().facts());
        String hide = hideKeyword(server);
        List<Finding> out = new ArrayList<>();
        for (String[] d : dropped) {
            if (MySqlDdl.createdEarlier(statement, d[0])) {
                continue;
            }
            out.add(statement.finding(this, "drops index " + d[1] + " of " + d[0] + (hide == null
                    ? ": this server cannot hide an index first; check that no query uses it"
                    : ": make it " + hide + " in an earlier migration first")));
        }
        return out;
    }

    /** How this server hides an index from the optimizer, or null when it cannot. */
    private static String hideKeyword(Optional<MySqlServer> server) {
        if (server.isEmpty()) {
            return "INVISIBLE (MySQL 8.0) / IGNORED (MariaDB 10.6)";
        }
        MySqlServer s = server.get();
        if (s.mariaDb()) {
            return s.atLeast(10, 6, 0) ? "IGNORED" : null;
        }
        return s.atLeast(8, 0, 0) ? "INVISIBLE" : null;
    }
}
