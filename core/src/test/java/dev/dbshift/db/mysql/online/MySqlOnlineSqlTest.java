package dev.dbshift.db.mysql.online;

import dev.dbshift.online.CopiedColumn;
import dev.dbshift.online.KeyRange;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.TriggerNames;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Pure
class MySqlOnlineSqlTest {

    @Test
    void compositeKeyBoundsAreExpandedForTheRangeOptimizer() {
        MySqlOnlineSql.Statement after = MySqlOnlineSql.keyAfter(List.of("a", "b", "c"), List.of(1, 2, 3));
        assertThat(after.sql()).isEqualTo("((`a` > ?) OR (`a` = ? AND `b` > ?) OR (`a` = ? AND `b` = ? AND `c` > ?))");
        assertThat(after.params()).containsExactly(1, 1, 2, 1, 2, 3);
        MySqlOnlineSql.Statement upTo = MySqlOnlineSql.keyAtMost(List.of("a", "b"), List.of(5, 6));
        assertThat(upTo.sql()).isEqualTo("((`a` < ?) OR (`a` = ? AND `b` <= ?))");
        assertThat(MySqlOnlineSql.keyAtMost(List.of("id"), List.of(9)).sql()).isEqualTo("((`id` <= ?))");
    }

    @Test
    void chunkCopyIsAPlainInsertSelectOverTheKeyRange() {
        MySqlOnlineSql.Statement s = MySqlOnlineSql.copyChunk("db", "t", "_t_new", "PRIMARY", List.of("id"),
                List.of(new CopiedColumn("id", "id"), new CopiedColumn("note", "remark")), new KeyRange(List.of(10L), List.of(20L)));
        assertThat(s.sql()).isEqualTo("INSERT INTO `db`.`_t_new` (`id`, `remark`) SELECT `id`, `note` FROM `db`.`t` "
                + "FORCE INDEX (`PRIMARY`) WHERE ((`id` > ?)) AND ((`id` <= ?))");
        assertThat(s.params()).containsExactly(10L, 20L);
        assertThat(s.sql()).doesNotContain("IGNORE").doesNotContain("LOCK IN SHARE MODE");
    }

    @Test
    void firstAndLastChunksAreOpenEnded() {
        assertThat(MySqlOnlineSql.rangeCondition(List.of("id"), KeyRange.ALL).sql()).isEqualTo("1=1");
        assertThat(MySqlOnlineSql.nextChunkEnd("db", "t", "PRIMARY", List.of("a", "b"), null, 100).sql())
                .isEqualTo("SELECT `a`, `b` FROM `db`.`t` FORCE INDEX (`PRIMARY`) WHERE 1=1 ORDER BY `a`, `b` LIMIT 1 OFFSET 99");
    }

    @Test
    void switchedTriggersCaptureKeysUntilTheControlRowSaysOtherwise() {
        List<String> t = MySqlOnlineSql.switchedTriggers("db", "t", "_t_chg", "_t_ctl", "_t_new", new TriggerNames("i", "u", "d"),
                List.of("id"), List.of("id"), List.of(new CopiedColumn("id", "id"), new CopiedColumn("note", "remark")));
        String mode = "FOR EACH ROW BEGIN DECLARE dbshift_mode TINYINT; SELECT MAX(`sync`) INTO dbshift_mode FROM `db`.`_t_ctl`"
                + " WHERE `id` = 1 LOCK IN SHARE MODE SKIP LOCKED; IF dbshift_mode <=> 0 THEN ";
        assertThat(t.get(0)).isEqualTo("CREATE TRIGGER `db`.`i` AFTER INSERT ON `db`.`t` " + mode
                + "INSERT INTO `db`.`_t_chg` (`id`) VALUES (NEW.`id`); ELSE REPLACE INTO `db`.`_t_new` (`id`, `remark`)"
                + " VALUES (NEW.`id`, NEW.`note`); END IF; END");
        assertThat(t.get(1)).startsWith("CREATE TRIGGER `db`.`u` AFTER UPDATE ON `db`.`t` " + mode
                + "IF (NEW.`id` <=> OLD.`id`) THEN INSERT INTO `db`.`_t_chg` (`id`) VALUES (OLD.`id`); "
                + "ELSE INSERT INTO `db`.`_t_chg` (`id`) VALUES (OLD.`id`), (NEW.`id`); END IF; ELSE IF NOT");
        assertThat(t.get(2)).isEqualTo("CREATE TRIGGER `db`.`d` AFTER DELETE ON `db`.`t` " + mode
                + "INSERT INTO `db`.`_t_chg` (`id`) VALUES (OLD.`id`); ELSE DELETE IGNORE FROM `db`.`_t_new` WHERE `id` <=> OLD.`id`;"
                + " END IF; END");
    }

