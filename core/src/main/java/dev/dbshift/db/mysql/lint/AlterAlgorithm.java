package dev.dbshift.db.mysql.lint;

import java.util.List;
import java.util.Optional;

import static dev.dbshift.db.mysql.lint.MySqlDdl.at;
import static dev.dbshift.db.mysql.lint.MySqlDdl.hasTopLevel;

/**
 * Predicts how the server runs one ALTER TABLE clause, after the online DDL tables of the MySQL 8.0 manual
 * ("Online DDL Operations") and MariaDB's "InnoDB Online DDL Operations" pages. Only what costs more than INSTANT or
 * INPLACE without a rebuild is named; a clause it does not know costs nothing here, so the rule it serves stays
 * quiet rather than guess. An unknown server is read as one that predates instant ADD/DROP COLUMN (MySQL 8.0.29,
 * MariaDB 10.4), and the message says so.
 */
final class AlterAlgorithm {
    private static final int[] MYSQL_INSTANT_ANYWHERE = {8, 0, 29};
    private static final int[] MARIADB_INSTANT_ANYWHERE = {10, 4, 0};
    private static final int[] MYSQL_INSTANT_LAST = {8, 0, 12};
    private static final int[] MARIADB_INSTANT_LAST = {10, 3, 2};

    private AlterAlgorithm() {
    }

    /** The cost of a clause, worst last. */
    enum Cost {
        REBUILD("ALGORITHM=INPLACE with a full table rebuild (every row rewritten)"),
        SHARED("ALGORITHM=INPLACE with LOCK=SHARED (writes wait)"),
        COPY("ALGORITHM=COPY (the table is copied and writes wait)");

        final String algorithm;

        Cost(String algorithm) {
            this.algorithm = algorithm;
        }
    }

    /**
     * What one clause is expected to cost, and why.
     *
     * @param cost   the expected algorithm
     * @param reason the clause, in a few words
     */
    record Expected(Cost cost, String reason) {
    }

    /** The cost of {@code clause} (one of {@code clauses}) on {@code server}, when more than INSTANT or a cheap INPLACE. */
    static Optional<Expected> of(List<String> clause, List<List<String>> clauses, Optional<MySqlServer> server) {
        String verb = clause.isEmpty() ? "" : clause.get(0);
        switch (verb) {
            case "ADD":
                return add(clause, server);
            case "DROP":
                return drop(clause, clauses, server);
            case "MODIFY":
            case "CHANGE":
                return expect(Cost.COPY, verb + " COLUMN: a type change copies the table (only a rename, a default or"
                        + " a VARCHAR growth within its length byte is in place)");
            case "CONVERT":
                return expect(Cost.COPY, "CONVERT TO CHARACTER SET rewrites every text column");
            case "ORDER":
                return expect(Cost.COPY, "ORDER BY");
            case "REMOVE":
                return expect(Cost.COPY, "REMOVE PARTITIONING");
            case "PARTITION":
                return at(clause, 1, "BY") ? expect(Cost.COPY, "PARTITION BY") : Optional.empty();
            case "FORCE":
                return expect(Cost.REBUILD, "FORCE");
            case "ROW_FORMAT":
            case "KEY_BLOCK_SIZE":
                return expect(Cost.REBUILD, verb);
            case "ENGINE":
                return clause.stream().anyMatch(t -> t.equals("INNODB") || t.equalsIgnoreCase("'InnoDB'"))
                        ? expect(Cost.REBUILD, "ENGINE=InnoDB") : expect(Cost.COPY, "a change of storage engine");
            default:
                return Optional.empty();
        }
    }

