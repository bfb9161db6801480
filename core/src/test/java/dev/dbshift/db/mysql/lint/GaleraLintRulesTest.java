package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.dbshift.db.mysql.lint.MySqlLintRulesTest.lint;
import static org.assertj.core.api.Assertions.assertThat;

/** The Galera rules on SQL text, with the facts a Galera node (or a plain server) reports. */
@Pure
class GaleraLintRulesTest {
    static final ServerFacts TOI = galera("TOI", Map.of("orders", 2_000_000L));
    static final ServerFacts RSU = galera("RSU", Map.of());
    static final ServerFacts PLAIN = new ServerFacts(Optional.of("10.11.6-MariaDB"), Map.of("orders", 2_000_000L));

    static ServerFacts galera(String method, Map<String, Long> rows) {
        return new ServerFacts(Optional.of("10.11.6-MariaDB"), rows, Map.of(),
                Map.of("wsrep_on", "ON", "wsrep_osu_method", method));
    }

    @Test
    void anAlterThatCopiesOrIndexesAnExistingTableBlocksTheClusterInToi() {
        List<Finding> copy = lint("mysql-galera-ddl", "ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;", TOI);
        assertThat(copy).singleElement().satisfies(f -> assertThat(f.message())
                .contains("TOI", "orders", "every node", "2000000 rows"));
        assertThat(lint("mysql-galera-ddl", "ALTER TABLE orders ADD INDEX idx_total (total);", TOI)).hasSize(1);
        assertThat(lint("mysql-galera-ddl", "CREATE INDEX idx_total ON orders (total);", TOI)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("builds an index on orders"));
        assertThat(lint("mysql-galera-ddl", "OPTIMIZE TABLE orders;", TOI)).hasSize(1);
    }

    @Test
    void toiIsSilentForInstantChangesNewTablesOnlineMigrationsAndPlainServers() {
        assertThat(lint("mysql-galera-ddl", "ALTER TABLE orders ADD COLUMN note VARCHAR(10) NULL;", TOI)).isEmpty();
        assertThat(lint("mysql-galera-ddl", "CREATE TABLE t (id INT PRIMARY KEY);\nCREATE INDEX i ON t (id);", TOI)).isEmpty();
        assertThat(lint("mysql-galera-ddl", "ALTER TABLE orders ADD INDEX idx_total (total);", TOI, true)).isEmpty();
        assertThat(lint("mysql-galera-ddl", "ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;", PLAIN)).isEmpty();
    }

    @Test
    void rsuDdlIsNotReplicated() {
        assertThat(lint("mysql-galera-ddl", "CREATE TABLE t (id INT PRIMARY KEY);", RSU)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("RSU", "not replicated"));
    }

    @Test
    void aMigrationMixingDdlAndRowChangesIsReportedOnceOnGalera() {
        String mixed = "CREATE TABLE t (id INT PRIMARY KEY);\nINSERT INTO t VALUES (1);\nALTER TABLE t ADD COLUMN c INT;\n"
                + "UPDATE t SET c = 1;\n";
        List<Finding> f = lint("mysql-galera-mixed-ddl-dml", mixed, TOI);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.message()).contains("row changes follow DDL", "half done");
        });
        assertThat(lint("mysql-galera-mixed-ddl-dml", "UPDATE t SET c = 1;\nSELECT 1;\nDROP TABLE u;\n", TOI)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("this DDL follows row changes"));
        assertThat(lint("mysql-galera-mixed-ddl-dml", mixed, PLAIN)).isEmpty();
        assertThat(lint("mysql-galera-mixed-ddl-dml", "CREATE TABLE t (id INT);\nCREATE TABLE u (id INT);\n", TOI)).isEmpty();
        assertThat(lint("mysql-galera-mixed-ddl-dml", "INSERT INTO t VALUES (1);\nUPDATE t SET id = 2;\n", TOI)).isEmpty();
    }
}
