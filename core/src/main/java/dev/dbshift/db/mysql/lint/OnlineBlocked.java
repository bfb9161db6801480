package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;
import dev.dbshift.sql.SqlStatement;

import java.util.List;
import java.util.Optional;

/**
 * A {@code -- dbshift:online} migration that gives a table what the online engine refuses: a foreign key (the swap
 * would leave it pointing at the old table) or a trigger of its own on a table the migration alters online (the
 * engine captures changes with triggers and cannot keep others across the swap). The engine refuses at run time,
 * after the statements before it ran; this says so before anything runs. Connected, the server's facts add what the
 * live table already has ({@code ServerFacts.onlineBlockers}).
 */
final class OnlineBlocked implements Rule {

    @Override
    public String id() {
        return "mysql-online-blocked";
    }

    @Override
    public String why() {
        return "the online engine refuses a table with foreign keys or triggers of its own: the migration stops at that ALTER";
    }

    @Override
    public String fix() {
        return "add foreign keys and triggers in a separate migration without -- dbshift:online, after the online change";
    }

    @Override
    public Level level() {
        return Level.ERROR;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        if (!statement.migration().online()) {
            return List.of();
        }
        List<String> t = MySqlDdl.tokens(statement);
        Optional<MySqlDdl.AlterTable> alter = MySqlDdl.alterTable(t);
        if (alter.isPresent() && alter.get().clauses().stream().anyMatch(c -> c.contains("FOREIGN") || c.contains("REFERENCES"))) {
            return List.of(statement.finding(this, "adds a foreign key to " + alter.get().table()
                    + " in an online migration: the online engine refuses tables with foreign keys"));
        }
        // connected: what the live table already has
        String has = alter.map(a -> statement.migration().facts().onlineBlockers().get(a.table())).orElse(null);
        if (has != null && !MySqlDdl.createdEarlier(statement, alter.get().table())) {
            return List.of(statement.finding(this, alter.get().table() + " has " + has
                    + ": the online engine refuses it (drop them before the online change, re-add after)"));
        }
        return triggerTable(t).filter(table -> altersOnline(statement, table))
                .map(table -> List.of(statement.finding(this, "creates a trigger on " + table + ", which this online migration"
                        + " alters: the online engine refuses tables with triggers of their own")))
                .orElse(List.of());
    }

    /** The table of a CREATE [DEFINER = ...] TRIGGER name ... ON table. */
    private static Optional<String> triggerTable(List<String> t) {
        if (!MySqlDdl.at(t, 0, "CREATE") || !t.contains("TRIGGER")) {
            return Optional.empty();
        }
        int on = t.indexOf("ON");
        if (on < t.indexOf("TRIGGER") || on + 1 >= t.size()) {
            return Optional.empty();
        }
        boolean qualified = MySqlDdl.at(t, on + 2, ".") && on + 3 < t.size();
        return Optional.of(MySqlDdl.name(t.get(qualified ? on + 3 : on + 1)));
    }

    private static boolean altersOnline(LintStatement statement, String table) {
        for (SqlStatement other : statement.migration().statements()) {
            if (MySqlDdl.alterTable(MySqlDdl.tokens(other.sql())).filter(a -> a.table().equals(table)).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
