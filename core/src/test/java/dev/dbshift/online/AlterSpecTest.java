package dev.dbshift.online;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Pure
class AlterSpecTest {

    @Test
    void splitsClausesOutsideQuotesAndParentheses() {
        AlterSpec s = AlterSpec.parse("ADD COLUMN a DECIMAL(10,2) DEFAULT '1,2', ADD INDEX i (a, b) COMMENT 'x, y';", Map.of());
        assertThat(s.clauses()).containsExactly("ADD COLUMN a DECIMAL(10,2) DEFAULT '1,2'", "ADD INDEX i (a, b) COMMENT 'x, y'");
        assertThat(s.text()).doesNotEndWith(";");
    }

    @Test
    void findsRenamesFromChangeAndRenameColumn() {
        AlterSpec s = AlterSpec.parse("CHANGE COLUMN `old name` `new name` INT, CHANGE b b BIGINT, RENAME COLUMN c TO d, "
                + "change e f text, RENAME COLUMN \"Aa\" TO \"B\"\"b\"", Map.of("g", "h"));
        assertThat(s.renames()).containsExactly(Map.entry("old name", "new name"), Map.entry("c", "d"), Map.entry("e", "f"),
                Map.entry("Aa", "B\"b"), Map.entry("g", "h"));
    }

    @Test
    void findsDroppedColumnsButNotDroppedIndexes() {
        AlterSpec s = AlterSpec.parse("DROP COLUMN a, DROP b, DROP INDEX i, DROP PRIMARY KEY, DROP FOREIGN KEY f, DROP COLUMN IF EXISTS c",
                Map.of());
        assertThat(s.dropped()).containsExactly("a", "b", "c");
    }

    /** PostgreSQL's {@code USING} of a type change, found as a word of the clause's own, not within quotes or parentheses. */
    @Test
    void findsTheExpressionsOfUsingClauses() {
        AlterSpec s = AlterSpec.parse("ALTER COLUMN price TYPE bigint USING (price * 100)::bigint, ALTER \"Using\" SET DATA TYPE text"
                + " COLLATE \"C\" using 'USING, ' || \"Using\", ALTER COLUMN b TYPE text, ADD CONSTRAINT x EXCLUDE USING gist (c WITH &&),"
                + " ALTER c TYPE int USING(c)", Map.of());
        assertThat(s.conversions()).containsExactly(Map.entry("price", "(price * 100)::bigint"),
                Map.entry("Using", "'USING, ' || \"Using\""), Map.entry("c", "(c)"));
        assertThat(s.conversionOf("PRICE")).contains("(price * 100)::bigint");
        assertThat(s.conversionOf("b")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlterSpec.parse("ALTER d TYPE int4 using", Map.of()))
                .hasMessageContaining("USING without an expression: ALTER d TYPE int4 using");
    }

    @Test
    void detectsUniqueAdditions() {
        assertThat(AlterSpec.parse("ADD UNIQUE KEY u (a)", Map.of()).addsUnique()).isTrue();
        assertThat(AlterSpec.parse("ADD CONSTRAINT c UNIQUE (a)", Map.of()).addsUnique()).isTrue();
        assertThat(AlterSpec.parse("ADD INDEX i (a)", Map.of()).addsUnique()).isFalse();
    }

    @Test
    void refusesTableRenamesAndAlgorithmClauses() {
        assertThatThrownBy(() -> AlterSpec.parse("RENAME TO x", Map.of())).hasMessageContaining("rename the table");
        assertThatThrownBy(() -> AlterSpec.parse("ADD c INT, ALGORITHM=INPLACE", Map.of())).hasMessageContaining("ALGORITHM");
        assertThat(AlterSpec.parse("RENAME INDEX a TO b", Map.of()).renames()).isEmpty();
    }

    @Test
    void parsesAWholeStatementForOnlineScripts() {
        AlterSpec.Statement s = AlterSpec.parseStatement("ALTER TABLE `shop`.`orders` ADD COLUMN flags INT NOT NULL DEFAULT 0");
        assertThat(s.schema()).isEqualTo("shop");
        assertThat(s.table()).isEqualTo("orders");
        assertThat(s.spec()).isEqualTo("ADD COLUMN flags INT NOT NULL DEFAULT 0");
        AlterSpec.Statement t = AlterSpec.parseStatement("alter table items\n  drop column x");
        assertThat(t.schema()).isNull();
        assertThat(t.table()).isEqualTo("items");
        assertThat(t.spec()).isEqualTo("drop column x");
    }

    /**
     * PostgreSQL's forms (pg_dump writes {@code ALTER TABLE ONLY public.t}): the table was taken to be "ONLY", and a
     * quoted mixed-case name kept its quotes; an unquoted name is the lower-case one there.
     */
    @Test
    void parsesPostgresStatementForms() {
        java.util.function.UnaryOperator<String> pg = n -> n.toLowerCase(java.util.Locale.ROOT);
        AlterSpec.Statement only = AlterSpec.parseStatement("ALTER TABLE ONLY public.items ADD COLUMN x int", pg);
        assertThat(only.schema()).isEqualTo("public");
        assertThat(only.table()).isEqualTo("items");
        assertThat(only.spec()).isEqualTo("ADD COLUMN x int");
        AlterSpec.Statement quoted = AlterSpec.parseStatement("ALTER TABLE IF EXISTS ONLY \"Shop\".\"Order \"\"Items\"\"\" * DROP COLUMN x", pg);
        assertThat(quoted.schema()).isEqualTo("Shop");
        assertThat(quoted.table()).isEqualTo("Order \"Items\"");
        assertThat(quoted.spec()).isEqualTo("DROP COLUMN x");
        assertThat(AlterSpec.parseStatement("ALTER TABLE Items ADD COLUMN x int", pg).table()).isEqualTo("items");
        assertThat(AlterSpec.parseStatement("ALTER TABLE Items ADD COLUMN x int").table()).as("MySQL: as written").isEqualTo("Items");
        assertThatThrownBy(() -> AlterSpec.parseStatement("ALTER IGNORE TABLE items ADD UNIQUE (code)"))
                .as("IGNORE drops duplicate rows, which the engine would not").hasMessageContaining("delete the duplicates first");
        assertThat(AlterSpec.parseStatement("ALTER ONLINE TABLE items ADD COLUMN x INT").table()).isEqualTo("items");
        AlterSpec.Statement named = AlterSpec.parseStatement("ALTER TABLE only ADD COLUMN x INT");
        assertThat(named.table()).as("a table named only").isEqualTo("only");
        assertThat(named.spec()).isEqualTo("ADD COLUMN x INT");
    }

    @Test
    void wordsKeepQuotedIdentifiersWhole() {
        assertThat(AlterSpec.words("CHANGE `a b` `c``d` INT(11)")).isEqualTo(List.of("CHANGE", "`a b`", "`c``d`", "INT", "(", "11", ")"));
        assertThat(AlterSpec.unquote("`c``d`")).isEqualTo("c`d");
    }
}
