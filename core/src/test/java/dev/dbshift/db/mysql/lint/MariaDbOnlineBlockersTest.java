package dev.dbshift.db.mysql.lint;

import dev.dbshift.db.mysql.MySqlDatabase;
import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.LintStatements;
import dev.dbshift.lint.Rule;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connected to a real MariaDB, the linter knows which existing tables the online engine refuses (foreign keys that
 * leave or reach them, triggers of their own) and says so for an online migration that alters one, before it runs.
 */
class MariaDbOnlineBlockersTest {

    @Test
    void anOnlineAlterOfATableWithForeignKeysOrTriggersIsReportedWhenConnected() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id INT PRIMARY KEY) ENGINE=InnoDB");
            st.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT,"
                    + " CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB");
            st.execute("CREATE TABLE audited (id INT PRIMARY KEY, n INT) ENGINE=InnoDB");
            st.execute("CREATE TRIGGER audited_bi BEFORE INSERT ON audited FOR EACH ROW SET NEW.n = 1");
            st.execute("CREATE TABLE plain (id INT PRIMARY KEY) ENGINE=InnoDB");

            ServerFacts facts = new MySqlDatabase().lintFacts(c, db.name());
            assertThat(facts.onlineBlockers()).containsEntry("child", "foreign key fk_parent")
                    .containsEntry("parent", "foreign key fk_parent").containsEntry("audited", "trigger audited_bi")
                    .doesNotContainKey("plain");

            for (String table : List.of("child", "parent", "audited")) {
                assertThat(lint("ALTER TABLE " + table + " ADD COLUMN x INT", facts, true)).as(table).singleElement()
                        .extracting(Finding::message).asString().startsWith(table + " has ");
            }
            assertThat(lint("ALTER TABLE plain ADD COLUMN x INT", facts, true)).isEmpty();
            assertThat(lint("ALTER TABLE child ADD COLUMN x INT", facts, false)).as("not an online migration").isEmpty();
            assertThat(lint("ALTER TABLE child ADD COLUMN x INT", ServerFacts.NONE, true)).as("offline").isEmpty();
        }
    }

    private static List<Finding> lint(String sql, ServerFacts facts, boolean online) {
        Rule rule = MySqlLintRules.all().stream().filter(r -> r.id().equals("mysql-online-blocked")).findFirst().orElseThrow();
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : LintStatements.of(new MySqlScriptDialect(), "migrations/2__t.sql", sql, false, online, true, facts)) {
            out.addAll(rule.check(st));
        }
        return out;
    }
}
