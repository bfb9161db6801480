package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.List;

/**
 * {@code ALGORITHM=COPY} or {@code LOCK=SHARED|EXCLUSIVE} written into an ALTER TABLE, CREATE INDEX or DROP INDEX:
 * the statement asks for the blocking way even where the server could do better.
 */
final class ExplicitCopyOrLock implements Rule {

    @Override
    public String id() {
        return "mysql-explicit-copy-or-lock";
    }

    @Override
    public String why() {
        return "ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE blocks writes to the table for the whole statement";
    }

    @Override
    public String fix() {
        return "ask for ALGORITHM=INSTANT or ALGORITHM=INPLACE, LOCK=NONE (the server refuses if it cannot), or use -- dbshift:online";
    }

    @Override
    public Level level() {
        return Level.ERROR;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        boolean ddl = statement.startsWith("ALTER") || statement.startsWith("CREATE") || statement.startsWith("DROP", "INDEX");
        if (!ddl || statement.migration().online() && statement.startsWith("ALTER")) {
            return List.of();
        }
        List<String> t = MySqlDdl.tokens(statement);
        int depth = 0;
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).equals("(")) {
                depth++;
            } else if (t.get(i).equals(")")) {
                depth--;
            }
            if (depth != 0 || !(t.get(i).equals("ALGORITHM") || t.get(i).equals("LOCK"))) {
                continue;
            }
            String value = t.get(i + 1).equals("=") && i + 2 < t.size() ? t.get(i + 2) : t.get(i + 1);
            if (t.get(i).equals("ALGORITHM") && value.equals("COPY")
                    || t.get(i).equals("LOCK") && (value.equals("SHARED") || value.equals("EXCLUSIVE"))) {
                return List.of(statement.finding(this, t.get(i) + "=" + value + " blocks writes to the table"));
            }
        }
        return List.of();
    }
}