    @Test
    void syncTriggersNeverFailAnApplicationWrite() {
        List<String> t = MySqlOnlineSql.syncTriggers("db", "t", "_t_new", new TriggerNames("i", "u", "d"), List.of("id"),
                List.of("id"), List.of(new CopiedColumn("id", "id"), new CopiedColumn("note", "remark")));
        assertThat(t.get(0)).endsWith("REPLACE INTO `db`.`_t_new` (`id`, `remark`) VALUES (NEW.`id`, NEW.`note`)");
        assertThat(t.get(1)).contains("IF NOT (NEW.`id` <=> OLD.`id`) THEN DELETE IGNORE FROM `db`.`_t_new` WHERE `id` <=> OLD.`id`; END IF; REPLACE INTO");
        assertThat(t.get(2)).endsWith("DELETE IGNORE FROM `db`.`_t_new` WHERE `id` <=> OLD.`id`");
    }

    @Test
    void replayIsBoundedByTheCopiedPosition() {
        List<List<Object>> keys = List.of(List.of(1, "x"), List.of(2, "y"));
        MySqlOnlineSql.Statement del = MySqlOnlineSql.replayDelete("db", "_t_new", List.of("a", "b"), keys, List.of(5, "z"));
        assertThat(del.sql()).isEqualTo("DELETE FROM `db`.`_t_new` WHERE ((`a` = ? AND `b` = ?) OR (`a` = ? AND `b` = ?)) "
                + "AND ((`a` < ?) OR (`a` = ? AND `b` <= ?))");
        assertThat(del.params()).containsExactly(1, "x", 2, "y", 5, 5, "z");
        MySqlOnlineSql.Statement ins = MySqlOnlineSql.replayInsert("db", "t", "_t_new", List.of("id"),
                List.of(new CopiedColumn("id", "id")), List.of(List.of(3)), null, false);
        assertThat(ins.sql()).isEqualTo("INSERT INTO `db`.`_t_new` (`id`) SELECT `id` FROM `db`.`t` WHERE `id` IN (?)");
    }

    @Test
    void checksumMarksTheNullsOfColumnsThatMayBeNull() {
        MySqlOnlineSql.Statement s = MySqlOnlineSql.checksumOf("db", "t", List.of("`id`", "`n`", "`m`"),
                List.of(false, true, true), List.of("id"), KeyRange.ALL);
        assertThat(s.sql()).isEqualTo("SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('#', `id`, `n`, `m`, "
                + "CONCAT(ISNULL(`n`), ISNULL(`m`))))), 0) FROM `db`.`t` WHERE 1=1");
        assertThat(MySqlOnlineSql.checksumOf("db", "t", List.of("`id`", "`n`"), List.of(false, false), List.of("id"),
                KeyRange.ALL).sql()).isEqualTo("SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('#', `id`, `n`))), 0)"
                + " FROM `db`.`t` WHERE 1=1");
    }

    @Test
    void checksumReadsTheSourceAsTheShadowsTypeHoldsIt() {
        assertThat(MySqlOnlineSql.asShadowType("a", "decimal(10,2)", null, "decimal(12,3)", null))
                .isEqualTo("CAST(`a` AS DECIMAL(12,3))");
        assertThat(MySqlOnlineSql.asShadowType("t", "datetime", null, "datetime(3)", null)).isEqualTo("CAST(`t` AS DATETIME(3))");
        assertThat(MySqlOnlineSql.asShadowType("f", "float", null, "double", null)).isEqualTo("CAST(`f` AS DOUBLE)");
        assertThat(MySqlOnlineSql.asShadowType("d", "decimal(5,1)", null, "int(11)", null)).isEqualTo("CAST(`d` AS SIGNED)");
        assertThat(MySqlOnlineSql.asShadowType("i", "int(11)", null, "bigint(20) unsigned", null)).isEqualTo("`i`");
        assertThat(MySqlOnlineSql.asShadowType("s", "varchar(10)", "latin1", "varchar(10)", "utf8mb4"))
                .isEqualTo("CAST(`s` AS CHAR CHARACTER SET utf8mb4)");
        assertThat(MySqlOnlineSql.asShadowType("s", "varchar(10)", "utf8mb4", "varchar(40)", "utf8mb4")).isEqualTo("`s`");
        assertThat(MySqlOnlineSql.asShadowType("n", "decimal(10,2)", null, "decimal(10,2)", null)).isEqualTo("`n`");
        assertThat(MySqlOnlineSql.checksumOf("db", "t", List.of("CAST(`a` AS DOUBLE)"), List.of(true), List.of("id"), KeyRange.ALL).sql())
                .contains("CONCAT_WS('#', CAST(`a` AS DOUBLE), CONCAT(ISNULL(CAST(`a` AS DOUBLE))))");
    }

    @Test
    void swapIsOneAtomicRenameThatDoesNotQueue() {
        assertThat(MySqlOnlineSql.swap("db", "t", "_t_old", "_t_new"))
                .isEqualTo("RENAME TABLE `db`.`t` NOWAIT TO `db`.`_t_old`, `db`.`_t_new` TO `db`.`t`");
    }

    @Test
    void derivedNamesFitMySqlsLimitAndQuotingDoublesBackticks() {
        assertThat(OnlineNames.derived("x".repeat(64), "new")).hasSize(64).endsWith("_new");
        assertThat(MySqlOnlineSql.quote("a`b")).isEqualTo("`a``b`");
    }
}
