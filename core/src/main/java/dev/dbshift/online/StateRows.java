package dev.dbshift.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the state table ({@value Checkpoint#TABLE}) into {@link OnlineState}s. Its columns are the same on every
 * vendor; only how the table is named, created and written differs, so each engine's {@link Checkpoint} keeps that
 * and reads through here (the two engines had the same mapping written twice).
 */
public final class StateRows {
    private static final String COLUMNS = "table_name, spec, options, phase, copied_up_to, copy_done, rows_copied, "
            + "rows_estimate, paused, abort_requested, cutover_requested, started_at, updated_at, message, owner, owner_mark";

    private StateRows() {
    }

    /** The state of {@code table}'s change, from the state table named {@code qualifiedTable} in {@code schema}. */
    public static Optional<OnlineState> read(Connection c, String schema, String qualifiedTable, String table)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + qualifiedTable + " WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(state(schema, rs)) : Optional.empty();
            }
        }
    }

    /** Every change recorded in the state table, the latest started first. */
    public static List<OnlineState> readAll(Connection c, String schema, String qualifiedTable) throws SQLException {
        List<OnlineState> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + qualifiedTable + " ORDER BY started_at DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(state(schema, rs));
            }
        }
        return out;
    }

    private static OnlineState state(String schema, ResultSet rs) throws SQLException {
        return new OnlineState(schema, rs.getString(1), rs.getString(2), rs.getString(3), Phase.valueOf(rs.getString(4)),
                KeyCodec.decode(rs.getString(5)), rs.getBoolean(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9),
                rs.getBoolean(10), rs.getBoolean(11), rs.getObject(12, LocalDateTime.class),
                rs.getObject(13, LocalDateTime.class), rs.getString(14),
                rs.getString(15) == null ? null : new ChangeOwner(rs.getString(15), rs.getLong(16), null));
    }
}
