package dev.dbshift.sql;

import java.util.List;
import java.util.Set;

/**
 * The statement kinds every SQL dialect agrees on, by first word. Vendors refine it in their
 * {@link ScriptRules#kind} (MariaDB's {@code BEGIN NOT ATOMIC} is a block, not a transaction).
 */
public final class StatementClassifier {

    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "COMMENT",
            "GRANT", "REVOKE", "REINDEX", "CLUSTER", "SECURITY", "IMPORT", "REFRESH");
    private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "WITH",
            "VALUES", "TABLE", "COPY", "CALL", "REPLACE", "UPSERT", "LOAD", "HANDLER", "EXECUTE", "EXEC");
    private static final Set<String> TRANSACTION = Set.of("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE",
            "END", "ABORT", "PREPARE");

    private StatementClassifier() {
    }

    public static StatementKind kind(List<String> words) {
        int i = 0;
        while (i < words.size() && words.get(i).equals("(")) {
            i++; // (SELECT ...) UNION ...
        }
        if (i >= words.size()) {
            return StatementKind.OTHER;
        }
        String first = words.get(i);
        String second = i + 1 < words.size() ? words.get(i + 1) : "";
        if (DDL.contains(first)) {
            return StatementKind.DDL;
        }
        if (first.equals("START")) {
            return second.equals("TRANSACTION") ? StatementKind.TRANSACTION_CONTROL : StatementKind.OTHER;
        }
        if (first.equals("PREPARE")) {
            return second.equals("TRANSACTION") ? StatementKind.TRANSACTION_CONTROL : StatementKind.OTHER;
        }
        if (DML.contains(first)) {
            return StatementKind.DML;
        }
        if (TRANSACTION.contains(first)) {
            return StatementKind.TRANSACTION_CONTROL;
        }
        return StatementKind.OTHER;
    }

    /**
     * True for an {@code ALTER TABLE} statement (the one statement an online change engine takes
     * over), read past leading comments and in any letter case.
     */
    public static boolean isAlterTable(String sql) {
        return startsWith(StatementEffect.firstWords(sql, 2), 0, "ALTER", "TABLE");
    }

    /** The words at {@code from}, {@code from+1}, ... equal {@code expected}. */
    public static boolean startsWith(List<String> words, int from, String... expected) {
        if (from + expected.length > words.size()) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!words.get(from + i).equals(expected[i])) {
                return false;
            }
        }
        return true;
    }
}
