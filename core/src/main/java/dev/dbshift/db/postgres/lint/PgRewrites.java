package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rewrite;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mechanical rewrites of PostgreSQL findings, for {@code lint --fix}, by rule id. Each rewrite edits the statement's
 * text at a place found from its start (a comment between the leading keywords makes it refuse rather than guess),
 * and checks its own result by reading it back with {@link PgText}.
 */
final class PgRewrites {
    /** The lock_timeout a fixed migration starts with: long enough for a quiet table, short enough to be no outage. */
    static final String LOCK_TIMEOUT = "SET lock_timeout = '2s';";

    private static final Pattern CREATE_INDEX = Pattern.compile("(?i)^CREATE\\s+(?:UNIQUE\\s+)?INDEX(?=\\s)");
    private static final Pattern DROP_INDEX = Pattern.compile("(?i)^DROP\\s+INDEX(?=\\s)");

    private static final Map<String, Function<LintStatement, Rewrite>> BY_RULE = Map.of(
            PgIndexRules.INDEX_NOT_CONCURRENT.id(), st -> concurrently(st, CREATE_INDEX),
            PgIndexRules.DROP_INDEX_NOT_CONCURRENT.id(), st -> concurrently(st, DROP_INDEX),
            PgConstraintRules.CONSTRAINT_NOT_VALID.id(), PgRewrites::notValid,
            PgSessionRules.LOCK_TIMEOUT.id(), st -> Rewrite.header(LOCK_TIMEOUT));

    private PgRewrites() {
    }

    /** The rewrite of rule {@code id}'s finding at {@code statement}, when the rule has one. */
    static Optional<Rewrite> of(String id, LintStatement statement) {
        return Optional.ofNullable(BY_RULE.get(id)).map(f -> f.apply(statement));
    }

    /**
     * CONCURRENTLY after the leading {@code CREATE [UNIQUE] INDEX} / {@code DROP INDEX}, and the migration run outside a
     * transaction. Refused where that changes more than this statement: a script with its own BEGIN ... COMMIT, or
     * with statements other than SET and index builds and drops, which would then each commit on their own.
     */
    private static Rewrite concurrently(LintStatement st, Pattern head) {
        PgText t = PgText.of(st);
        if (t.at(0, "DROP") && (t.contains("CASCADE") || t.tokens().contains(","))) {
            return Rewrite.refused("DROP INDEX CONCURRENTLY drops one index and has no CASCADE: split the statement");
        }
        for (SqlStatement other : st.migration().statements()) {
            if (other.kind() == StatementKind.TRANSACTION_CONTROL) {
                return Rewrite.refused("the script controls its own transaction: move the index to a migration of its own");
            }
            if (other != st.statement() && !other.noTransaction() && st.migration().inTransaction() && !alongside(other)) {
                return Rewrite.refused("the migration's other statements would each commit on their own outside a"
                        + " transaction: move the index to a migration of its own");
            }
        }
        String sql = st.statement().sql();
        Matcher m = head.matcher(sql);
        if (!m.find()) {
            return Rewrite.refused("a comment inside the statement's leading keywords: add CONCURRENTLY by hand");
        }
        String rewritten = sql.substring(0, m.end()) + " CONCURRENTLY" + sql.substring(m.end());
        int at = t.at(0, "DROP") ? 2 : t.at(1, "UNIQUE") ? 3 : 2;
        if (!PgText.of(rewritten).at(at, "CONCURRENTLY")) {
            return Rewrite.refused("CONCURRENTLY could not be placed: add it by hand");
        }
        return Rewrite.statement(rewritten).withDirective("no-transaction");
    }

    /** A statement that may run outside a transaction beside an index built concurrently: a SET, another index. */
    private static boolean alongside(SqlStatement other) {
        PgText o = PgText.of(other.sql());
        return o.at(0, "SET") || o.at(0, "RESET") || o.at(0, "DROP", "INDEX")
                || o.at(0, "CREATE", "INDEX") || o.at(0, "CREATE", "UNIQUE", "INDEX");
    }

    /**
     * {@code NOT VALID} at the end of an {@code ALTER TABLE t ADD CONSTRAINT name CHECK|FOREIGN KEY ...} of one action,
     * and {@code ALTER TABLE t VALIDATE CONSTRAINT name} for a migration of its own after it (after the lock_timeout
     * header: VALIDATE waits for its own lock too). Refused for an unnamed
     * constraint (the server picks the name VALIDATE needs), several actions, ONLY, or a statement ending in a comment.
     */
    private static Rewrite notValid(LintStatement st) {
        PgText t = PgText.of(st);
        Optional<PgText.AlterTable> alter = t.alterTable();
        if (alter.isEmpty() || alter.get().actions().size() != 1) {
            return Rewrite.refused("the ALTER TABLE has several actions: put the constraint in an ALTER TABLE of its own");
        }
        int i = t.at(2, "IF", "EXISTS") ? 4 : 2;
        if (t.at(i, "ONLY")) {
            return Rewrite.refused("ALTER TABLE ONLY: validate the constraint on each partition by hand");
        }
        int tableEnd = t.nameEnd(i);
        int action = alter.get().actions().get(0)[0];
        int nameEnd = t.nameEnd(action + 2);
        if (!t.at(action, "ADD", "CONSTRAINT") || nameEnd == action + 2) {
            return Rewrite.refused("the constraint has no name for VALIDATE CONSTRAINT to use: name it (ADD CONSTRAINT name ...)");
        }
        String sql = st.statement().sql().stripTrailing();
        List<String> tokens = t.tokens();
        if (!sql.endsWith(tokens.get(tokens.size() - 1)) && !sql.toUpperCase(java.util.Locale.ROOT)
                .endsWith(tokens.get(tokens.size() - 1))) {
            return Rewrite.refused("the statement ends in a comment: add NOT VALID by hand");
        }
        String validate = "ALTER TABLE " + written(t, i, tableEnd) + " VALIDATE CONSTRAINT "
                + written(t, action + 2, nameEnd) + ";";
        return Rewrite.statement(sql + " NOT VALID").withFollowUp(LOCK_TIMEOUT + "\n" + validate);
    }

    /** Tokens {@code [from, to)} of a dotted name as they can be written back: quoted as written, bare lower case. */
    private static String written(PgText t, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (String token : t.tokens().subList(from, to)) {
            b.append(token.startsWith("\"") ? token : token.toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
