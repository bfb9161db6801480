package dev.dbshift.db.mysql.lint;

import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Fixer;
import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.LintStatements;
import dev.dbshift.lint.Rule;
import dev.dbshift.sql.ScriptDirectives;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lint --fix} on MySQL/MariaDB scripts: a copying ALTER gets {@code -- dbshift:online}, nothing else moves. */
@Pure
class MySqlRewritesTest {
    static final String SCRIPT = "migrations/2__t.sql";
    static final ServerFacts FACTS = MySqlLintRulesTest.MARIADB_11;

    static List<Finding> lint(String text) {
        ScriptDirectives d = ScriptDirectives.parse(SCRIPT, text);
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : LintStatements.of(new MySqlScriptDialect(), SCRIPT, text, !d.noTransaction(), d.online(),
                true, FACTS)) {
            for (Rule r : MySqlLintRules.all()) {
                out.addAll(r.check(st));
            }
        }
        return out;
    }

    static Fixer.Result fix(String text) {
        return new Fixer(MySqlLintRules.all()).fix(new MySqlScriptDialect(), SCRIPT, text, lint(text), true, FACTS);
    }

    @Test
    void aCopyingAlterRunsOnline() {
        String text = "\uFEFF-- widen the total\r\nALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;\r\n"
                + "# done\r\n";
        assertThat(lint(text)).extracting(Finding::rule).contains("mysql-alter-copies-table");

        Fixer.Result r = fix(text);

        assertThat(r.text()).isEqualTo("\uFEFF-- dbshift:online\r\n-- widen the total\r\n"
                + "ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;\r\n# done\r\n");
        assertThat(ScriptDirectives.parse(SCRIPT, r.text()).online()).isTrue();
        assertThat(r.fixed()).extracting(Finding::rule).contains("mysql-alter-copies-table");
        assertThat(lint(r.text())).extracting(Finding::rule).doesNotContain("mysql-alter-copies-table");
    }

    @Test
    void twoCopyingAltersShareOneDirective() {
        String text = "ALTER TABLE orders MODIFY total DECIMAL(12,2);\nALTER TABLE items MODIFY price DECIMAL(12,2);\n";
        Fixer.Result r = fix(text);
        assertThat(r.fixed()).extracting(Finding::rule).containsExactly("mysql-alter-copies-table", "mysql-alter-copies-table");
        assertThat(r.text()).isEqualTo("-- dbshift:online\n" + text);
    }

    @Test
    void aCopyingAlterUnderLockTablesIsLeftAsWritten() {
        String text = "LOCK TABLES orders WRITE;\nALTER TABLE orders MODIFY total DECIMAL(12,2);\nUNLOCK TABLES;\n";
        Fixer.Result r = fix(text);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.left()).singleElement().satisfies(l -> {
            assertThat(l.finding().rule()).isEqualTo("mysql-alter-copies-table");
            assertThat(l.reason()).contains("table locks");
        });
    }
}
