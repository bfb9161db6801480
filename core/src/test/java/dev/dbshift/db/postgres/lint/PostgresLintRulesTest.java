package dev.dbshift.db.postgres.lint;

import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.LintStatements;
import dev.dbshift.lint.Rule;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each PostgreSQL rule on SQL text: a migration it must flag and a close one it must leave alone. */
@Pure
class PostgresLintRulesTest {

    static final ServerFacts NONE = ServerFacts.NONE;

    static ServerFacts version(String v) {
        return new ServerFacts(Optional.of(v), Map.of());
    }

    /** The findings of {@code rule} over one migration's up script (run in dbshift's transaction). */
    static List<Finding> lint(String rule, String sql, boolean inTransaction, ServerFacts facts) {
        Rule r = PostgresLintRules.all().stream().filter(x -> x.id().equals(rule)).findFirst().orElseThrow();
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : LintStatements.of(new PostgresScriptDialect(), "V2__change.sql", sql, inTransaction,
                false, true, facts)) {
            out.addAll(r.check(st));
        }
        return out;
    }

    static List<Finding> lint(String rule, String sql) {
        return lint(rule, sql, true, NONE);
    }

    static List<Finding> lint(String rule, String sql, ServerFacts facts) {
        return lint(rule, sql, true, facts);
    }

    @Test
    void everyRuleHasAnIdAWhyAFixAndItsOwnId() {
        List<Rule> all = PostgresLintRules.all();
        assertThat(all).extracting(Rule::id).doesNotHaveDuplicates().allMatch(id -> id.matches("pg-[a-z0-9-]+"));
        assertThat(all).allMatch(r -> !r.why().isBlank() && !r.fix().isBlank() && r.level() != null);
        assertThat(new dev.dbshift.db.postgres.PostgresDatabase().lintRules()).isEqualTo(all);
    }

    @Test
    void createIndexOnAnExistingTableWantsConcurrently() {
        List<Finding> f = lint("pg-index-not-concurrent", "\n-- an index\nCREATE UNIQUE INDEX users_email ON public.users (email);");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.message()).contains("users");
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.file()).isEqualTo("V2__change.sql");
        });
        assertThat(lint("pg-index-not-concurrent", "CREATE INDEX CONCURRENTLY users_email ON users (email)")).isEmpty();
        assertThat(lint("pg-index-not-concurrent", "CREATE TABLE \"Users\" (id bigint);\nCREATE INDEX u_id ON \"Users\" (id)"))
                .as("a table the migration created is empty").isEmpty();
        assertThat(lint("pg-index-not-concurrent", "SELECT 'CREATE INDEX i ON users (a)'")).isEmpty();
        assertThat(lint("pg-index-not-concurrent", "CREATE INDEX /* CONCURRENTLY */ i ON users (a)"))
                .as("a comment is not the keyword").hasSize(1);
    }

    @Test
    void dropIndexWantsConcurrently() {
        assertThat(lint("pg-drop-index-not-concurrent", "DROP INDEX IF EXISTS users_email"))
                .singleElement().extracting(Finding::message).asString().contains("users_email");
        assertThat(lint("pg-drop-index-not-concurrent", "DROP INDEX CONCURRENTLY users_email")).isEmpty();
        assertThat(lint("pg-drop-index-not-concurrent", "DROP TABLE users_email")).isEmpty();
    }

    @Test
    void concurrentlyBesideOtherStatementsIsRefusedByDbshiftNotWhenAlone() {
        String mixed = "CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY users_email ON users (email);";
        assertThat(lint("pg-concurrently-in-transaction", mixed, true, NONE))
                .singleElement().extracting(Finding::line).isEqualTo(2);
        assertThat(lint("pg-concurrently-in-transaction", mixed, false, NONE))
                .as("with -- dbshift:no-transaction each statement runs on its own").isEmpty();
        assertThat(lint("pg-concurrently-in-transaction", "CREATE INDEX CONCURRENTLY users_email ON users (email)", true, NONE))
                .as("alone, dbshift runs it outside a transaction").isEmpty();
        assertThat(lint("pg-concurrently-in-transaction",
                "BEGIN;\nCREATE INDEX CONCURRENTLY users_email ON users (email);\nCOMMIT;", false, NONE))
                .as("the script's own BEGIN").singleElement().extracting(Finding::message).asString().contains("BEGIN");
        assertThat(lint("pg-concurrently-in-transaction",
                "BEGIN;\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_email ON users (email);\nCREATE TABLE t (a int);", true, NONE))
                .as("a script with its own transaction control runs statement by statement").isEmpty();
        assertThat(lint("pg-concurrently-in-transaction",
                "CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY a ON users (a);\nDROP INDEX CONCURRENTLY b;", true, NONE))
                .as("dbshift names the first").singleElement().extracting(Finding::line).isEqualTo(2);
    }

    @Test
    void checkAndForeignKeyWantNotValid() {
        assertThat(lint("pg-constraint-not-valid",
                "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id),"
                        + " ADD CHECK (total >= 0)")).hasSize(2);
        assertThat(lint("pg-constraint-not-valid",
                "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID")).isEmpty();
        assertThat(lint("pg-constraint-not-valid", "ALTER TABLE orders VALIDATE CONSTRAINT fk_user")).isEmpty();
        assertThat(lint("pg-constraint-not-valid",
                "CREATE TABLE orders (id bigint, total int);\nALTER TABLE orders ADD CHECK (total >= 0)")).isEmpty();
        // NOT VALID then VALIDATE in one transaction: the ADD's lock is held through the scan (found beside squawk)
        String both = "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                + "ALTER TABLE orders VALIDATE CONSTRAINT fk_user;";
        assertThat(lint("pg-constraint-not-valid", both)).singleElement().extracting(Finding::line).isEqualTo(2);
        assertThat(lint("pg-constraint-not-valid", both, false, NONE)).as("each statement commits on its own").isEmpty();
        assertThat(lint("pg-constraint-not-valid", both.replace("VALIDATE CONSTRAINT fk_user", "VALIDATE CONSTRAINT other")))
                .isEmpty();
        assertThat(lint("pg-constraint-not-valid", "ALTER TABLE orders VALIDATE CONSTRAINT")).isEmpty();
    }

    @Test
    void primaryKeyAndUniqueWantAnIndexBuiltConcurrentlyFirst() {
        assertThat(lint("pg-add-unique-or-primary-key", "ALTER TABLE users ADD PRIMARY KEY (id)"))
                .singleElement().extracting(Finding::message).asString().contains("PRIMARY KEY");
        assertThat(lint("pg-add-unique-or-primary-key", "ALTER TABLE users ADD CONSTRAINT u_email UNIQUE (email)")).hasSize(1);
        assertThat(lint("pg-add-unique-or-primary-key",
                "ALTER TABLE users ADD CONSTRAINT u_email UNIQUE (email) USING INDEX TABLESPACE fast")).hasSize(1);
        assertThat(lint("pg-add-unique-or-primary-key", "ALTER TABLE users ADD CONSTRAINT u_email UNIQUE USING INDEX users_email"))
                .isEmpty();
        assertThat(lint("pg-add-unique-or-primary-key", "ALTER TABLE users ADD CONSTRAINT c CHECK (a > 0)")).isEmpty();
    }

    @Test
    void volatileDefaultsRewriteOnEveryVersionConstantOnesBefore11() {
        assertThat(lint("pg-add-column-rewrite", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid() NOT NULL"))
                .singleElement().extracting(Finding::message).asString().contains("users.token");
        assertThat(lint("pg-add-column-rewrite", "ALTER TABLE users ADD COLUMN n bigserial")).hasSize(1);
        assertThat(lint("pg-add-column-rewrite", "ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT now()"))
                .as("now() is stable: one value for the statement, no rewrite on 11+").isEmpty();
        assertThat(lint("pg-add-column-rewrite", "ALTER TABLE users ADD COLUMN note text DEFAULT 'random()'")).isEmpty();
        String constant = "ALTER TABLE users ADD COLUMN active boolean DEFAULT true NOT NULL";
        assertThat(lint("pg-add-column-rewrite", constant, version("16.4"))).isEmpty();
        assertThat(lint("pg-add-column-rewrite", constant, version("10.23"))).singleElement()
                .extracting(Finding::message).asString().contains("before PostgreSQL 11");
        assertThat(lint("pg-add-column-rewrite", "ALTER TABLE users ADD COLUMN a int DEFAULT NULL", version("10.23"))).isEmpty();
    }

    @Test
    void setNotNullWantsAValidatedCheckFirstFrom12() {
        String bare = "ALTER TABLE users ALTER COLUMN email SET NOT NULL";
        assertThat(lint("pg-set-not-null", bare)).singleElement().extracting(Finding::message).asString().contains("users.email");
        String proven = "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\nALTER TABLE users ALTER email SET NOT NULL;";
        assertThat(lint("pg-set-not-null", proven, version("15.2"))).isEmpty();
        assertThat(lint("pg-set-not-null", proven, version("11.9"))).as("before 12 the check is not used").hasSize(1);
        assertThat(lint("pg-set-not-null", "ALTER TABLE users ALTER COLUMN email DROP NOT NULL")).isEmpty();
    }

    @Test
    void ddlOnAnExistingTableWantsTimeoutsSetFirst() {
        String ddl = "ALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;";
        assertThat(lint("pg-lock-timeout", ddl)).as("once, at the first").singleElement().extracting(Finding::line).isEqualTo(1);
        assertThat(lint("pg-statement-timeout", ddl)).hasSize(1);
        assertThat(lint("pg-lock-timeout", "SET lock_timeout = '5s';\n" + ddl)).isEmpty();
        assertThat(lint("pg-lock-timeout", "SELECT set_config('lock_timeout', '5s', false);\n" + ddl)).isEmpty();
        assertThat(lint("pg-statement-timeout", "SET LOCAL statement_timeout = '1min';\n" + ddl)).isEmpty();
        assertThat(lint("pg-lock-timeout", "SET statement_timeout = '1min';\n" + ddl)).hasSize(1);
        assertThat(lint("pg-lock-timeout", "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;")).isEmpty();
        assertThat(lint("pg-lock-timeout", "CREATE TABLE t (a int);\nCREATE INDEX i ON users (a);"))
                .singleElement().extracting(Finding::line).isEqualTo(2);
        assertThat(lint("pg-lock-timeout", "-- SET lock_timeout = '5s';\nTRUNCATE users;")).hasSize(1);
        // statements that lock an existing table without naming it in ALTER TABLE (found beside squawk in bench/lint)
        assertThat(lint("pg-lock-timeout", "DROP INDEX users_email;")).hasSize(1);
        assertThat(lint("pg-lock-timeout", "DROP INDEX IF EXISTS users_email;")).hasSize(1);
        assertThat(lint("pg-lock-timeout", "DROP INDEX CONCURRENTLY users_email;")).isEmpty();
        assertThat(lint("pg-lock-timeout", "REINDEX INDEX users_email;")).hasSize(1);
        assertThat(lint("pg-lock-timeout", "REINDEX TABLE users;")).hasSize(1);
        assertThat(lint("pg-lock-timeout", "REINDEX TABLE CONCURRENTLY users;")).isEmpty();
        assertThat(lint("pg-lock-timeout", "CREATE TABLE orders (id bigint, user_id bigint REFERENCES users (id));")).hasSize(1);
        assertThat(lint("pg-lock-timeout", "CREATE TABLE a (id bigint PRIMARY KEY);\nCREATE TABLE b (a_id bigint REFERENCES a (id));"))
                .isEmpty();
        assertThat(lint("pg-lock-timeout", "CREATE TABLE orders (id bigint, note text);")).isEmpty();
        assertThat(lint("pg-lock-timeout", "ALTER SEQUENCE batch_job_seq RENAME TO batch_job_instance_seq;")).hasSize(1);
        assertThat(lint("pg-lock-timeout", "CREATE SEQUENCE s;\nALTER SEQUENCE s RESTART WITH 10;")).isEmpty();
    }

    @Test
    void jsonWantsJsonb() {
        assertThat(lint("pg-json-type", "CREATE TABLE events (id bigint, payload json, meta jsonb)"))
                .singleElement().extracting(Finding::message).asString().contains("payload");
        assertThat(lint("pg-json-type", "ALTER TABLE events ALTER COLUMN payload TYPE json")).hasSize(1);
        assertThat(lint("pg-json-type", "CREATE TABLE json (json jsonb)")).isEmpty();
        assertThat(lint("pg-json-type", "SELECT payload::json FROM events")).isEmpty();
    }

    @Test
    void enumAddValueInsideBeginFailsBefore12() {
        String sql = "BEGIN;\nALTER TYPE mood ADD VALUE 'meh';\nCOMMIT;";
        assertThat(lint("pg-enum-add-value-in-transaction", sql, false, version("11.20"))).singleElement()
                .extracting(Finding::message).asString().contains("PostgreSQL 11");
        assertThat(lint("pg-enum-add-value-in-transaction", sql, false, version("12.1"))).isEmpty();
        assertThat(lint("pg-enum-add-value-in-transaction", sql, false, NONE)).hasSize(1);
        assertThat(lint("pg-enum-add-value-in-transaction", "ALTER TYPE mood ADD VALUE 'meh'", true, version("11.20"))).isEmpty();
        assertThat(lint("pg-concurrently-in-transaction", sql, false, version("12.1"))).as("not reported twice").isEmpty();
    }

    @Test
    void enumValueRenameBreaksRunningWriters() {
        assertThat(lint("pg-enum-rename-value", "ALTER TYPE public.mood RENAME VALUE 'sad' TO 'blue'"))
                .singleElement().extracting(Finding::message).asString().contains("mood");
        assertThat(lint("pg-enum-rename-value", "ALTER TYPE mood RENAME TO feeling")).isEmpty();
    }

    @Test
    void reindexWantsConcurrently() {
        assertThat(lint("pg-reindex-not-concurrent", "REINDEX INDEX users_email")).hasSize(1);
        assertThat(lint("pg-reindex-not-concurrent", "REINDEX TABLE users", version("11.2"))).singleElement()
                .extracting(Finding::message).asString().contains("before PostgreSQL 12");
        assertThat(lint("pg-reindex-not-concurrent", "REINDEX INDEX CONCURRENTLY users_email")).isEmpty();
        assertThat(lint("pg-reindex-not-concurrent", "REINDEX (VERBOSE) TABLE CONCURRENTLY users")).isEmpty();
    }

    @Test
    void detachPartitionWantsConcurrentlyFrom14() {
        String sql = "ALTER TABLE measurements DETACH PARTITION measurements_2020";
        assertThat(lint("pg-detach-partition-not-concurrent", sql)).hasSize(1);
        assertThat(lint("pg-detach-partition-not-concurrent", sql, version("16.1"))).hasSize(1);
        assertThat(lint("pg-detach-partition-not-concurrent", sql, version("13.9"))).as("no concurrent form before 14").isEmpty();
        assertThat(lint("pg-detach-partition-not-concurrent", sql + " CONCURRENTLY")).isEmpty();
    }

    @Test
    void intPrimaryKeysWantBigint() {
        assertThat(lint("pg-int-primary-key", "CREATE TABLE users (id serial PRIMARY KEY, age int)"))
                .singleElement().extracting(Finding::message).asString().contains("id");
        assertThat(lint("pg-int-primary-key", "CREATE TABLE users (id integer NOT NULL, name text, PRIMARY KEY (id))")).hasSize(1);
        assertThat(lint("pg-int-primary-key", "CREATE TABLE users (id bigint PRIMARY KEY, age int)")).isEmpty();
        assertThat(lint("pg-int-primary-key", "CREATE TABLE pairs (a int, b int, PRIMARY KEY (a, b))")).isEmpty();
    }

    @Test
    void timestampWantsTimeZone() {
        assertThat(lint("pg-timestamp-without-time-zone",
                "CREATE TABLE t (a timestamp, b timestamp(3) without time zone, c timestamp with time zone, d timestamptz)"))
                .hasSize(2);
        assertThat(lint("pg-timestamp-without-time-zone", "ALTER TABLE t ADD COLUMN \"timestamp\" timestamptz")).isEmpty();
        assertThat(lint("pg-timestamp-without-time-zone", "ALTER TABLE t ADD COLUMN seen timestamp(0)")).hasSize(1);
        assertThat(lint("pg-timestamp-without-time-zone", "INSERT INTO t (a) VALUES (timestamp '2020-01-01')")).isEmpty();
    }

    @Test
    void varcharShrinkRewritesGrowthIsFree() {
        String created = "CREATE TABLE users (id bigint, name varchar(100), bio text);\n";
        assertThat(lint("pg-varchar-shrink", created + "ALTER TABLE users ALTER COLUMN name TYPE varchar(50)"))
                .singleElement().extracting(Finding::message).asString().contains("users.name", "varchar(100)", "varchar(50)");
        assertThat(lint("pg-varchar-shrink", created + "ALTER TABLE users ALTER name SET DATA TYPE character varying(20)"))
                .hasSize(1);
        assertThat(lint("pg-varchar-shrink", created + "ALTER TABLE users ALTER COLUMN bio TYPE varchar(500)"))
                .as("a limit added to text").hasSize(1);
        assertThat(lint("pg-varchar-shrink", created + "ALTER TABLE users ALTER COLUMN name TYPE varchar(200)"))
                .as("growth is free").isEmpty();
        assertThat(lint("pg-varchar-shrink", created + "ALTER TABLE users ALTER COLUMN name TYPE text")).isEmpty();
        assertThat(lint("pg-varchar-shrink", created + "ALTER TABLE users ALTER COLUMN name TYPE varchar(200);\n"
                + "ALTER TABLE users ALTER COLUMN name TYPE varchar(150)")).as("from the latest declaration").hasSize(1);
        assertThat(lint("pg-varchar-shrink", "ALTER TABLE users ALTER COLUMN name TYPE varchar(50)"))
                .as("the current type is unknown offline").isEmpty();
    }

    @Test
    void truncateCascadeEmptiesMoreThanItNames() {
        assertThat(lint("pg-truncate-cascade", "TRUNCATE TABLE users CASCADE")).hasSize(1);
        assertThat(lint("pg-truncate-cascade", "TRUNCATE users RESTRICT")).isEmpty();
        assertThat(lint("pg-truncate-cascade", "DELETE FROM users WHERE note = 'TRUNCATE x CASCADE'")).isEmpty();
    }
}
