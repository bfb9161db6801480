package dev.dbshift.lint;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine on real project files, with rules defined here (so no other rule set decides what it finds). */
@Pure
class LinterTest {
    private static final Database H2 = Databases.forUrl("jdbc:h2:mem:lint");
    private static final Database SQLITE = Databases.forUrl("jdbc:sqlite:lint.db");
    private static final Database PG = Databases.forUrl("jdbc:postgresql://127.0.0.1:5432/test");

    /** A test rule: flags every statement whose words start with {@code words}, saying what it saw of its migration. */
    record StartsWith(String id, Level level, String... words) implements Rule {
        @Override
        public String why() {
            return "test rule " + id;
        }

        @Override
        public String fix() {
            return "do not " + String.join(" ", words);
        }

        @Override
        public List<Finding> check(LintStatement st) {
            if (!st.startsWith(words)) {
                return List.of();
            }
            LintMigration m = st.migration();
            return List.of(st.finding(this, "tx=" + m.inTransaction() + " online=" + m.online() + " down=" + m.hasDown()
                    + " version=" + m.facts().version().orElse("-") + " rows=" + m.facts().rowCounts()));
        }
    }

    private static final Rule DROP = new StartsWith("test-drop", Level.ERROR, "DROP", "TABLE");
    private static final Rule UPDATE = new StartsWith("test-update", Level.WARN, "UPDATE");
    private static final Rule INDEX = new StartsWith("test-index", Level.ERROR, "CREATE", "INDEX");

    private static Linter linter(Database db, Map<String, String> levels, LintMigration.ServerFacts facts) {
        return new Linter(db.scriptDialect(), db.supportsTransactionalDdl(), List.of(DROP, UPDATE, INDEX), levels, facts);
    }

    private static Linter linter(Database db) {
        return linter(db, Map.of(), LintMigration.ServerFacts.NONE);
    }

    private static MigrationSource source(TestProject p, String url) {
        return DbShift.configure().projectDir(p.dir()).environmentVariables(Map.of()).url(url).load().source();
    }

    @Test
    void findsByFileLineAndColumnWithTheLevelAndFixOfTheRule() {
        List<Finding> f = linter(H2).lintScript("migrations/2__x.sql",
                "CREATE TABLE a (id INT);\n\n  DROP TABLE b;\nUPDATE a SET id = 1;\n", true, false, true);
        assertThat(f).containsExactly(
                new Finding("test-drop", Level.ERROR, "migrations/2__x.sql", 3, 3, "tx=true online=false down=true version=- rows={}", "do not DROP TABLE"),
                new Finding("test-update", Level.WARN, "migrations/2__x.sql", 4, 1, "tx=true online=false down=true version=- rows={}", "do not UPDATE"));
    }

    @Test
    void directivesAndDownScriptsComeFromTheProjectAsTheExecutorReadsThem() {
        TestProject p = TestProject.create()
                .file("migrations/1__a.sql", "-- dbshift:no-transaction\n-- dbshift:online\nDROP TABLE a;\n")
                .file("migrations/2__b.sql", "DROP TABLE b;\n")
                .file("migrations/2__b.down.sql", "CREATE TABLE b (id INT);\n")
                .file("migrations/R__v.sql", "DROP TABLE v;\n");
        MigrationSource src = source(p, "jdbc:postgresql://127.0.0.1:5432/test");
        List<Finding> f = linter(PG).lint(src, src.list().stream()
                .sorted(java.util.Comparator.comparing(m -> m.version() == null ? "z" : m.version().toString())).toList());
        assertThat(f).extracting(Finding::file, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("migrations/1__a.sql", "tx=false online=true down=false version=- rows={}"),
                org.assertj.core.groups.Tuple.tuple("migrations/2__b.sql", "tx=true online=false down=true version=- rows={}"),
                org.assertj.core.groups.Tuple.tuple("migrations/R__v.sql", "tx=true online=false down=true version=- rows={}"));
    }

    @Test
    void aDatabaseWithoutTransactionalDdlRunsNoMigrationInOneTransaction() {
        String url = "jdbc:mariadb://127.0.0.1:3306/test";
        MigrationSource src = source(TestProject.create().file("migrations/1__a.sql", "DROP TABLE a;\n"), url);
        assertThat(linter(Databases.forUrl(url)).lint(src, src.list()))
                .extracting(Finding::message).containsExactly("tx=false online=false down=false version=- rows={}");
    }

