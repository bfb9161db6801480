package dev.dbshift.check;

import dev.dbshift.lint.Level;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule table: every rule once, and the README quoting exactly what {@code dbshift lint --rules} prints. */
@Pure
class RuleTableTest {
    static final String START = "<!-- lint-rules:start -->\n";
    static final String END = "<!-- lint-rules:end -->";

    @Test
    void theReadmeQuotesTheRuleTable() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("README.md has a rule table between %s and %s", START.strip(), END).isNotNegative();
        assertThat(end).isGreaterThan(start);
        assertThat(text.substring(start + START.length(), end))
                .as("README.md's rule table is not what `dbshift lint --rules` prints: paste its output between the markers")
                .isEqualTo(RuleTable.markdown());
    }

    @Test
    void aRowIsOneLineWithPipesEscaped() {
        String md = RuleTable.markdown(List.of(new RuleTable.Row("x-rule", "postgresql", Level.WARN, "a | b", "c\nd")));
        assertThat(md.lines()).containsExactly("| rule | engines | level | why | fix |", "|---|---|---|---|---|",
                "| `x-rule` | postgresql | warn | a \\| b | c d |");
    }

    @Test
    void everyRuleIdIsListedOnce() {
        List<String> ids = RuleTable.rows().stream().map(RuleTable.Row::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }
}
