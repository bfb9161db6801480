package dev.dbshift.db.postgres.lint;

import dev.dbshift.db.postgres.PostgresScriptDialect;
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

/** {@code lint --fix} on PostgreSQL scripts: each rewrite removes its finding and leaves every other byte alone. */
@Pure
class PgRewritesTest {
    static final String SCRIPT = "V2__change.sql";

    /** Every PostgreSQL finding of {@code text}, linted as dbshift would run it (its directives read). */
    static List<Finding> lint(String text) {
        ScriptDirectives d = ScriptDirectives.parse(SCRIPT, text);
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : LintStatements.of(new PostgresScriptDialect(), SCRIPT, text, !d.noTransaction(),
                d.online(), true, ServerFacts.NONE)) {
            for (Rule r : PostgresLintRules.all()) {
                out.addAll(r.check(st));
            }
        }
        return out;
    }

    static Fixer.Result fix(String text) {
        return new Fixer(PostgresLintRules.all()).fix(new PostgresScriptDialect(), SCRIPT, text, lint(text), true,
                ServerFacts.NONE);
    }

    static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void anIndexIsBuiltConcurrentlyOutsideATransactionAfterALockTimeout() {
        String text = "-- the lookup by email\n"
                + "CREATE UNIQUE INDEX ix_accounts_email ON accounts (email); -- after it\n"
                + "\n/* the end */\n";
        assertThat(rules(lint(text))).contains("pg-index-not-concurrent", "pg-lock-timeout");

        Fixer.Result r = fix(text);

        assertThat(r.text()).isEqualTo("-- dbshift:no-transaction\n"
                + "-- the lookup by email\n"
                + "SET lock_timeout = '2s';\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY ix_accounts_email ON accounts (email); -- after it\n"
                + "\n/* the end */\n");
        assertThat(rules(r.fixed())).contains("pg-index-not-concurrent", "pg-lock-timeout");
        assertThat(rules(lint(r.text()))).doesNotContain("pg-index-not-concurrent", "pg-lock-timeout",
                "pg-concurrently-in-transaction");
        assertThat(r.followUp()).isEmpty();
    }

    @Test
    void twoIndexesAfterASetShareOneDirective() {
        String text = "SET statement_timeout = '10min';\nCREATE INDEX ix_a ON accounts (a);\n"
                + "create index ix_b on accounts (b);\n";
        Fixer.Result r = fix(text);
        assertThat(r.text()).isEqualTo("-- dbshift:no-transaction\nSET lock_timeout = '2s';\n"
                + "SET statement_timeout = '10min';\nCREATE INDEX CONCURRENTLY ix_a ON accounts (a);\n"
                + "create index CONCURRENTLY ix_b on accounts (b);\n");
        assertThat(rules(lint(r.text()))).isEmpty();
    }

    @Test
    void aDropIndexIsDroppedConcurrently() {
        String text = "DROP INDEX IF EXISTS ix_old;\r\n";
        Fixer.Result r = fix(text);
        // DROP INDEX locks an existing table, so pg-lock-timeout's header comes with it (after the directive)
        assertThat(r.text()).startsWith("-- dbshift:no-transaction\r\n").endsWith("DROP INDEX CONCURRENTLY IF EXISTS ix_old;\r\n");
        assertThat(rules(lint(r.text()))).doesNotContain("pg-drop-index-not-concurrent", "pg-concurrently-in-transaction");
    }

    @Test
    void anIndexBesideOtherWorkIsLeftAsWrittenAndSaysWhy() {
        String text = "UPDATE accounts SET email = lower(email);\nCREATE INDEX ix_email ON accounts (email);\n";
        Fixer.Result r = new Fixer(PostgresLintRules.all()).fix(new PostgresScriptDialect(), SCRIPT, text,
                lint(text).stream().filter(f -> f.rule().equals("pg-index-not-concurrent")).toList(), true,
                ServerFacts.NONE);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.fixed()).isEmpty();
        assertThat(r.left()).singleElement().satisfies(l -> {
            assertThat(l.finding().rule()).isEqualTo("pg-index-not-concurrent");
            assertThat(l.reason()).contains("migration of its own");
        });
    }

    @Test
    void anIndexInTheScriptsOwnTransactionIsLeftAsWritten() {
        String text = "BEGIN;\nCREATE INDEX ix_email ON accounts (email);\nCOMMIT;\n";
        Fixer.Result r = fix(text);
        assertThat(r.text()).isEqualTo("SET lock_timeout = '2s';\n" + text);
        assertThat(r.left()).singleElement().satisfies(l -> {
            assertThat(l.finding().rule()).isEqualTo("pg-index-not-concurrent");
            assertThat(l.reason()).contains("controls its own transaction");
        });
    }

    @Test
    void aConstraintIsAddedNotValidAndValidatedInTheNextMigration() {
        String text = "-- dbshift:no-transaction\n"
                + "SET lock_timeout = '2s';\n"
                + "ALTER TABLE public.accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);\n"
                + "ALTER TABLE accounts ADD CONSTRAINT owner_fk FOREIGN KEY (owner_id) REFERENCES people (id)"
                + " ON DELETE cascade ;\n";
        assertThat(rules(lint(text))).filteredOn("pg-constraint-not-valid"::equals).hasSize(2);

        Fixer.Result r = fix(text);

        assertThat(r.text()).isEqualTo("-- dbshift:no-transaction\n"
                + "SET lock_timeout = '2s';\n"
                + "ALTER TABLE public.accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0) NOT VALID;\n"
                + "ALTER TABLE accounts ADD CONSTRAINT owner_fk FOREIGN KEY (owner_id) REFERENCES people (id)"
                + " ON DELETE cascade NOT VALID ;\n");
        assertThat(r.followUp()).contains("SET lock_timeout = '2s';\nALTER TABLE public.accounts VALIDATE CONSTRAINT positive_balance;\n"
                + "ALTER TABLE accounts VALIDATE CONSTRAINT owner_fk;\n");
        assertThat(rules(lint(r.text()))).doesNotContain("pg-constraint-not-valid");
        assertThat(rules(lint(r.followUp().orElseThrow()))).doesNotContain("pg-constraint-not-valid", "pg-lock-timeout");
    }

    @Test
    void anUnnamedConstraintIsLeftAsWritten() {
        String text = "SET lock_timeout = '2s';\nALTER TABLE accounts ADD CHECK (balance >= 0);\n";
        Fixer.Result r = fix(text);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.left()).singleElement().satisfies(l -> assertThat(l.reason()).contains("no name"));
    }

    @Test
    void aLockTimeoutHeaderGoesAfterTheLeadingCommentsAndDirectives() {
        String text = "-- dbshift:no-transaction\n\n-- widen the note\nCREATE TABLE t (id int);\n"
                + "ALTER TABLE accounts ADD COLUMN note text;\n";
        Fixer.Result r = fix(text);
        assertThat(r.text()).isEqualTo("-- dbshift:no-transaction\n\n-- widen the note\nSET lock_timeout = '2s';\n"
                + "CREATE TABLE t (id int);\nALTER TABLE accounts ADD COLUMN note text;\n");
        assertThat(ScriptDirectives.parse(SCRIPT, r.text()).noTransaction()).isTrue();
        assertThat(rules(lint(r.text()))).doesNotContain("pg-lock-timeout");
    }

    @Test
    void aScriptWithNothingToFixComesBackAsWritten() {
        String text = "CREATE TABLE t (id bigint PRIMARY KEY);\n-- trailing\n";
        Fixer.Result r = fix(text);
        assertThat(r.text()).isSameAs(text);
        assertThat(r.fixed()).isEmpty();
    }
}
