package dev.dbshift.db.mysql.online;

import dev.dbshift.online.KeyRange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static dev.dbshift.db.mysql.online.OnlineFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The online checksum on MariaDB marks NULLs only where a column may be NULL: a NULL is still told from values that
 * read alike without the marker, a column NOT NULL on both sides is compared without one, and any column that may
 * read NULL on either side (nullable there, or read through a conversion) keeps its marker.
 */
class MySqlChecksummerTest {

    @Test
    void aNullIsToldFromValuesThatReadAlikeWithoutItsMarker() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect()) {
            OnlineFixture f = new OnlineFixture(c, db.name(), "id INT NOT NULL PRIMARY KEY, a VARCHAR(20) NULL, "
                    + "b VARCHAR(20) NULL", null);
            sql(c, "INSERT INTO t VALUES (1, 'x#', NULL), (2, 'same', 'same')");
            sql(c, "INSERT INTO " + f.names.shadow() + " VALUES (1, 'x', ''), (2, 'same', 'same')");
            // without the markers both rows of key 1 are the text '1#x#'
            assertThat(one(c, "SELECT CONCAT_WS('#', 1, 'x#', NULL) = CONCAT_WS('#', 1, 'x', '')")).isEqualTo(1);
            assertThat(f.layout.mayBeNull()).containsExactly(false, true, true);

            MySqlChecksummer checksummer = new MySqlChecksummer(c, f.layout);
            assertThat(checksummer.compare(KeyRange.ALL).equal()).isFalse();
            assertThat(checksummer.compare(new KeyRange(java.util.List.of(1), null)).equal()).isTrue();
        }
    }

    @Test
    void columnsNotNullOnBothSidesAreComparedWithoutMarkers() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect()) {
            OnlineFixture f = new OnlineFixture(c, db.name(), "id INT NOT NULL PRIMARY KEY, n INT NOT NULL, "
                    + "s VARCHAR(20) NOT NULL", null);
            assertThat(f.layout.mayBeNull()).containsExactly(false, false, false);
            sql(c, "INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b')");
            sql(c, "INSERT INTO " + f.names.shadow() + " SELECT * FROM t");
            MySqlChecksummer checksummer = new MySqlChecksummer(c, f.layout);
            assertThat(checksummer.compare(KeyRange.ALL)).isEqualTo(new dev.dbshift.online.Checksummer.Comparison(2, true));

            sql(c, "UPDATE " + f.names.shadow() + " SET s = 'b2' WHERE id = 2");
            assertThat(checksummer.compare(KeyRange.ALL).equal()).isFalse();
            sql(c, "UPDATE " + f.names.shadow() + " SET s = 'b', n = 21 WHERE id = 2");
            assertThat(checksummer.compare(KeyRange.ALL).equal()).isFalse();
        }
    }

    @Test
    void aColumnNullableOnOneSideOrReadThroughAConversionKeepsItsMarker() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect()) {
            OnlineFixture f = new OnlineFixture(c, db.name(), "id INT NOT NULL PRIMARY KEY, a INT NOT NULL, "
                    + "d DECIMAL(10,2) NOT NULL, s VARCHAR(20) NULL, k INT NOT NULL",
                    "MODIFY a INT NULL, MODIFY d DECIMAL(12,3) NOT NULL, MODIFY s VARCHAR(20) NOT NULL DEFAULT ''");
            assertThat(f.layout.sourceAsShadow()).containsExactly("`id`", "`a`", "CAST(`d` AS DECIMAL(12,3))", "`s`", "`k`");
            assertThat(f.layout.mayBeNull()).containsExactly(false, true, true, true, false);
        }
    }

    private static long one(Connection c, String query) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
