package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintMigration;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.LintStatements;
import dev.dbshift.lint.Rule;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.dbshift.lint.rules.Lint.H2;
import static dev.dbshift.lint.rules.Lint.MYSQL;
import static dev.dbshift.lint.rules.Lint.PG;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

/** The list of common rules: ids, levels and descriptions, and every rule together over one migration. */
@Pure
class CommonRulesTest {

    @Test
    void everyRuleHasAnUnprefixedUniqueIdAWhyAndAFix() {
        List<Rule> all = CommonRules.all();
        assertThat(all).extracting(Rule::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+(-[a-z]+)*") && !id.matches("(pg|mysql|sqlite)-.*"));
        assertThat(all).allSatisfy(r -> {
            assertThat(r.why()).isNotBlank().doesNotContain("\n");
            assertThat(r.fix()).isNotBlank().doesNotContain("\n");
        });
    }

    @Test
    void levelsFollowTheHarm() {
        Map<String, Level> levels = CommonRules.all().stream().collect(toMap(Rule::id, Rule::level));
        assertThat(levels).containsEntry("drop-table", Level.ERROR).containsEntry("drop-column", Level.ERROR)
                .containsEntry("drop-schema", Level.ERROR).containsEntry("rename-table", Level.ERROR)
                .containsEntry("rename-column", Level.ERROR).containsEntry("change-column-type", Level.WARN)
                .containsEntry("add-not-null-column", Level.ERROR).containsEntry("set-not-null", Level.WARN)
                .containsEntry("add-unique", Level.WARN).containsEntry("add-foreign-key", Level.WARN)
                .containsEntry("backfill", Level.WARN).containsEntry("combine-alters", Level.INFO)
                .containsEntry("no-down-script", Level.WARN).containsEntry("unclassified-statement", Level.INFO);
    }

    @Test
    void aSafeMigrationWithADownScriptHasNoFinding() {
        String sql = """
                -- dbshift: a new table, its index, seed rows
                CREATE TABLE audit (id bigint PRIMARY KEY, at timestamp NOT NULL, note varchar(100));
                CREATE UNIQUE INDEX audit_at ON audit (at);
                ALTER TABLE audit ADD COLUMN who varchar(50) NOT NULL;
                INSERT INTO audit (id, at, note) VALUES (1, CURRENT_TIMESTAMP, 'DROP TABLE users; UPDATE users SET x = 1');
                ALTER TABLE users ADD COLUMN nickname varchar(50);
                """;
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(lintAll(d, sql, true)).isEmpty();
        }
    }

    @Test
    void aRiskyMigrationIsReportedRuleByRuleInStatementOrder() {
        String sql = """
                ALTER TABLE users ADD COLUMN age int NOT NULL;
                UPDATE users SET age = 0;
                ALTER TABLE users DROP COLUMN legacy;
                DROP TABLE old_users;
                """;
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(lintAll(d, sql, false)).extracting(f -> f.line() + " " + f.rule()).containsExactly(
                    "1 add-not-null-column", "1 no-down-script", "2 backfill", "3 drop-column", "3 combine-alters",
                    "4 drop-table");
        }
    }

    private static List<Finding> lintAll(ScriptDialect dialect, String sql, boolean hasDown) {
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : LintStatements.of(dialect, Lint.SCRIPT, sql, true, false, hasDown,
                LintMigration.ServerFacts.NONE)) {
            for (Rule rule : CommonRules.all()) {
                out.addAll(rule.check(st));
            }
        }
        return out;
    }
}
