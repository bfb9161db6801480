package dev.dbshift.db.mysql.online;

import dev.dbshift.online.ChangeCapture;
import dev.dbshift.online.Replayer;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static dev.dbshift.db.mysql.online.OnlineFixture.count;
import static dev.dbshift.db.mysql.online.OnlineFixture.rows;
import static dev.dbshift.db.mysql.online.OnlineFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay on MariaDB: application writes captured by the engine's triggers (insert, update, delete,
 * a key update, several writes to one key) reach the shadow when the change log is replayed, the
 * log entries replayed are gone, and keys beyond the copied position are left to the copy.
 */
class ReplayerTest {

    @Test
    void capturedInsertsUpdatesAndDeletesReachTheShadowInOrder() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Connection app = db.connect(); Connection copier = db.connect()) {
            OnlineFixture f = new OnlineFixture(c, db.name());
            sql(c, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')");
            ChangeCapture capture = f.engine.capture(db::connect, c, f.layout, f.source);
            capture.createChangeLog();
            capture.installCapture();
            sql(c, "INSERT INTO " + f.names.shadow() + " SELECT * FROM t"); // the copy, done

            sql(app, "INSERT INTO t VALUES (6, 'f')");
            sql(app, "UPDATE t SET v = 'b2' WHERE id = 2");
            sql(app, "DELETE FROM t WHERE id = 3");
            sql(app, "UPDATE t SET id = 40 WHERE id = 4");         // a key update: old key gone, new key there
            sql(app, "INSERT INTO t VALUES (7, 'g')");
            sql(app, "UPDATE t SET v = 'g2' WHERE id = 7");
            sql(app, "DELETE FROM t WHERE id = 7");                // written, changed and gone again
            sql(app, "UPDATE t SET v = 'e2' WHERE id = 5");
            sql(app, "UPDATE t SET v = 'e3' WHERE id = 5");        // the last write wins
            assertThat(count(c, f.names.changeLog())).isEqualTo(10);
            assertThat(rows(c, f.names.shadow())).containsExactly("1=a", "2=b", "3=c", "4=d", "5=e");

            copier.setAutoCommit(false);
            f.engine.prepareCopier(copier);
            Replayer replayer = f.engine.replayer(copier, f.layout);
            assertThat(replayer.replay(null, true, false, 100)).isEqualTo(10);

            assertThat(rows(c, f.names.shadow())).isEqualTo(rows(c, "t"))
                    .containsExactly("1=a", "2=b2", "5=e3", "6=f", "40=d");
            assertThat(count(c, f.names.changeLog())).isZero();
            assertThat(replayer.replay(null, true, false, 100)).isZero();
        }
    }

    @Test
    void keysBeyondTheCopiedPositionAreLeftToTheCopy() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Connection copier = db.connect()) {
            OnlineFixture f = new OnlineFixture(c, db.name());
            sql(c, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
            ChangeCapture capture = f.engine.capture(db::connect, c, f.layout, f.source);
            capture.createChangeLog();
            capture.installCapture();
            sql(c, "INSERT INTO " + f.names.shadow() + " SELECT * FROM t WHERE id <= 2"); // copied up to id 2

            sql(c, "UPDATE t SET v = 'a2' WHERE id = 1");
            sql(c, "UPDATE t SET v = 'd2' WHERE id = 4");
            copier.setAutoCommit(false);
            Replayer replayer = f.engine.replayer(copier, f.layout);
            assertThat(replayer.replay(List.of(2), false, false, 100)).isEqualTo(2);

            // id 4 is not in the shadow yet: the chunk that copies it reads its current row
            assertThat(rows(c, f.names.shadow())).containsExactly("1=a2", "2=b");
            assertThat(count(c, f.names.changeLog())).isZero();
        }
    }
}
