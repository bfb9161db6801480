package dev.dbshift.db.mysql;

import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.Table;
import dev.dbshift.schema.TableFilter;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB's schema read finds its partitioned tables in InnoDB's dictionary, which opens no table, and asks
 * {@code information_schema} (which opens every table) whenever the dictionary cannot tell: a table in another engine,
 * a name spelled otherwise on disk, a user without the PROCESS privilege. Each way reads the same partitioning.
 */
class InnoDbPartitionsTest {

    private static final String RANGE = "CREATE TABLE %s (id INT NOT NULL, at DATE NOT NULL, PRIMARY KEY (id, at))"
            + " PARTITION BY RANGE (YEAR(at)) (PARTITION p1 VALUES LESS THAN (2025), PARTITION p2 VALUES LESS THAN MAXVALUE)";

    private static Map<String, String> layouts(Connection c, String schema) throws SQLException {
        SchemaModel model = new MySqlSchemaReader().read(c, schema, TableFilter.everything());
        Map<String, String> out = new TreeMap<>();
        for (Table t : model.tables()) {
            out.put(t.name(), String.valueOf(t.partitionLayout()));
        }
        return out;
    }

    @Test
    void theDictionaryNamesThePartitionedInnoDbTablesOfThisDatabaseOnly() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); TestDatabase other = TestDatabase.create(Vendor.MARIADB);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(String.format(RANGE, "metric"));
            st.execute("CREATE TABLE Hashed (id INT PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 3");
            st.execute("CREATE TABLE plain (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE sub (id INT, k INT) PARTITION BY LIST (k) SUBPARTITION BY HASH (id) SUBPARTITIONS 2"
                    + " (PARTITION a VALUES IN (1), PARTITION b VALUES IN (2))");
            try (Connection o = other.connect(); Statement os = o.createStatement()) {
                os.execute(String.format(RANGE, "elsewhere"));
            }
            assertThat(InnoDbPartitions.of(c, db.name())).contains(Set.of("metric", "hashed", "sub"));
            assertThat(layouts(c, db.name())).containsExactly(
                    Map.entry("Hashed", "PARTITION BY HASH (`id`)\nPARTITIONS 3"),
                    Map.entry("metric", "PARTITION BY RANGE (year(`at`))\n(PARTITION `p1` VALUES LESS THAN (2025) ENGINE = InnoDB,\n"
                            + " PARTITION `p2` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)"),
                    Map.entry("plain", "null"),
                    Map.entry("sub", "PARTITION BY LIST (`k`)\nSUBPARTITION BY HASH (`id`)\nSUBPARTITIONS 2\n"
                            + "(PARTITION `a` VALUES IN (1) ENGINE = InnoDB,\n PARTITION `b` VALUES IN (2) ENGINE = InnoDB)"));
            assertThat(InnoDbPartitions.of(c, "no-such-db")).isEmpty();
        }
    }

    @Test
    void anotherEngineOrANameSpelledOtherwiseOnDiskIsAskedOfInformationSchema() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE `odd-name` (id INT PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2");
            // its folder spells '-' as @002d: the dictionary cannot be matched by the name
            assertThat(InnoDbPartitions.of(c, db.name())).isEmpty();
            assertThat(layouts(c, db.name())).containsExactly(Map.entry("odd-name", "PARTITION BY HASH (`id`)\nPARTITIONS 2"));
            st.execute("DROP TABLE `odd-name`");
            st.execute("CREATE TABLE legacy (id INT PRIMARY KEY) ENGINE=MyISAM PARTITION BY KEY () PARTITIONS 2");
            st.execute("CREATE TABLE metric (id INT PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2");
            st.execute("CREATE TABLE flat (id INT PRIMARY KEY) ENGINE=Aria");
            // the dictionary knows InnoDB's tables only: the two others are asked by name
            assertThat(InnoDbPartitions.of(c, db.name())).contains(Set.of("metric"));
            assertThat(layouts(c, db.name())).containsExactly(Map.entry("flat", "null"),
                    Map.entry("legacy", "PARTITION BY KEY ()\nPARTITIONS 2"), Map.entry("metric", "PARTITION BY HASH (`id`)\nPARTITIONS 2"));
            // and more than a few of them in one query
            for (int i = 0; i < 21; i++) {
                st.execute("CREATE TABLE old_" + i + " (id INT PRIMARY KEY) ENGINE=MyISAM");
            }
            Map<String, String> many = layouts(c, db.name());
            assertThat(many).hasSize(24).containsEntry("legacy", "PARTITION BY KEY ()\nPARTITIONS 2")
                    .containsEntry("metric", "PARTITION BY HASH (`id`)\nPARTITIONS 2").containsEntry("old_20", "null");
            assertThat(many.values().stream().filter(v -> !v.equals("null"))).hasSize(2);
        }
    }

    @Test
    void aUserWhoCannotReadTheDictionaryReadsTheSamePartitioning() throws Exception {
        String user = "ptprobe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(String.format(RANGE, "metric"));
            st.execute("CREATE TABLE plain (id INT PRIMARY KEY)");
            Map<String, String> asRoot = layouts(c, db.name());
            assertThat(asRoot.get("metric")).startsWith("PARTITION BY RANGE");
            st.execute("CREATE USER '" + user + "'@'%'");
            try {
                st.execute("GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'%'");
                try (Connection limited = DriverManager.getConnection(db.url(), user, "")) {
                    assertThat(InnoDbPartitions.of(limited, db.name())).isEqualTo(Optional.empty());
                    assertThat(layouts(limited, db.name())).isEqualTo(asRoot);
                }
            } finally {
                st.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }
}
