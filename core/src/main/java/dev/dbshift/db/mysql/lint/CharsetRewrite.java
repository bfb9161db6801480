package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A character set or collation change of existing data: {@code CONVERT TO CHARACTER SET} or a column redefined
 * with {@code CHARACTER SET}/{@code COLLATE}. Every row is rewritten, and the change can break what depends on
 * comparisons: a unique key may now collide, an index prefix may outgrow its limit. A table's default character
 * set ({@code ALTER TABLE t CHARACTER SET x}) changes no stored row and is not reported. Tables created earlier in
 * the same migration hold no data and are not reported either.
 */
final class CharsetRewrite implements Rule {

    @Override
    public String id() {
        return "mysql-charset-rewrite";
    }

    @Override
    public String why() {
        return "a character set or collation change rewrites every row and can make unique keys collide or index prefixes overflow";
    }

    @Override
    public String fix() {
        return "check unique keys under the new collation first, then convert with -- dbshift:online, one table per migration";
    }

    @Override
    public Level level() {
        return Level.WARN;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        Optional<MySqlDdl.AlterTable> alter = MySqlDdl.alterTable(MySqlDdl.tokens(statement));
        if (alter.isEmpty() || MySqlDdl.createdEarlier(statement, alter.get().table())) {
            return List.of();
        }
        String table = alter.get().table();
        List<Finding> out = new ArrayList<>();
        for (List<String> clause : alter.get().clauses()) {
            if (MySqlDdl.at(clause, 0, "CONVERT")) {
                out.add(statement.finding(this, "converts every text column of " + table + " to a new character set"));
                continue;
            }
            if (!MySqlDdl.at(clause, 0, "MODIFY") && !MySqlDdl.at(clause, 0, "CHANGE")) {
                continue;
            }
            for (MySqlDdl.Column c : MySqlDdl.alteredColumns(clause)) {
                if (c.has("CHARACTER") || c.has("CHARSET") || c.has("COLLATE")) {
                    out.add(statement.finding(this, "changes the character set or collation of " + table + "." + c.name()));
                }
            }
        }
        return out;
    }
}
