package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every preflight refusal, the dry run, the native strategy, and that a refusal leaves nothing behind. */
class OnlinePreflightTest {

    private TestDatabase db;

    @BeforeEach
    void create() throws Exception {
        db = TestDatabase.create(TestDatabase.Vendor.MARIADB);
        sql("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, email VARCHAR(50) NULL, n INT NOT NULL DEFAULT 0) ENGINE=InnoDB",
                "INSERT INTO t VALUES (1, 'a@x', 1), (2, 'b@x', 2), (3, 'a@x', 3)");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private OnlineResult copy(String table, String spec, OnlineOptions options) {
        return OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), table, spec, options.withStrategy(Strategy.COPY));
    }

    private List<String> tables() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                     + "UNION ALL SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void assertRefused(String table, String spec, OnlineOptions options, String reason) throws Exception {
        List<String> before = tables();
        assertThatThrownBy(() -> copy(table, spec, options))
                .isInstanceOf(OnlineException.class).hasMessageContaining("refused").hasMessageContaining(reason);
        List<String> after = tables();
        after.remove(Checkpoint.TABLE);
        before.remove(Checkpoint.TABLE);
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void refusesATableWithoutPrimaryOrNotNullUniqueKey() throws Exception {
        sql("CREATE TABLE nokey (a INT NULL, b INT NULL, UNIQUE KEY uk (a)) ENGINE=InnoDB");
        assertRefused("nokey", "ADD COLUMN c INT NULL", OnlineOptions.defaults(), "no primary key");
    }

    @Test
    void acceptsANotNullUniqueKeyInsteadOfAPrimaryKey() throws Exception {
        sql("CREATE TABLE uq (a INT NOT NULL, b INT NULL, UNIQUE KEY uk (a)) ENGINE=InnoDB", "INSERT INTO uq VALUES (1, 1), (2, 2)");
        OnlineResult r = copy("uq", "ADD COLUMN c INT NOT NULL DEFAULT 7", OnlineOptions.defaults());
        assertThat(r.outcome()).isEqualTo(Phase.DONE);
        assertThat(r.rowsCopied()).isEqualTo(2);
    }

    @Test
    void refusesForeignKeysOutOfTheTable() throws Exception {
        sql("CREATE TABLE child (id INT NOT NULL PRIMARY KEY, t_id INT NOT NULL, FOREIGN KEY fk_t (t_id) REFERENCES t (id)) ENGINE=InnoDB");
        assertRefused("child", "ADD COLUMN c INT NULL", OnlineOptions.defaults(), "foreign keys");
    }

    @Test
    void refusesForeignKeysIntoTheTable() throws Exception {
        sql("CREATE TABLE child (id INT NOT NULL PRIMARY KEY, t_id INT NOT NULL, FOREIGN KEY fk_t (t_id) REFERENCES t (id)) ENGINE=InnoDB");
        assertRefused("t", "ADD COLUMN c INT NULL", OnlineOptions.defaults(), "foreign keys");
    }

    @Test
    void refusesExistingTriggers() throws Exception {
        sql("CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW SET @x = 1");
        assertRefused("t", "ADD COLUMN c INT NULL", OnlineOptions.defaults(), "triggers");
    }

    @Test
    void refusesAddUniqueWithoutAllowUnique() throws Exception {
        assertRefused("t", "ADD UNIQUE KEY uk_n (n)", OnlineOptions.defaults(), "--allow-unique");
    }

    @Test
    void refusesAddUniqueWhenDuplicatesExist() throws Exception {
        assertRefused("t", "ADD UNIQUE KEY uk_email (email)", OnlineOptions.defaults().withAllowUnique(true), "a@x");
    }

    @Test
    void addsAUniqueKeyWithAllowUniqueWhenThereAreNoDuplicates() throws Exception {
        OnlineResult r = copy("t", "ADD UNIQUE KEY uk_n (n)", OnlineOptions.defaults().withAllowUnique(true));
        assertThat(r.outcome()).isEqualTo(Phase.DONE);
        assertThat(tables()).containsExactlyInAnyOrder("t", Checkpoint.TABLE);
    }

    @Test
    void refusesANewNotNullColumnWithoutDefault() throws Exception {
        assertRefused("t", "ADD COLUMN c INT NOT NULL", OnlineOptions.defaults(), "DEFAULT");
    }

    @Test
    void refusesWhenTheDiskCannotHoldTheCopy() throws Exception {
        assertRefused("t", "ADD COLUMN c INT NULL", OnlineOptions.defaults().withDiskHeadroom(1e15), "disk space");
    }

    @Test
    void refusesDroppingTheKeyColumn() throws Exception {
        assertRefused("t", "DROP PRIMARY KEY, DROP COLUMN id", OnlineOptions.defaults(), "key column");
    }

    @Test
    void refusesARenameOfTheTableItself() {
        assertThatThrownBy(() -> copy("t", "RENAME TO t2", OnlineOptions.defaults())).hasMessageContaining("rename the table");
    }

    @Test
    void refusesASecondChangeWhileOneIsInProgress() throws Exception {
        OnlineOptions postponed = OnlineOptions.defaults().withPostponeCutover(true);
        Thread engine = new Thread(() -> {
            try {
                copy("t", "ADD COLUMN c INT NULL", postponed);
            } catch (RuntimeException expected) {
                // aborted below
            }
        });
        engine.start();
        OnlineCrashResumeTest.waitFor(db, "t", s -> s.phase() == Phase.WAIT_CUTOVER);
        assertThatThrownBy(() -> copy("t", "ADD COLUMN d INT NULL", OnlineOptions.defaults()))
                .hasMessageContaining("another dbshift process");
        new OnlineControl(new MySqlOnlineChange(), db::connect).abort(db.name(), "t");
        engine.join(30_000);
        assertThat(tables()).containsExactlyInAnyOrder("t", Checkpoint.TABLE);
    }

    @Test
    void refusesNativeWhenTheServerCannotDoItWithoutBlocking() throws Exception {
        assertThatThrownBy(() -> OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), "t", "MODIFY COLUMN n BIGINT NOT NULL DEFAULT 0",
                OnlineOptions.defaults().withStrategy(Strategy.NATIVE))).hasMessageContaining("refused");
        assertThat(tables()).containsExactlyInAnyOrder("t", Checkpoint.TABLE);
    }

    @Test
    void dryRunReportsNativeSupportAndLeavesNothingBehind() throws Exception {
        OnlineMigrator m = new OnlineMigrator(new MySqlOnlineChange(), db::connect, OnlineOptions.defaults(), null);
        OnlinePlan instant = m.plan(db.name(), "t", "ADD COLUMN c INT NULL");
        assertThat(instant.nativeSupport()).isEqualTo(ShadowTable.Native.INSTANT);
        assertThat(instant.method()).isEqualTo("instant");
        OnlinePlan inplace = m.plan(db.name(), "t", "ADD INDEX idx_n (n)");
        assertThat(inplace.nativeSupport()).isEqualTo(ShadowTable.Native.INPLACE);
        OnlinePlan copy = m.plan(db.name(), "t", "MODIFY COLUMN n BIGINT NOT NULL DEFAULT 0, CHANGE email mail VARCHAR(60) NULL");
        assertThat(copy.nativeSupport()).isEqualTo(ShadowTable.Native.NONE);
        assertThat(copy.method()).isEqualTo("copy");
        assertThat(copy.key()).containsExactly("id");
        assertThat(copy.text()).contains("email -> mail").contains("PRIMARY");
        assertThat(tables()).containsExactly("t");
    }

    @Test
    void aWholeAlterStatementRunsThroughTheEngineForOnlineScripts() throws Exception {
        OnlineResult r = OnlineMigrator.alterStatement(new MySqlOnlineChange(), db::connect, null,
                "ALTER TABLE `" + db.name() + "`.t MODIFY n BIGINT NOT NULL DEFAULT 0", OnlineOptions.defaults());
        assertThat(r.method()).isEqualTo("copy");
        assertThat(r.rowsCopied()).isEqualTo(3);
        assertThat(r.description()).contains("online copy of t: done, 3 rows copied");
    }

    @Test
    void autoRunsAnInstantChangeNatively() throws Exception {
        OnlineResult r = OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), "t", "ADD COLUMN c INT NULL", OnlineOptions.defaults());
        assertThat(r.method()).isEqualTo("instant");
        assertThat(OnlineConcurrentWritesTest.columns(db.connect(), "t")).contains("c");
    }

    @Test
    void theNewTableKeepsTheAutoIncrementCounterSoDeletedIdsAreNotReused() throws Exception {
        sql("CREATE TABLE ai (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT NULL) ENGINE=InnoDB",
                "INSERT INTO ai (v) VALUES (1), (2), (3), (4)", "DELETE FROM ai WHERE id = 4");
        copy("ai", "ADD COLUMN w INT NULL", OnlineOptions.defaults());
        sql("INSERT INTO ai (v) VALUES (5)");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(id) FROM ai")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }

    @Test
    void postponedCutoverWaitsForTheCutoverCommand() throws Exception {
        java.util.concurrent.atomic.AtomicReference<OnlineResult> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread engine = new Thread(() -> result.set(copy("t", "ADD COLUMN c INT NOT NULL DEFAULT 5",
                OnlineOptions.defaults().withPostponeCutover(true).withKeepOld(true))));
        engine.start();
        OnlineCrashResumeTest.waitFor(db, "t", s -> s.phase() == Phase.WAIT_CUTOVER);
        Thread.sleep(700);
        assertThat(OnlineConcurrentWritesTest.columns(db.connect(), "t")).doesNotContain("c");
        new OnlineControl(new MySqlOnlineChange(), db::connect).requestCutover(db.name(), "t");
        engine.join(30_000);
        assertThat(result.get().outcome()).isEqualTo(Phase.DONE);
        assertThat(OnlineConcurrentWritesTest.columns(db.connect(), "t")).contains("c");
        assertThat(tables()).containsExactlyInAnyOrder("t", "_t_old", Checkpoint.TABLE);
    }
}
