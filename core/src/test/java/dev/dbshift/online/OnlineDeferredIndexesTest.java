package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * MariaDB's copy makes the shadow without its plain secondary indexes and builds them once, by sorting, after the
 * copy (ShadowTable.deferIndexes): the table ends exactly as a plain ALTER would make it, unique and FULLTEXT keys
 * are never deferred, and an engine killed just before the build, or after part of it, builds the rest on resume. With
 * few writes during the copy the build runs beside the checksum (ShadowTable.buildsIndexesUnderWrites), else before it.
 */
class OnlineDeferredIndexesTest {

    private static final String DDL = " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, grp INT NOT NULL, name VARCHAR(40) NULL,"
            + " code VARCHAR(20) NOT NULL, note TEXT NULL, UNIQUE KEY uq_code (code), KEY idx_grp (grp),"
            + " KEY idx_name_grp (name(10), grp) COMMENT 'two parts', FULLTEXT KEY ft_note (note)) ENGINE=InnoDB";
    private static final String SPEC = "ADD COLUMN flags INT NOT NULL DEFAULT 0, ADD INDEX idx_flags_grp (flags, grp DESC),"
            + " DROP INDEX idx_grp";

    @Test
    void theCopyFillsAShadowWithoutPlainKeysAndTheTableEndsAsAPlainAlterMakesIt() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Statement st = c.createStatement()) {
            for (String t : List.of("items", "twin")) {
                st.execute("CREATE TABLE " + t + DDL);
                st.execute("INSERT INTO " + t + " (id, grp, name, code, note) SELECT seq, seq % 97, CONCAT('n', seq % 311),"
                        + " CONCAT('c', seq), CONCAT('note ', seq) FROM seq_1_to_5000");
            }
            st.execute("ALTER TABLE twin " + SPEC);
            List<String> shadowDuringCopy = new ArrayList<>();
            List<String> shadowAtChecksum = new ArrayList<>();
            List<String> waits = new ArrayList<>();
            OnlineResult r = new OnlineMigrator(new MySqlOnlineChange(), db::connect, OnlineConcurrentWritesTest.testOptions(), p -> {
                if (p.waiting() != null) {
                    waits.add(p.waiting());
                }
                List<String> into = p.phase() == Phase.COPY && p.rowsCopied() > 0 ? shadowDuringCopy
                        : p.phase() == Phase.CHECKSUM ? shadowAtChecksum : null;
                if (into != null && into.isEmpty()) {
                    try (Connection other = db.connect()) {
                        into.add(showCreate(other, "_items_new"));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }).execute(db.name(), "items", SPEC);
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertThat(shadowDuringCopy).singleElement().satisfies(ddl -> assertThat(ddl)
                    .doesNotContain("KEY `idx_name_grp`", "KEY `idx_flags_grp`")
                    .contains("UNIQUE KEY `uq_code`", "FULLTEXT KEY `ft_note`", "`flags`"));
            // built beside the checksum: the copy's few writes fit InnoDB's row log many times over
            assertThat(waits).anySatisfy(w -> assertThat(w).contains("indexes").endsWith("while the checksum runs"));
            assertThat(shadowAtChecksum).singleElement().satisfies(ddl -> assertThat(ddl)
                    .doesNotContain("KEY `idx_name_grp`", "KEY `idx_flags_grp`"));
            assertThat(body(showCreate(c, "items"))).isEqualTo(body(showCreate(c, "twin")));
            assertThat(rows(c, "items")).isEqualTo(rows(c, "twin"));
        }
    }

    @Test
    void killedAsItBuildsTheIndexesThenResumedUnderWritersBuildsTheRest() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            WriterLoad load = new WriterLoad(db, 3);
            load.seed(3_000);
            load.start();
            try {
                // SIGKILL just before the build, which runs beside the checksum (few writes)
                OnlinePhaseKillTest.killFrozen(db, OnlineConcurrentWritesTest.SPEC, "INDEXES", 1);
                OnlineState killed = OnlineCrashResumeTest.state(db);
                assertThat(killed.phase()).isEqualTo(Phase.CHECKSUM);
                assertThat(killed.copyDone()).isTrue();
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    assertThat(showCreate(c, "_items_new")).doesNotContain("KEY `idx_grp`", "KEY `idx_name`");
                    // as if an engine killed during the build had left part of it done
                    st.execute("ALTER TABLE _items_new ADD KEY `idx_grp` (`grp`)");
                }
                Thread.sleep(300); // the writers go on; the triggers log what they do
                OnlineResult r = new OnlineMigrator(new MySqlOnlineChange(), db::connect, OnlineConcurrentWritesTest.testOptions(), null)
                        .resume(db.name(), "items");
                assertThat(r.outcome()).isEqualTo(Phase.DONE);
                Thread.sleep(200);
            } finally {
                load.stop();
            }
            try (Connection c = db.connect()) {
                load.assertExact(c);
                assertThat(showCreate(c, "items")).contains("KEY `idx_grp` (`grp`)", "KEY `idx_name` (`name`)", "`remark`");
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    @Test
    void resumedAtACopyThatIsDoneWithCaptureLeftSynchronousSwitchesItBackBeforeBuilding() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            WriterLoad load = new WriterLoad(db, 3);
            load.seed(3_000);
            load.start();
            List<Integer> modeAtBuild = new ArrayList<>();
            try {
                OnlinePhaseKillTest.killFrozen(db, OnlineConcurrentWritesTest.SPEC, "SYNC", 1);
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    // what a run killed in the fallback from an outgrown build leaves: COPY recorded (the copy done),
                    // capture still synchronous, the indexes not built
                    st.execute("UPDATE dbshift_online SET phase = 'COPY' WHERE table_name = 'items'");
                    st.execute("UPDATE _items_ctl SET `sync` = 1 WHERE id = 1");
                    assertThat(showCreate(c, "_items_new")).doesNotContain("KEY `idx_grp`");
                }
                OnlineResult r = new OnlineMigrator(new MySqlOnlineChange(), db::connect, OnlineConcurrentWritesTest.testOptions(), p -> {
                    if (p.waiting() != null && p.waiting().startsWith("building the shadow's indexes") && modeAtBuild.isEmpty()) {
                        try (Connection other = db.connect(); Statement st = other.createStatement();
                             ResultSet rs = st.executeQuery("SELECT `sync` FROM _items_ctl")) {
                            rs.next();
                            modeAtBuild.add(rs.getInt(1));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }).resume(db.name(), "items");
                assertThat(r.outcome()).isEqualTo(Phase.DONE);
                Thread.sleep(200);
            } finally {
                load.stop();
            }
            assertThat(modeAtBuild).as("capture only logs while the indexes are built before the sync phase").containsExactly(0);
            try (Connection c = db.connect()) {
                load.assertExact(c);
                assertThat(showCreate(c, "items")).contains("KEY `idx_grp` (`grp`)", "`remark`");
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    @Test
    void aBuildBesideTheChecksumThatGivesAnotherDefinitionAbandonsTheChangeAndLeavesTheTableAsItWas() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            WriterLoad load = new WriterLoad(db, 3);
            load.seed(3_000);
            String before;
            try (Connection c = db.connect()) {
                before = showCreate(c, "items");
            }
            load.start();
            AtomicBoolean meddled = new AtomicBoolean();
            OnlineException failed;
            try {
                failed = catchThrowableOfType(OnlineException.class, () -> new OnlineMigrator(new MySqlOnlineChange(), db::connect,
                        OnlineConcurrentWritesTest.testOptions(), p -> {
                    if (p.waiting() != null && p.waiting().endsWith("while the checksum runs") && !meddled.getAndSet(true)) {
                        // before the build's ALTER starts: a key of the wanted name on another column
                        try (Connection other = db.connect(); Statement st = other.createStatement()) {
                            st.execute("ALTER TABLE _items_new ADD KEY `idx_name` (`grp`)");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }).execute(db.name(), "items", OnlineConcurrentWritesTest.SPEC));
            } finally {
                load.stop();
            }
            assertThat(failed).isNotNull();
            assertThat(failed.getMessage()).contains("is not what the change gives the table", "items is unchanged")
                    .doesNotContain("run online abort");
            try (Connection c = db.connect()) {
                assertThat(body(showCreate(c, "items"))).isEqualTo(body(before));
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
                load.assertExact(c);
            }
        }
    }

    @Test
    void aChangeThatStopsJustBeforeTheBuildStartsNoBuildAndAbandonsCleanly() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            new WriterLoad(db, 1).seed(3_000);
            String before;
            try (Connection c = db.connect()) {
                before = showCreate(c, "items");
            }
            // the progress listener fails on the build's message, before the build may start
            OnlineException failed = catchThrowableOfType(OnlineException.class, () -> new OnlineMigrator(new MySqlOnlineChange(),
                    db::connect, OnlineConcurrentWritesTest.testOptions(), p -> {
                if (p.waiting() != null && p.waiting().endsWith("while the checksum runs")) {
                    throw new IllegalStateException("the listener broke");
                }
            }).execute(db.name(), "items", OnlineConcurrentWritesTest.SPEC));
            assertThat(failed).isNotNull();
            assertThat(failed.getMessage()).contains("the listener broke", "items is unchanged");
            try (Connection c = db.connect()) {
                assertThat(body(showCreate(c, "items"))).isEqualTo(body(before));
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    @Test
    void theBuildGoesBesideTheChecksumOnlyWhileTheCopysWritesFillAQuarterOfInnoDbsRowLog() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@innodb_online_alter_log_max_size")) {
            rs.next();
            long most = rs.getLong(1) / 4 / (2 * 256); // two entries of up to 256 bytes per write
            ShadowTable shadow = new MySqlOnlineChange().shadow(c, OnlineNames.of(db.name(), "items"));
            assertThat(shadow.buildsIndexesUnderWrites(0)).isTrue();
            assertThat(shadow.buildsIndexesUnderWrites(-1)).as("a resumed run asks whether it can at all").isTrue();
            assertThat(shadow.buildsIndexesUnderWrites(most)).isTrue();
            assertThat(shadow.buildsIndexesUnderWrites(most + 1)).isFalse();
        }
    }

    private static String showCreate(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
            rs.next();
            return rs.getString(2);
        }
    }

    /** The definition without the table's name and its counter. */
    private static String body(String ddl) {
        return ddl.substring(ddl.indexOf('(')).replaceAll(" AUTO_INCREMENT=\\d+", "");
    }

    private static List<String> rows(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, grp, name, code, note, flags FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5) + "|" + rs.getInt(6));
            }
        }
        return out;
    }
}
