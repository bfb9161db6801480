package dev.dbshift.db.mysql.lint;

import dev.dbshift.db.mysql.MySqlDatabase;
import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
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

/** Each MySQL/MariaDB rule on SQL text: a statement it reports and one it leaves alone, on declared server versions. */
@Pure
class MySqlLintRulesTest {
    static final ServerFacts MARIADB_11 = facts("11.4.5-MariaDB");
    static final ServerFacts MARIADB_10_2 = facts("10.2.44-MariaDB");
    static final ServerFacts MYSQL_8_0_36 = facts("8.0.36");
    static final ServerFacts MYSQL_8_0_20 = facts("8.0.20");
    static final ServerFacts MYSQL_5_7 = facts("5.7.44-log");

    static ServerFacts facts(String version) {
        return new ServerFacts(Optional.of(version), Map.of());
    }

    static List<Finding> lint(String ruleId, String sql, ServerFacts facts, boolean online) {
        Rule rule = MySqlLintRules.all().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow();
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : LintStatements.of(new MySqlScriptDialect(), "migrations/2__t.sql", sql, false, online, true, facts)) {
            out.addAll(rule.check(st));
        }
        return out;
    }

    static List<Finding> lint(String ruleId, String sql, ServerFacts facts) {
        return lint(ruleId, sql, facts, false);
    }

    @Test
    void theDatabaseOffersEveryRuleOnceWithAnEnginePrefix() {
        List<Rule> rules = new MySqlDatabase().lintRules();
        assertThat(rules).extracting(Rule::id).doesNotHaveDuplicates().allMatch(id -> id.startsWith("mysql-"))
                .contains("mysql-alter-copies-table", "mysql-explicit-copy-or-lock", "mysql-enum-values-changed",
                        "mysql-inline-references", "mysql-drop-index", "mysql-float", "mysql-zero-date",
                        "mysql-timestamp", "mysql-int-auto-increment", "mysql-charset-rewrite");
        assertThat(rules).allMatch(r -> !r.why().isBlank() && !r.fix().isBlank() && r.level() != Level.OFF);
    }

    @Test
    void versionsReadAsMySqlOrMariaDb() {
        assertThat(MySqlServer.parse("11.4.5-MariaDB")).contains(new MySqlServer(true, 11, 4, 5));
        assertThat(MySqlServer.parse("5.5.5-10.11.6-MariaDB-0+deb12u1")).contains(new MySqlServer(true, 10, 11, 6));
        assertThat(MySqlServer.parse("8.0.36")).contains(new MySqlServer(false, 8, 0, 36));
        assertThat(MySqlServer.parse("unknown")).isEmpty();
        assertThat(new MySqlServer(false, 8, 0, 36).atLeast(8, 0, 29)).isTrue();
        assertThat(new MySqlServer(false, 8, 0, 20).atLeast(8, 0, 29)).isFalse();
        assertThat(new MySqlServer(true, 10, 11, 0).atLeast(10, 6, 0)).isTrue();
    }

    @Test
    void aTypeChangeCopiesTheTableOnEveryServer() {
        String sql = "ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;";
        List<Finding> f = lint("mysql-alter-copies-table", sql, MARIADB_11);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.level()).isEqualTo(Level.WARN);
            assertThat(x.message()).contains("orders", "ALGORITHM=COPY", "MariaDB 11.4.5");
            assertThat(x.line()).isEqualTo(1);
        });
        assertThat(lint("mysql-alter-copies-table", sql, MYSQL_8_0_36)).hasSize(1);
    }

    @Test
    void aLargeTableMakesTheCopyAnError() {
        String sql = "ALTER TABLE orders MODIFY total DECIMAL(12,2)";
        ServerFacts big = new ServerFacts(Optional.of("8.0.36"), Map.of("orders", 40_000_000L));
        ServerFacts small = new ServerFacts(Optional.of("8.0.36"), Map.of("orders", 1_000L));
        assertThat(lint("mysql-alter-copies-table", sql, big)).singleElement()
                .satisfies(x -> assertThat(x.level()).isEqualTo(Level.ERROR))
                .satisfies(x -> assertThat(x.message()).contains("40000000 rows"));
        assertThat(lint("mysql-alter-copies-table", sql, small)).singleElement()
                .satisfies(x -> assertThat(x.level()).isEqualTo(Level.WARN));
        assertThat(lint("mysql-alter-copies-table", "-- ALTER TABLE other MODIFY a INT;\n"
                + "ALTER /* note */ TABLE `shop`.`Orders` MODIFY total DECIMAL(12,2);", big)).singleElement()
                .satisfies(x -> assertThat(x.level()).isEqualTo(Level.ERROR))
                .satisfies(x -> assertThat(x.line()).isEqualTo(2));
    }

    @Test
    void addingAColumnIsInstantOnlyWhereTheServerSupportsIt() {
        String last = "ALTER TABLE users ADD COLUMN nickname VARCHAR(40) NULL";
        String middle = "ALTER TABLE users ADD COLUMN nickname VARCHAR(40) NULL AFTER id";
        String rule = "mysql-alter-copies-table";
        assertThat(lint(rule, last, MARIADB_11)).isEmpty();
        assertThat(lint(rule, middle, MARIADB_11)).isEmpty();
        assertThat(lint(rule, middle, MYSQL_8_0_36)).isEmpty();
        assertThat(lint(rule, last, MYSQL_8_0_20)).isEmpty();
        assertThat(lint(rule, middle, MYSQL_8_0_20)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("rebuild", "not as the last column"));
        assertThat(lint(rule, last, MARIADB_10_2)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("ALGORITHM=INPLACE with a full table rebuild"));
        assertThat(lint(rule, last, ServerFacts.NONE)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("unless the server is MySQL 8.0.29+ or MariaDB 10.4+"));
        assertThat(lint(rule, "ALTER TABLE users DROP COLUMN nickname", MYSQL_5_7)).hasSize(1);
        assertThat(lint(rule, "ALTER TABLE users DROP COLUMN nickname", MYSQL_8_0_36)).isEmpty();
    }

    @Test
    void primaryKeysForeignKeysAndEnginesAreNamedWithTheirAlgorithm() {
        String rule = "mysql-alter-copies-table";
        assertThat(lint(rule, "ALTER TABLE t DROP PRIMARY KEY", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("ALGORITHM=COPY", "DROP PRIMARY KEY without a new one"));
        assertThat(lint(rule, "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, region)", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("rebuild"));
        assertThat(lint(rule, "ALTER TABLE t ADD CONSTRAINT fk_u FOREIGN KEY (u) REFERENCES u (id)", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("ALGORITHM=COPY", "FOREIGN KEY"));
        assertThat(lint(rule, "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4", MARIADB_11)).hasSize(1);
        assertThat(lint(rule, "ALTER TABLE t ENGINE=MyISAM", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("COPY"));
    }

    @Test
    void cheapAltersOnlineMigrationsNewTablesAndForbiddenCopiesAreNotReported() {
        String rule = "mysql-alter-copies-table";
        assertThat(lint(rule, "ALTER TABLE t ADD INDEX ix_a (a), RENAME COLUMN b TO c, ALTER COLUMN d SET DEFAULT 1", MYSQL_5_7)).isEmpty();
        assertThat(lint(rule, "ALTER TABLE t DROP INDEX ix_a, DROP FOREIGN KEY fk_b", MYSQL_5_7)).isEmpty();
        assertThat(lint(rule, "ALTER TABLE orders MODIFY total DECIMAL(12,2)", MARIADB_11, true)).isEmpty();
        assertThat(lint(rule, "CREATE TABLE orders (id INT PRIMARY KEY, total FLOAT);\n"
                + "ALTER TABLE orders MODIFY total DECIMAL(12,2);", MARIADB_11)).isEmpty();
        assertThat(lint(rule, "ALTER TABLE orders MODIFY total DECIMAL(12,2), ALGORITHM=INSTANT", MARIADB_11)).isEmpty();
        assertThat(lint(rule, "ALTER TABLE orders MODIFY total DECIMAL(12,2), LOCK=NONE", MARIADB_11)).isEmpty();
        assertThat(lint(rule, "UPDATE t SET note = 'ALTER TABLE x MODIFY y INT'", MARIADB_11)).isEmpty();
    }

    @Test
    void anExplicitCopyOrWriteLockIsAnError() {
        String rule = "mysql-explicit-copy-or-lock";
        assertThat(lint(rule, "ALTER TABLE t ADD COLUMN a INT, ALGORITHM=COPY", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("ALGORITHM=COPY"))
                .satisfies(x -> assertThat(x.level()).isEqualTo(Level.ERROR));
        assertThat(lint(rule, "CREATE INDEX ix ON t (a) LOCK = SHARED", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("LOCK=SHARED"));
        assertThat(lint(rule, "ALTER TABLE t ADD COLUMN a INT, LOCK=EXCLUSIVE", MARIADB_11)).hasSize(1);
        assertThat(lint(rule, "ALTER TABLE t ADD COLUMN a INT, ALGORITHM=INPLACE, LOCK=NONE", MARIADB_11)).isEmpty();
        assertThat(lint(rule, "ALTER TABLE t ADD COLUMN a INT COMMENT 'ALGORITHM=COPY'", MARIADB_11)).isEmpty();
        assertThat(lint(rule, "LOCK TABLES t WRITE", MARIADB_11)).isEmpty();
    }

    @Test
    void enumValuesMayOnlyBeAppended() {
        String rule = "mysql-enum-values-changed";
        String create = "CREATE TABLE orders (id INT, state ENUM('new','paid','shipped'));\n";
        assertThat(lint(rule, create + "ALTER TABLE orders MODIFY state ENUM('new','paid','shipped','refunded');", MARIADB_11)).isEmpty();
        assertThat(lint(rule, create + "ALTER TABLE orders MODIFY state ENUM('new','shipped');", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("orders.state", "removed: paid"))
                .satisfies(x -> assertThat(x.level()).isEqualTo(Level.ERROR));
        assertThat(lint(rule, create + "ALTER TABLE orders MODIFY state ENUM('new','held','paid','shipped');", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("reordered or inserted"));
        assertThat(lint(rule, create + "ALTER TABLE orders CHANGE state status ENUM('paid','new','shipped');", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("orders.status", "reordered"));
        assertThat(lint(rule, "ALTER TABLE orders MODIFY state SET('a','b');", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("check"))
                .satisfies(x -> assertThat(x.level()).isEqualTo(Level.WARN));
        assertThat(lint(rule, "ALTER TABLE orders MODIFY state VARCHAR(10);", MARIADB_11)).isEmpty();
    }

    @Test
    void inlineReferencesAreReportedWhereTheServerIgnoresThem() {
        String rule = "mysql-inline-references";
        String sql = "CREATE TABLE pets (id INT PRIMARY KEY, owner_id INT NOT NULL REFERENCES users (id));";
        assertThat(lint(rule, sql, MYSQL_8_0_36)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("owner_id", "MySQL 8.0.36 ignores it"));
        assertThat(lint(rule, sql, ServerFacts.NONE)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("before 9.0"));
        assertThat(lint(rule, "ALTER TABLE pets ADD COLUMN vet_id INT REFERENCES vets (id)", MARIADB_10_2)).hasSize(1);
        assertThat(lint(rule, sql, MARIADB_11)).isEmpty();
        assertThat(lint(rule, sql, facts("9.1.0"))).isEmpty();
        assertThat(lint(rule, "CREATE TABLE pets (id INT, owner_id INT, CONSTRAINT fk FOREIGN KEY (owner_id) REFERENCES users (id))",
                MYSQL_8_0_36)).isEmpty();
    }

    @Test
    void droppingAnIndexOfAnExistingTableSaysHowToHideItFirst() {
        String rule = "mysql-drop-index";
        assertThat(lint(rule, "DROP INDEX ix_email ON users", MYSQL_8_0_36)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("ix_email", "users", "INVISIBLE"));
        assertThat(lint(rule, "ALTER TABLE users DROP KEY ix_email", MARIADB_11)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("IGNORED"));
        assertThat(lint(rule, "ALTER TABLE users DROP INDEX ix_email", MARIADB_10_2)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("cannot hide"));
        assertThat(lint(rule, "ALTER TABLE users DROP PRIMARY KEY, DROP FOREIGN KEY fk_a", MYSQL_8_0_36)).isEmpty();
        assertThat(lint(rule, "CREATE TABLE users (id INT, email TEXT, KEY ix_email (email(20)));\n"
                + "DROP INDEX ix_email ON users;", MYSQL_8_0_36)).isEmpty();
    }

    @Test
    void approximateTypesAreNotedAndMoneyInThemIsNamed() {
        String rule = "mysql-float";
        assertThat(lint(rule, "CREATE TABLE items (id INT, unit_price DOUBLE, weight FLOAT(7,3))", MARIADB_11))
                .extracting(Finding::message)
                .containsExactly("column unit_price looks like money but is DOUBLE: use DECIMAL",
                        "column weight is FLOAT, an approximate type");
        assertThat(lint(rule, "CREATE TABLE items (id INT, unit_price DECIMAL(19,4), note VARCHAR(9) DEFAULT 'FLOAT')", MARIADB_11)).isEmpty();
    }

    @Test
    void zeroDateDefaultsAreErrors() {
        String rule = "mysql-zero-date";
        assertThat(lint(rule, "ALTER TABLE t ADD COLUMN born DATETIME NOT NULL DEFAULT '0000-00-00 00:00:00'", MARIADB_11))
                .singleElement().satisfies(x -> assertThat(x.level()).isEqualTo(Level.ERROR));
        assertThat(lint(rule, "ALTER TABLE t ADD COLUMN born DATE NULL DEFAULT NULL COMMENT '0000-00-00'", MARIADB_11)).isEmpty();
    }

    @Test
    void timestampColumnsAreNotedFor2038() {
        String rule = "mysql-timestamp";
        assertThat(lint(rule, "CREATE TABLE t (id INT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)", MARIADB_11))
                .singleElement().satisfies(x -> assertThat(x.message()).contains("created_at", "2038"));
        assertThat(lint(rule, "CREATE TABLE t (id INT, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)", MARIADB_11)).isEmpty();
    }

    @Test
    void intAutoIncrementKeysAreNotedForCapacity() {
        String rule = "mysql-int-auto-increment";
        assertThat(lint(rule, "CREATE TABLE t (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY)", MARIADB_11))
                .singleElement().satisfies(x -> assertThat(x.message()).contains("id", "INT AUTO_INCREMENT"));
        assertThat(lint(rule, "CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, n INT)", MARIADB_11)).isEmpty();
    }

    @Test
    void characterSetConversionsOfExistingTablesAreWarned() {
        String rule = "mysql-charset-rewrite";
        assertThat(lint(rule, "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci", MYSQL_8_0_36))
                .singleElement().satisfies(x -> assertThat(x.level()).isEqualTo(Level.WARN));
        assertThat(lint(rule, "ALTER TABLE t MODIFY name VARCHAR(40) COLLATE utf8mb4_bin", MYSQL_8_0_36))
                .singleElement().satisfies(x -> assertThat(x.message()).contains("t.name"));
        assertThat(lint(rule, "ALTER TABLE t DEFAULT CHARACTER SET utf8mb4", MYSQL_8_0_36)).isEmpty();
        assertThat(lint(rule, "CREATE TABLE t (id INT);\nALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;", MYSQL_8_0_36)).isEmpty();
    }

    @Test
    void anOnlineMigrationThatAddsWhatTheEngineRefusesIsReportedBeforeItRuns() {
        String fk = "ALTER TABLE orders ADD COLUMN user_id BIGINT, ADD CONSTRAINT fk_u FOREIGN KEY (user_id) REFERENCES users (id)";
        assertThat(lint("mysql-online-blocked", fk, MARIADB_11, true)).singleElement()
                .extracting(Finding::message).asString().contains("foreign key to orders");
        assertThat(lint("mysql-online-blocked", fk, MARIADB_11, false)).as("not online: the engine is not involved").isEmpty();
        String trigger = "ALTER TABLE orders ADD COLUMN n INT;\n"
                + "CREATE TRIGGER orders_ai AFTER INSERT ON `shop`.`orders` FOR EACH ROW SET @n = 1;";
        assertThat(lint("mysql-online-blocked", trigger, MARIADB_11, true)).singleElement()
                .extracting(Finding::line).isEqualTo(2);
        assertThat(lint("mysql-online-blocked", trigger.replace("ON `shop`.`orders`", "ON audit"), MARIADB_11, true))
                .as("a trigger on a table the migration does not alter online").isEmpty();
        assertThat(lint("mysql-online-blocked", "ALTER TABLE orders ADD COLUMN note VARCHAR(20) COMMENT 'REFERENCES'",
                MARIADB_11, true)).as("a word inside a string is not a clause").isEmpty();
    }
}
