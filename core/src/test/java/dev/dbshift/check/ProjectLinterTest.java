package dev.dbshift.check;

import dev.dbshift.config.Settings;
import dev.dbshift.config.SettingsLoader;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.lint.LintMigration;
import dev.dbshift.lint.Rule;
import dev.dbshift.lint.rules.CommonRules;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's linter: which rules a database gets, and which server version its rules assume. */
@Pure
class ProjectLinterTest {
    private static final Database PG = Databases.forUrl("jdbc:postgresql://127.0.0.1:5432/test");

    @Test
    void aDatabaseGetsEveryEnginesRulesThenItsOwn() {
        for (Database d : Databases.all()) {
            List<Rule> expected = new ArrayList<>(CommonRules.all());
            expected.addAll(d.lintRules());
            // rules are compared by id: a rule set hands out new rule objects each time
            assertThat(ProjectLinter.rules(d)).as(d.name()).extracting(Rule::id)
                    .isEqualTo(expected.stream().map(Rule::id).toList());
        }
    }

    @Test
    void theDeclaredServerVersionIsAssumedOfflineAndTheConnectedOneWins() {
        TestProject p = TestProject.create().file("dbshift.toml", "[lint]\nserver_version = \"16\"\n");
        Settings settings = SettingsLoader.load(p.dir(), Map.of(), Map.of());
        assertThat(ProjectLinter.of(PG, settings, LintMigration.ServerFacts.NONE).facts())
                .isEqualTo(new LintMigration.ServerFacts(Optional.of("16"), Map.of()));
        LintMigration.ServerFacts connected = new LintMigration.ServerFacts(Optional.of("17.2"), Map.of("a", 4L));
        assertThat(ProjectLinter.of(PG, settings, connected).facts()).isEqualTo(connected);
        LintMigration.ServerFacts rowsOnly = new LintMigration.ServerFacts(Optional.empty(), Map.of("a", 4L));
        assertThat(ProjectLinter.of(PG, settings, rowsOnly).facts())
                .isEqualTo(new LintMigration.ServerFacts(Optional.of("16"), Map.of("a", 4L)));
    }
}
