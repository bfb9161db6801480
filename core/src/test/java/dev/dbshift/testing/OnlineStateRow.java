package dev.dbshift.testing;

import dev.dbshift.online.Checkpoint;
import dev.dbshift.online.OnlineChange;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A table {@code t} in {@code db} with the state row of an online change of it begun: what a throttler reads. */
public final class OnlineStateRow {

    private OnlineStateRow() {
    }

    /** Creates {@code t} and its state row (MySQL/MariaDB {@code engine}); returns the state table. */
    public static Checkpoint begin(OnlineChange engine, Connection c, TestDatabase db) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
        }
        Checkpoint checkpoint = engine.checkpoint(db.name());
        checkpoint.ensureTable(c);
        checkpoint.begin(c, "t", "ADD COLUMN w INT NULL", "", 0, null);
        return checkpoint;
    }
}
