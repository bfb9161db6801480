package dev.dbshift.db.mysql.online;

import dev.dbshift.online.Checkpoint;
import dev.dbshift.online.KeyCodec;
import dev.dbshift.online.ChangeOwner;
import dev.dbshift.online.OnlineState;
import dev.dbshift.online.Phase;
import dev.dbshift.online.StateRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static dev.dbshift.db.mysql.online.MySqlOnlineSql.qualified;

/** The state table on MySQL/MariaDB: an InnoDB table, REPLACE to start a change, NOW(3) timestamps. */
public final class MySqlCheckpoint implements Checkpoint {

    private final String schema;

    public MySqlCheckpoint(String schema) {
        this.schema = schema;
    }

    private String t() {
        return qualified(schema, TABLE);
    }

    public void ensureTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + t() + " ("
                    + "table_name VARCHAR(64) NOT NULL PRIMARY KEY, spec TEXT NOT NULL, options TEXT NOT NULL, "
                    + "phase VARCHAR(16) NOT NULL, copied_up_to TEXT NULL, copy_done BOOLEAN NOT NULL DEFAULT FALSE, "
                    + "rows_copied BIGINT NOT NULL DEFAULT 0, rows_estimate BIGINT NOT NULL DEFAULT 0, "
                    + "paused BOOLEAN NOT NULL DEFAULT FALSE, abort_requested BOOLEAN NOT NULL DEFAULT FALSE, "
                    + "cutover_requested BOOLEAN NOT NULL DEFAULT FALSE, started_at DATETIME(3) NOT NULL, "
                    + "updated_at DATETIME(3) NOT NULL, message TEXT NULL, owner TEXT NULL, owner_mark BIGINT NULL, "
                    + "shape_before VARCHAR(64) NULL, shape_after VARCHAR(64) NULL) ENGINE=InnoDB");
        }
        // a state table from before the owner columns
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND COLUMN_NAME = 'owner'")) {
            ps.setString(1, schema);
            ps.setString(2, TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    Statements.execute(c, "ALTER TABLE " + t() + " ADD COLUMN owner TEXT NULL, ADD COLUMN owner_mark BIGINT NULL,"
                            + " ADD COLUMN shape_before VARCHAR(64) NULL, ADD COLUMN shape_after VARCHAR(64) NULL");
                }
            }
        }
    }

    /**
     * Records a migration's native ALTER before it runs, with the table's definition digest now and
     * the one the ALTER will produce, so that after a crash the definition tells whether it ran.
     */
    public void beginNative(Connection c, String table, String spec, String options, ChangeOwner owner,
                            String shapeBefore, String shapeAfter) throws SQLException {
        insert(c, table, spec, options, Phase.NATIVE, 0, owner, shapeBefore, shapeAfter);
    }

    /** The definition digests a native change recorded: {before, after}; nulls for a copy. */
    public String[] shapes(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT shape_before, shape_after FROM " + t() + " WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[] {null, null};
            }
        }
    }

    public Optional<OnlineState> read(Connection c, String table) throws SQLException {
        return StateRows.read(c, schema, t(), table);
    }

    public List<OnlineState> readAll(Connection c) throws SQLException {
        return StateRows.readAll(c, schema, t());
    }

    /**
     * Starts a change; replaces the row of a finished earlier change of the same table. {@code owner}
     * (null for {@code online alter}) names the migration statement the change runs for.
     */
    public void begin(Connection c, String table, String spec, String options, long rowsEstimate, ChangeOwner owner)
            throws SQLException {
        insert(c, table, spec, options, Phase.COPY, rowsEstimate, owner, null, null);
    }

    /** Records a change about to build its shadow (phase PREPARE), before the shadow exists. */
    public void beginPrepare(Connection c, String table, String spec, String options, ChangeOwner owner)
            throws SQLException {
        insert(c, table, spec, options, Phase.PREPARE, 0, owner, null, null);
    }

    private void insert(Connection c, String table, String spec, String options, Phase phase, long rowsEstimate,
                        ChangeOwner owner, String shapeBefore, String shapeAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("REPLACE INTO " + t() + " (table_name, spec, options, phase,"
                + " rows_estimate, started_at, updated_at, owner, owner_mark, shape_before, shape_after)"
                + " VALUES (?, ?, ?, ?, ?, NOW(3), NOW(3), ?, ?, ?, ?)")) {
            ps.setString(1, table);
            ps.setString(2, spec);
            ps.setString(3, options);
            ps.setString(4, phase.name());
            ps.setLong(5, rowsEstimate);
            ps.setString(6, owner == null ? null : owner.statement());
            if (owner == null) {
                ps.setNull(7, java.sql.Types.BIGINT);
            } else {
                ps.setLong(7, owner.historyMark());
            }
            ps.setString(8, shapeBefore);
            ps.setString(9, shapeAfter);
            ps.executeUpdate();
        }
    }

    /** Records a copied chunk; call inside the chunk's transaction. */
    public void chunkCopied(Connection c, String table, List<Object> copiedUpTo, boolean copyDone, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t()
                + " SET copied_up_to = ?, copy_done = ?, rows_copied = rows_copied + ?, updated_at = NOW(3) WHERE table_name = ?")) {
            ps.setString(1, KeyCodec.encode(copiedUpTo));
            ps.setBoolean(2, copyDone);
            ps.setLong(3, rows);
            ps.setString(4, table);
            ps.executeUpdate();
        }
    }

    public void phase(Connection c, String table, Phase phase, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t()
                + " SET phase = ?, message = ?, updated_at = NOW(3) WHERE table_name = ?")) {
            ps.setString(1, phase.name());
            ps.setString(2, message);
            ps.setString(3, table);
            ps.executeUpdate();
        }
    }

    public boolean flag(Connection c, String table, Flag flag, boolean value) throws SQLException {
        String column = flag.name().toLowerCase(java.util.Locale.ROOT);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t() + " SET " + column + " = ? WHERE table_name = ?")) {
            ps.setBoolean(1, value);
            ps.setString(2, table);
            return ps.executeUpdate() > 0;
        }
    }

    /** Progress fields only (no copy position), for the heartbeat of later phases. */
    public void touch(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t() + " SET updated_at = NOW(3) WHERE table_name = ?")) {
            ps.setString(1, table);
            ps.executeUpdate();
        }
    }
}
