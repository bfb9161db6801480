package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rewrite;
import dev.dbshift.lint.Rule;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementKind;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An ALTER TABLE on an existing table that the server will run by copying or rebuilding it (see
 * {@link AlterAlgorithm}). Silent for a migration marked {@code -- dbshift:online} (the online engine copies in
 * chunks without blocking), for a table created earlier in the same migration, and when the statement itself
 * demands {@code ALGORITHM=INSTANT} or {@code LOCK=NONE} (the server then refuses instead). An error when the
 * connected server counts more than {@value #LARGE} rows in the table.
 */
final class AlterCopiesTable implements Rule {
    static final long LARGE = 1_000_000;

    @Override
    public String id() {
        return "mysql-alter-copies-table";
    }

    @Override
    public String why() {
        return "an ALTER that copies or rebuilds the table blocks writes or rewrites every row, for as long as the table is large";
    }

    @Override
    public String fix() {
        return "add -- dbshift:online to the migration (chunked copy, no write lock), or split out the instant part";
    }

    @Override
    public Level level() {
        return Level.WARN;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        if (statement.migration().online()) {
            return List.of();
        }
        Optional<MySqlDdl.AlterTable> alter = MySqlDdl.alterTable(MySqlDdl.tokens(statement));
        if (alter.isEmpty() || MySqlDdl.createdEarlier(statement, alter.get().table())
                || AlterAlgorithm.refusesToCopy(alter.get().clauses())) {
            return List.of();
        }
        Optional<MySqlServer> server = MySqlServer.of(statement.migration().facts());
        List<List<String>> clauses = alter.get().clauses();
        Optional<AlterAlgorithm.Expected> worst = clauses.stream()
                .flatMap(c -> AlterAlgorithm.of(c, clauses, server).stream())
                .max(Comparator.comparing(AlterAlgorithm.Expected::cost));
        if (worst.isEmpty()) {
            return List.of();
        }
        String table = alter.get().table();
        Long rows = statement.migration().facts().rowCounts().get(table);
        String message = "ALTER TABLE " + table + (worst.get().cost() == AlterAlgorithm.Cost.COPY ? " copies" : " rebuilds")
                + " the table" + server.map(s -> " on " + s).orElse("") + ": expected " + worst.get().cost().algorithm
                + " for " + worst.get().reason() + (rows == null ? "" : "; the table has about " + rows + " rows");
        Finding finding = statement.finding(this, message);
        if (rows != null && rows > LARGE) {
            finding = new Finding(finding.rule(), Level.ERROR, finding.file(), finding.line(), finding.column(),
                    finding.message(), finding.fix());
        }
        return List.of(finding);
    }

    /**
     * {@code -- dbshift:online} on the migration; refused when the script controls its own transactions or locks
     * (BEGIN, LOCK TABLES): the online engine copies in chunks on connections of its own, which those would block.
     */
    @Override
    public Optional<Rewrite> rewrite(LintStatement statement) {
        for (SqlStatement other : statement.migration().statements()) {
            List<String> t = MySqlDdl.tokens(other.sql());
            if (other.kind() == StatementKind.TRANSACTION_CONTROL || !t.isEmpty() && t.get(0).equalsIgnoreCase("LOCK")) {
                return Optional.of(Rewrite.refused("the script controls its own transactions or table locks, which the"
                        + " online change cannot run inside: move the ALTER to a migration of its own"));
            }
        }
        return Optional.of(Rewrite.directive("online"));
    }
}
