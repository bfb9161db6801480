package dev.dbshift.sql;

import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.testing.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored programs of random shape (nested BEGIN, IF / ELSEIF / ELSE, CASE statements and expressions,
 * LOOP, WHILE, REPEAT, FOR, labels, the IF() and REPEAT() functions, handlers), written without
 * DELIMITER, come out of the splitter as one statement each; a sample of them is created on MariaDB to
 * prove the generated programs are real ones.
 */
class MySqlCompoundProperties {

    private static TestDatabase db;

    @BeforeContainer
    static void open() {
        db = TestDatabase.create(TestDatabase.Vendor.MARIADB);
    }

    @AfterContainer
    static void close() {
        db.close();
    }

    @Provide
    Arbitrary<String> programs() {
        Arbitrary<String> body = statements(3);
        return Arbitraries.of(0, 1, 2).flatMap(kind -> body.map(b -> switch (kind) {
            case 0 -> "CREATE PROCEDURE p()\nBEGIN\n  DECLARE x INT DEFAULT 0;\n  DECLARE d INT DEFAULT 0;\n"
                    + "  DECLARE CONTINUE HANDLER FOR NOT FOUND SET d = 1;\n" + b + "\nEND";
            case 1 -> "CREATE FUNCTION f() RETURNS INT\nBEGIN\n  DECLARE x INT DEFAULT 0;\n  DECLARE d INT DEFAULT 0;\n"
                    + b + "\n  RETURN x;\nEND";
            default -> "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  DECLARE x INT DEFAULT 0;\n"
                    + "  DECLARE d INT DEFAULT 0;\n" + b + "\nEND";
        }));
    }

    private Arbitrary<String> statements(int depth) {
        return statement(depth).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(";\n", l) + ";");
    }

    private Arbitrary<String> statement(int depth) {
        Arbitrary<String> simple = Arbitraries.of(
                "SET x = x + 1",
                "SET x = IF(x > 1, 1, 2)",
                "SET x = CASE WHEN x = 1 THEN 2 ELSE 3 END",
                "SET d = LENGTH(REPEAT('a', 2))",
                "SET x = (SELECT COUNT(*) FROM t WHERE a = 1)",
                "SET x = CASE x WHEN 1 THEN IF(d = 0, 1, 2) ELSE IF(d = 1, 3, 4) END",
                "SET x = (SELECT MAX(a) FROM t WHERE a > x)");
        if (depth == 0) {
            return simple;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> statements(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, simple),
                net.jqwik.api.Tuple.of(1, inner.map(s -> "IF x > 1 THEN " + s + " END IF")),
                net.jqwik.api.Tuple.of(1, inner.list().ofSize(3).map(l -> "IF (x > 1) THEN " + l.get(0) + " ELSEIF x < 0 THEN "
                        + l.get(1) + " ELSE " + l.get(2) + " END IF")),
                net.jqwik.api.Tuple.of(1, inner.map(s -> "lbl" + depth + ": LOOP " + s + " LEAVE lbl" + depth + "; END LOOP lbl" + depth)),
                net.jqwik.api.Tuple.of(1, inner.map(s -> "WHILE x < 3 DO " + s + " SET x = x + 1; END WHILE")),
                net.jqwik.api.Tuple.of(1, inner.map(s -> "REPEAT " + s + " UNTIL x > 2 END REPEAT")),
                net.jqwik.api.Tuple.of(1, inner.map(s -> "FOR i IN 1..2 DO " + s + " END FOR")),
                net.jqwik.api.Tuple.of(1, inner.map(s -> "BEGIN " + s + " END")),
                net.jqwik.api.Tuple.of(1, inner.list().ofSize(2).map(l -> "CASE x WHEN 1 THEN " + l.get(0) + " ELSE " + l.get(1)
                        + " END CASE")),
                net.jqwik.api.Tuple.of(1, inner.map(s -> "IF NOT EXISTS (SELECT 1 FROM t WHERE a = 'END IF;') THEN " + s
                        + " END IF")));
    }

    @Property(tries = 500)
    void aProgramIsOneStatement(@ForAll("programs") String program) {
        List<String> sqls = Splits.sqls(new MySqlScriptDialect(), program + ";\nSELECT 1;\n");
        assertThat(sqls).containsExactly(program, "SELECT 1");
    }

    @Property(tries = 25)
    void theProgramsAreRealOnes(@ForAll("programs") String program) throws Exception {
        List<SqlStatement> statements = Splits.split(new MySqlScriptDialect(),
                "CREATE TABLE IF NOT EXISTS t (a INT);\nDROP PROCEDURE IF EXISTS p;\nDROP FUNCTION IF EXISTS f;\n"
                        + "DROP TRIGGER IF EXISTS tr;\n" + program + ";\n");
        assertThat(statements).hasSize(5);
        try (Connection c = db.connect()) {
            // created, not called: a random loop need not end
            Corpus.run(c, statements, "generated.sql");
        }
    }
}
