package dev.dbshift.db.postgres.online;

import dev.dbshift.online.ChangeOwner;
import dev.dbshift.online.Checkpoint;
import dev.dbshift.online.KeyCodec;
import dev.dbshift.online.OnlineState;
import dev.dbshift.online.Phase;
import dev.dbshift.online.StateRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The state table on PostgreSQL, in the table's schema: {@code INSERT ... ON CONFLICT} starts a
 * change, {@code clock_timestamp()} (not the transaction's start) stamps each update, so a chunk's
 * checkpoint shows when the chunk ended.
 */
final class PgCheckpoint implements Checkpoint {

    private final String schema;

    PgCheckpoint(String schema) {
        this.schema = schema;
    }

    private String t() {
        return PgSql.qualified(schema, TABLE);
    }

    @Override
    public void ensureTable(Connection c) throws SQLException {
        PgSql.execute(c, "CREATE TABLE IF NOT EXISTS " + t() + " ("
                + "table_name TEXT NOT NULL PRIMARY KEY, spec TEXT NOT NULL, options TEXT NOT NULL, "
                + "phase TEXT NOT NULL, copied_up_to TEXT NULL, copy_done BOOLEAN NOT NULL DEFAULT FALSE, "
                + "rows_copied BIGINT NOT NULL DEFAULT 0, rows_estimate BIGINT NOT NULL DEFAULT 0, "
                + "paused BOOLEAN NOT NULL DEFAULT FALSE, abort_requested BOOLEAN NOT NULL DEFAULT FALSE, "
                + "cutover_requested BOOLEAN NOT NULL DEFAULT FALSE, started_at TIMESTAMP(3) NOT NULL, "
                + "updated_at TIMESTAMP(3) NOT NULL, message TEXT NULL, owner TEXT NULL, owner_mark BIGINT NULL, "
                + "shape_before TEXT NULL, shape_after TEXT NULL)");
    }

    @Override
    public void beginNative(Connection c, String table, String spec, String options, ChangeOwner owner,
                            String shapeBefore, String shapeAfter) throws SQLException {
        insert(c, table, spec, options, Phase.NATIVE, 0, owner, shapeBefore, shapeAfter);
    }

    @Override
    public String[] shapes(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT shape_before, shape_after FROM " + t() + " WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[] {null, null};
            }
        }
    }

    @Override
    public Optional<OnlineState> read(Connection c, String table) throws SQLException {
        return StateRows.read(c, schema, t(), table);
    }

    @Override
    public List<OnlineState> readAll(Connection c) throws SQLException {
        return StateRows.readAll(c, schema, t());
    }

    @Override
    public void begin(Connection c, String table, String spec, String options, long rowsEstimate, ChangeOwner owner)
            throws SQLException {
        insert(c, table, spec, options, Phase.COPY, rowsEstimate, owner, null, null);
    }

    @Override
    public void beginPrepare(Connection c, String table, String spec, String options, ChangeOwner owner) throws SQLException {
        insert(c, table, spec, options, Phase.PREPARE, 0, owner, null, null);
    }

    private void insert(Connection c, String table, String spec, String options, Phase phase, long rowsEstimate,
                        ChangeOwner owner, String shapeBefore, String shapeAfter) throws SQLException {
        String cols = "spec, options, phase, copied_up_to, copy_done, rows_copied, rows_estimate, paused, abort_requested,"
                + " cutover_requested, started_at, updated_at, message, owner, owner_mark, shape_before, shape_after";
        StringBuilder set = new StringBuilder();
        for (String col : cols.split(", ")) {
            set.append(set.isEmpty() ? "" : ", ").append(col.trim()).append(" = EXCLUDED.").append(col.trim());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t() + " (table_name, " + cols + ")"
                + " VALUES (?, ?, ?, ?, NULL, FALSE, 0, ?, FALSE, FALSE, FALSE, clock_timestamp(), clock_timestamp(), NULL,"
                + " ?, ?, ?, ?) ON CONFLICT (table_name) DO UPDATE SET " + set)) {
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

    @Override
    public void chunkCopied(Connection c, String table, List<Object> copiedUpTo, boolean copyDone, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t() + " SET copied_up_to = ?, copy_done = ?,"
                + " rows_copied = rows_copied + ?, updated_at = clock_timestamp() WHERE table_name = ?")) {
            ps.setString(1, KeyCodec.encode(copiedUpTo));
            ps.setBoolean(2, copyDone);
            ps.setLong(3, rows);
            ps.setString(4, table);
            ps.executeUpdate();
        }
    }

    @Override
    public void phase(Connection c, String table, Phase phase, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t()
                + " SET phase = ?, message = ?, updated_at = clock_timestamp() WHERE table_name = ?")) {
            ps.setString(1, phase.name());
            ps.setString(2, message);
            ps.setString(3, table);
            ps.executeUpdate();
        }
    }

    @Override
    public boolean flag(Connection c, String table, Flag flag, boolean value) throws SQLException {
        String column = flag.name().toLowerCase(Locale.ROOT);
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t() + " SET " + column + " = ? WHERE table_name = ?")) {
            ps.setBoolean(1, value);
            ps.setString(2, table);
            n = ps.executeUpdate();
        }
        return n > 0;
    }

    @Override
    public void touch(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t() + " SET updated_at = clock_timestamp() WHERE table_name = ?")) {
            ps.setString(1, table);
            ps.executeUpdate();
        }
    }
}