    @Test
    void aSuppressionWithAReasonOnTheLineBeforeOrOnTheStatementDropsItsRuleOnly() {
        String script = "-- dbshift:lint-ignore test-drop the table was emptied in 1.2\n"
                + "DROP TABLE a;\n"
                + "DROP TABLE b; -- dbshift:lint-ignore test-drop b is a leftover of 1.1\n"
                + "UPDATE a\n   SET id = 1 -- dbshift:lint-ignore test-drop not this rule\n;\n"
                + "-- dbshift:lint-ignore test-drop too far above\n\nDROP TABLE c;\n";
        List<Finding> f = linter(H2).lintScript("a.sql", script, true, false, true);
        assertThat(f).extracting(Finding::rule, Finding::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("test-update", 4), org.assertj.core.groups.Tuple.tuple("test-drop", 9));
    }

    @Test
    void aSuppressionWithoutAReasonOrWithAnUnknownRuleIsAnErrorAndSuppressesNothing() {
        String script = "-- dbshift:lint-ignore test-drop\nDROP TABLE a;\n  -- dbshift:lint-ignore no-such-rule why not\nDROP TABLE b;\n"
                + "-- dbshift:lint-ignore\nUPDATE a SET id = 1;\n";
        List<Finding> f = linter(H2).lintScript("m/1__a.sql", script, true, false, true);
        assertThat(f).extracting(Finding::rule, Finding::level, Finding::line, Finding::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lint-ignore", Level.ERROR, 1, 4),
                org.assertj.core.groups.Tuple.tuple("test-drop", Level.ERROR, 2, 1),
                org.assertj.core.groups.Tuple.tuple("lint-ignore", Level.ERROR, 3, 6),
                org.assertj.core.groups.Tuple.tuple("test-drop", Level.ERROR, 4, 1),
                org.assertj.core.groups.Tuple.tuple("lint-ignore", Level.ERROR, 5, 4),
                org.assertj.core.groups.Tuple.tuple("test-update", Level.WARN, 6, 1));
        assertThat(f.get(0).message()).contains("test-drop").contains("no reason");
        assertThat(f.get(2).message()).contains("unknown rule 'no-such-rule'");
    }

    @Test
    void projectLevelsRaiseLowerOrTurnOffARule() {
        Map<String, String> settings = Map.of("test-drop", "off", "test-update", "error");
        List<Finding> f = linter(H2, settings, LintMigration.ServerFacts.NONE)
                .lintScript("a.sql", "DROP TABLE a;\nUPDATE a SET id = 1;\n", true, false, true);
        assertThat(f).extracting(Finding::rule, Finding::level).containsExactly(org.assertj.core.groups.Tuple.tuple("test-update", Level.ERROR));
    }

    @Test
    void aLevelForARuleTheDatabaseDoesNotHaveIsBadInputNamingTheKey() {
        Map<String, String> settings = Map.of("test-dorp", "off");
        assertThatThrownBy(() -> linter(H2, settings, LintMigration.ServerFacts.NONE))
                .isInstanceOf(DbShiftException.class).hasMessageContaining("[lint] test-dorp").hasMessageContaining("test-drop")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
    }

    @Test
    void rulesSeeTheServerFacts() {
        LintMigration.ServerFacts connected = new LintMigration.ServerFacts(Optional.of("17.2"), Map.of("a", 40_000_000L));
        assertThat(linter(PG, Map.of(), connected).lintScript("a.sql", "DROP TABLE a;", true, false, true))
                .extracting(Finding::message).containsExactly("tx=true online=false down=true version=17.2 rows={a=40000000}");
    }

    @Test
    void aPostgresProjectIsSplitByItsDialect() {
        String script = "CREATE FUNCTION f() RETURNS void AS $$\nBEGIN\n  CREATE INDEX i ON t (a);\nEND;\n$$ LANGUAGE plpgsql;\n"
                + "CREATE INDEX j ON t (b);\n";
        assertThat(linter(PG).lintScript("p.sql", script, true, false, true)).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("test-index", 6));
    }

    @Test
    void aSqliteProjectIsSplitByItsDialect() {
        String script = "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET id = 1;\nEND;\nUPDATE a SET id = 2;\n";
        assertThat(linter(SQLITE).lintScript("s.sql", script, true, false, true)).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("test-update", 4));
    }
}
