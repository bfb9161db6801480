package dev.dbshift.db.mysql;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB/MySQL type spelling to canonical and back, scripts and literals: pure functions. */
@Pure
class MySqlSchemaTypesTest {

    @Test
    void typesReadCanonicallyAndWriteBack() {
        MySqlDdlWriter writer = new MySqlDdlWriter();
        for (String[] pair : new String[][]{
                {"int(11)", "integer", "int"}, {"int(10) unsigned", "integer unsigned", "int unsigned"},
                {"bigint(20)", "bigint", "bigint"}, {"tinyint(1)", "boolean", "tinyint(1)"}, {"tinyint(4)", "tinyint", "tinyint"},
                {"decimal(10,2)", "numeric(10,2)", "decimal(10,2)"}, {"float", "real", "float"}, {"double", "double", "double"},
                {"datetime(3)", "timestamp(3)", "datetime(3)"}, {"timestamp", "timestamptz", "timestamp"},
                {"varchar(20)", "varchar(20)", "varchar(20)"}, {"enum('a','b')", "enum('a','b')", "enum('a','b')"}}) {
            assertThat(MySqlSchemaReader.type(pair[0])).as(pair[0]).isEqualTo(pair[1]);
            assertThat(writer.type(pair[1])).as(pair[1]).isEqualTo(pair[2]);
        }
    }

    /**
     * The partitioning clause from {@code SHOW CREATE TABLE} as MariaDB prints it (a line of its own) and as MySQL 8
     * does (in a version comment); for MariaDB's AUTO partitions by system time without the start and the count; a
     * comment that mentions partitioning (printed escaped, on the options' line) is no clause.
     */
    @Test
    void thePartitioningClauseIsReadFromShowCreateTable() {
        String head = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
        assertThat(MySqlSchemaReader.partitionLayout(head + "\n PARTITION BY HASH (`id`)\nPARTITIONS 4"))
                .isEqualTo("PARTITION BY HASH (`id`)\nPARTITIONS 4");
        assertThat(MySqlSchemaReader.partitionLayout(head + "\n/*!50100 PARTITION BY RANGE (`id`)\n"
                + "(PARTITION p0 VALUES LESS THAN (10) ENGINE = InnoDB) */"))
                .isEqualTo("PARTITION BY RANGE (`id`)\n(PARTITION p0 VALUES LESS THAN (10) ENGINE = InnoDB)");
        assertThat(MySqlSchemaReader.partitionLayout(head + " WITH SYSTEM VERSIONING\n PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH"
                + " STARTS TIMESTAMP'2026-12-05 00:00:00' AUTO\nPARTITIONS 7")).isEqualTo("PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH AUTO");
        assertThat(MySqlSchemaReader.partitionLayout(head + " WITH SYSTEM VERSIONING\n PARTITION BY SYSTEM_TIME LIMIT 1000\n"
                + "(PARTITION `p0` HISTORY ENGINE = InnoDB,\n PARTITION `pn` CURRENT ENGINE = InnoDB)"))
                .isEqualTo("PARTITION BY SYSTEM_TIME LIMIT 1000\n(PARTITION `p0` HISTORY ENGINE = InnoDB,\n PARTITION `pn` CURRENT ENGINE = InnoDB)");
        // a partition named AUTO is a partition, not the AUTO that makes them (the clause was cut there before)
        assertThat(MySqlSchemaReader.partitionLayout(head + " WITH SYSTEM VERSIONING\n PARTITION BY SYSTEM_TIME LIMIT 1000\n"
                + "(PARTITION `AUTO` HISTORY ENGINE = InnoDB,\n PARTITION `pn` CURRENT ENGINE = InnoDB)"))
                .isEqualTo("PARTITION BY SYSTEM_TIME LIMIT 1000\n(PARTITION `AUTO` HISTORY ENGINE = InnoDB,\n PARTITION `pn` CURRENT ENGINE = InnoDB)");
        assertThat(MySqlSchemaReader.partitionLayout(head + " WITH SYSTEM VERSIONING\n PARTITION BY SYSTEM_TIME INTERVAL 1 HOUR AUTO"))
                .isEqualTo("PARTITION BY SYSTEM_TIME INTERVAL 1 HOUR AUTO");
        assertThat(MySqlSchemaReader.partitionLayout(head + " COMMENT='a\\n PARTITION BY HASH (id)'")).isNull();
        assertThat(MySqlSchemaReader.partitionLayout(head)).isNull();
        assertThat(MySqlSchemaReader.partitionLayout(null)).isNull();
    }

    @Test
    void bodiesWithSemicolonsGoBetweenDelimiterLines() {
        String script = new MySqlDdlWriter().script(List.of("CREATE TABLE `t` (`id` int)",
                "CREATE TRIGGER `x` BEFORE INSERT ON `t` FOR EACH ROW BEGIN SET NEW.id = 1; SET NEW.id = 2; END"));
        assertThat(script).isEqualTo("CREATE TABLE `t` (`id` int)\n;\n\n"
                + "DELIMITER $$\nCREATE TRIGGER `x` BEFORE INSERT ON `t` FOR EACH ROW BEGIN SET NEW.id = 1; SET NEW.id = 2; END\n$$\nDELIMITER ;\n\n");
        assertThat(dev.dbshift.schema.StatementFile.split(script)).hasSize(2);
    }

    @Test
    void defaultsAreSqlOnMariadbAndMySql() {
        assertThat(MySqlSchemaReader.columnDefault("'x'", "", true)).isEqualTo("'x'");
        assertThat(MySqlSchemaReader.columnDefault("NULL", "", true)).isNull();
        assertThat(MySqlSchemaReader.columnDefault("current_timestamp()", "on update current_timestamp()", true)).isEqualTo("current_timestamp()");
        assertThat(MySqlSchemaReader.columnDefault("it's", "", false)).isEqualTo("'it''s'");
        assertThat(MySqlSchemaReader.columnDefault("0", "", false)).isEqualTo("'0'");
        assertThat(MySqlSchemaReader.columnDefault("CURRENT_TIMESTAMP", "default_generated", false)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(MySqlSchemaReader.columnDefault("uuid()", "default_generated", false)).isEqualTo("(uuid())");
        assertThat(MySqlSchemaReader.columnDefault(null, "", false)).isNull();
    }

    @Test
    void stringLiteralsEscapeBackslashesAndLineBreaks() {
        assertThat(new MySqlDdlWriter().literal("a\\b'c\nd")).isEqualTo("'a\\\\b''c\\nd'");
        assertThat(MySqlSchemaReader.unqualify("select `db`.`t`.`a` from `db`.`t`", "db")).isEqualTo("select `t`.`a` from `t`");
    }
}
