package dev.dbshift.lint;

import dev.dbshift.db.h2.H2ScriptDialect;
import dev.dbshift.migration.Version;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixer's reassembly, with rules written for the test: what it changes, and every byte it leaves alone. */
@Pure
class FixerTest {
    static final String SCRIPT = "V3__cleanup.sql";

    /** A rule that reports every statement {@code found} matches and proposes {@code rewriter}'s rewrite for it. */
    record TestRule(String id, Predicate<LintStatement> found, Function<LintStatement, Optional<Rewrite>> rewriter)
            implements Rule {
        @Override
        public String why() {
            return "test";
        }

        @Override
        public String fix() {
            return "test";
        }

        @Override
        public Level level() {
            return Level.WARN;
        }

        @Override
        public List<Finding> check(LintStatement statement) {
            return found.test(statement) ? List.of(statement.finding(this, id)) : List.of();
        }

        @Override
        public Optional<Rewrite> rewrite(LintStatement statement) {
            return rewriter.apply(statement);
        }
    }

    static final Predicate<LintStatement> DELETE_ALL = st -> st.startsWith("DELETE") && !st.words().contains("WHERE");
    static final Rule LIMIT_DELETE = new TestRule("delete-all", DELETE_ALL,
            st -> Optional.of(Rewrite.statement(st.statement().sql() + " WHERE id < 0")));
    static final Rule ALSO_DELETE = new TestRule("delete-again", DELETE_ALL,
            st -> Optional.of(Rewrite.statement(st.statement().sql() + " WHERE id > 5")));
    static final Rule HEADER_UPDATE = new TestRule("update-unset", st -> st.startsWith("UPDATE")
            && !st.migration().statements().get(0).sql().startsWith("SET MODE"),
            st -> Optional.of(Rewrite.header("SET MODE Regular;").withFollowUp("ANALYZE;\nSELECT 1;")));
    static final Rule NO_REWRITE = new TestRule("drop", st -> st.startsWith("DROP"), st -> Optional.empty());

    static Fixer.Result fix(String text, Rule... rules) {
        List<Finding> findings = new ArrayList<>();
        for (LintStatement st : LintStatements.of(new H2ScriptDialect(), SCRIPT, text, true, false, true,
                LintMigration.ServerFacts.NONE)) {
            for (Rule r : rules) {
                findings.addAll(r.check(st));
            }
        }
        return new Fixer(List.of(rules)).fix(new H2ScriptDialect(), SCRIPT, text, findings, true,
                LintMigration.ServerFacts.NONE);
    }

    @Test
    void onlyTheRewrittenStatementsChangeAndEveryOtherByteStays() {
        String text = "-- clean up\n\n"
                + "DELETE FROM a ;   -- all of it\r\n"
                + "/* keep */ CREATE TABLE b (id INT);\n"
                + "\tDELETE   FROM c;\n"
                + "-- trailing, no newline";

        Fixer.Result r = fix(text, LIMIT_DELETE);

        assertThat(r.text()).isEqualTo("-- clean up\n\n"
                + "DELETE FROM a WHERE id < 0 ;   -- all of it\r\n"
                + "/* keep */ CREATE TABLE b (id INT);\n"
                + "\tDELETE   FROM c WHERE id < 0;\n"
                + "-- trailing, no newline");
        assertThat(r.fixed()).extracting(Finding::line).containsExactly(3, 5);
        assertThat(r.left()).isEmpty();
    }

    @Test
    void aHeaderGoesBeforeTheFirstStatementOnceAndFollowUpsAreMerged() {
        String text = "-- two updates\nUPDATE a SET x = 1;\nUPDATE b SET y = 2;\n";

        Fixer.Result r = fix(text, HEADER_UPDATE);

        assertThat(r.text()).isEqualTo("-- two updates\nSET MODE Regular;\nUPDATE a SET x = 1;\nUPDATE b SET y = 2;\n");
        assertThat(r.fixed()).hasSize(2);
        assertThat(r.followUp()).contains("ANALYZE;\nSELECT 1;\n");
    }

    @Test
    void aSecondRewriteOfTheSameStatementWaitsForTheNextRun() {
        Fixer.Result r = fix("DELETE FROM a;\n", LIMIT_DELETE, ALSO_DELETE);
        assertThat(r.text()).isEqualTo("DELETE FROM a WHERE id < 0;\n");
        assertThat(r.fixed()).extracting(Finding::rule).containsExactly("delete-all");
        assertThat(r.left()).singleElement().satisfies(l -> assertThat(l.reason()).contains("again"));
    }

    @Test
    void aFindingWithoutRewriteOrRuleIsNeitherFixedNorLeft() {
        String text = "DROP TABLE a;\n";
        Finding foreign = new Finding("unknown-rule", Level.WARN, SCRIPT, 1, 1, "m", "f");
        Fixer.Result r = new Fixer(List.of(NO_REWRITE)).fix(new H2ScriptDialect(), SCRIPT, text,
                List.of(foreign, NO_REWRITE.check(LintStatements.of(new H2ScriptDialect(), SCRIPT, text, true, false,
                        true, LintMigration.ServerFacts.NONE).get(0)).get(0)), true, LintMigration.ServerFacts.NONE);
        assertThat(r.text()).isSameAs(text);
        assertThat(r.fixed()).isEmpty();
        assertThat(r.left()).isEmpty();
    }

    @Test
    void aRefusedRewriteLeavesTheScriptAsWritten() {
        Rule refusing = new TestRule("delete-refused", DELETE_ALL, st -> Optional.of(Rewrite.refused("not here")));
        String text = "DELETE FROM a;\n";
        Fixer.Result r = fix(text, refusing);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.left()).singleElement().satisfies(l -> assertThat(l.reason()).isEqualTo("not here"));
    }

    @Test
    void aRewriteThatMissesItsFindingLeavesTheScriptAsWritten() {
        Rule missing = new TestRule("delete-any", st -> st.startsWith("DELETE"),
                st -> Optional.of(Rewrite.statement(st.statement().sql() + " WHERE id < 0")));
        String text = "UPDATE a SET x = 1;\nDELETE FROM a;\n";
        Fixer.Result r = fix(text, missing, HEADER_UPDATE);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.fixed()).isEmpty();
        assertThat(r.followUp()).isEmpty();
        assertThat(r.left()).extracting(l -> l.finding().rule()).containsExactlyInAnyOrder("delete-any", "update-unset");
        assertThat(r.left()).allSatisfy(l -> assertThat(l.reason()).contains("did not remove", "delete-any"));
    }

    @Test
    void theFollowUpIsTheProjectsNextMigration() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T14:00:00Z"), ZoneOffset.UTC);
        assertThat(Fixer.followUpFileName(List.of(Version.parse("1.9"), Version.parse("1.10")), "add checks", clock))
                .isEqualTo("1.11__validate_add_checks.sql");
        assertThat(Fixer.followUpFileName(List.of(Version.parse("20261130120000")), "add checks", clock))
                .isEqualTo("20261201140000__validate_add_checks.sql");
    }
}