    /** True when the statement itself forbids a copy or a write lock: the server then refuses rather than copies. */
    static boolean refusesToCopy(List<List<String>> clauses) {
        for (List<String> clause : clauses) {
            String value = clause.size() > 1 ? clause.get(clause.get(1).equals("=") ? 2 : 1) : "";
            if (at(clause, 0, "ALGORITHM") && (value.equals("INSTANT") || value.equals("NOCOPY"))
                    || at(clause, 0, "LOCK") && value.equals("NONE")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Expected> add(List<String> clause, Optional<MySqlServer> server) {
        int kind = at(clause, 1, "CONSTRAINT") ? (clause.size() > 2 && !clause.get(2).equals("PRIMARY")
                && !clause.get(2).equals("FOREIGN") ? 3 : 2) : 1;
        String word = kind < clause.size() ? clause.get(kind) : "";
        switch (word) {
            case "PRIMARY":
                return expect(Cost.REBUILD, "ADD PRIMARY KEY");
            case "FOREIGN":
                return expect(Cost.COPY, "ADD FOREIGN KEY (in place only with foreign_key_checks=0)");
            case "FULLTEXT":
            case "SPATIAL":
                return expect(Cost.SHARED, "ADD " + word + " INDEX");
            default:
                break;
        }
        List<MySqlDdl.Column> columns = MySqlDdl.alteredColumns(clause);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        for (MySqlDdl.Column c : columns) {
            if (c.has("STORED") || c.has("PERSISTENT")) {
                return expect(Cost.COPY, "ADD COLUMN " + c.name() + " as a stored generated column");
            }
            if (c.has("AUTO_INCREMENT")) {
                return expect(Cost.SHARED, "ADD COLUMN " + c.name() + " AUTO_INCREMENT");
            }
        }
        boolean last = !hasTopLevel(clause, "FIRST") && !hasTopLevel(clause, "AFTER");
        String what = "ADD COLUMN " + columns.get(0).name() + (last ? "" : " not as the last column");
        if (server.isEmpty()) {
            return expect(Cost.REBUILD, what + " (unless the server is MySQL 8.0.29+ or MariaDB 10.4+"
                    + (last ? ", or 8.0.12+ or 10.3.2+ for a last column" : "") + ", where it is INSTANT)");
        }
        MySqlServer s = server.get();
        if (s.atLeast(MYSQL_INSTANT_ANYWHERE, MARIADB_INSTANT_ANYWHERE) || last && s.atLeast(MYSQL_INSTANT_LAST, MARIADB_INSTANT_LAST)) {
            return Optional.empty();
        }
        return expect(Cost.REBUILD, what);
    }

    private static Optional<Expected> drop(List<String> clause, List<List<String>> clauses, Optional<MySqlServer> server) {
        String word = clause.size() > 1 ? clause.get(1) : "";
        if (word.equals("PRIMARY")) {
            boolean replaced = clauses.stream().anyMatch(c -> at(c, 0, "ADD")
                    && (at(c, 1, "PRIMARY") || at(c, 1, "CONSTRAINT") && c.contains("PRIMARY")));
            return replaced ? expect(Cost.REBUILD, "DROP PRIMARY KEY with ADD PRIMARY KEY")
                    : expect(Cost.COPY, "DROP PRIMARY KEY without a new one");
        }
        if (java.util.Set.of("INDEX", "KEY", "FOREIGN", "CONSTRAINT", "CHECK", "PARTITION", "SYSTEM", "PERIOD",
                "DEFAULT").contains(word)) {
            return Optional.empty();
        }
        if (server.isPresent() && server.get().atLeast(MYSQL_INSTANT_ANYWHERE, MARIADB_INSTANT_ANYWHERE)) {
            return Optional.empty();
        }
        int name = at(clause, 1, "COLUMN") ? 2 : 1;
        String column = name < clause.size() ? MySqlDdl.name(clause.get(name)) : "";
        return expect(Cost.REBUILD, "DROP COLUMN " + column
                + (server.isEmpty() ? " (unless the server is MySQL 8.0.29+ or MariaDB 10.4+, where it is INSTANT)" : ""));
    }

    private static Optional<Expected> expect(Cost cost, String reason) {
        return Optional.of(new Expected(cost, reason));
    }
}
