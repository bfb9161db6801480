package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementEffect;

import java.util.List;
import java.util.Optional;

/**
 * A migration that mixes DDL and row changes, on a Galera node (connected: {@code wsrep_on}). Each DDL statement
 * replicates on its own, in TOI, before it runs; the row changes replicate when their transaction commits, and a
 * DDL in between commits them implicitly. So the migration is never one unit on the cluster: a failure (a
 * certification conflict with an application write, a node leaving) between the two leaves it half done on every
 * node, for the next run to resume. Reported once, at the statement that makes the mix.
 */
final class GaleraMixedDdlDml implements Rule {

    @Override
    public String id() {
        return "mysql-galera-mixed-ddl-dml";
    }

    @Override
    public String why() {
        return "on Galera each DDL replicates on its own in TOI and row changes at their commit: the migration is never atomic";
    }

    @Override
    public String fix() {
        return "split it: one migration for the DDL, another for the row changes";
    }

    @Override
    public Level level() {
        return Level.WARN;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        if (Galera.osuMethod(statement.migration().facts()).isEmpty()) {
            return List.of();
        }
        Optional<Boolean> kind = ddl(statement.words());
        if (kind.isEmpty()) {
            return List.of();
        }
        List<SqlStatement> all = statement.migration().statements();
        int before = Math.min(statement.ordinal() - 1, all.size());
        boolean ddl = false;
        boolean dml = false;
        for (int i = 0; i < before; i++) {
            Optional<Boolean> k = ddl(StatementEffect.firstWords(all.get(i).sql(), 1));
            ddl |= k.orElse(false);
            dml |= k.map(b -> !b).orElse(false);
        }
        if (ddl && dml || !(kind.get() ? dml : ddl)) {
            return List.of();   // mixed already (reported there), or not mixed by this statement
        }
        return List.of(statement.finding(this, (kind.get() ? "this DDL follows row changes" : "these row changes follow DDL")
                + " in one migration on a Galera node: the DDL replicates on its own in TOI, the rows at their commit,"
                + " so a failure between them leaves the migration half done on every node"));
    }

    /** True for DDL, false for a row change, empty for anything else (a SELECT, a SET). */
    private static Optional<Boolean> ddl(List<String> words) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return Galera.DDL.contains(words.get(0)) ? Optional.of(true) : Galera.DML.contains(words.get(0)) ? Optional.of(false) : Optional.empty();
    }
}
