package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The state table {@code dbshift_online}: one row per table under change, in the table's own
 * database. The copier writes its checkpoint in the same transaction as the chunk it copied, so
 * after a crash the checkpoint and the shadow's contents never disagree; a resumed run continues
 * from the row. Users' pause / abort / cutover requests are flags in the same row, so they work
 * from any host that can reach the database (a pause file works only on the engine's host).
 */
public interface Checkpoint {

    String TABLE = "dbshift_online";

    /** The request flags a user may set. */
    enum Flag {
        PAUSED, ABORT_REQUESTED, CUTOVER_REQUESTED
    }

    void ensureTable(Connection c) throws SQLException;

    /**
     * Records a migration's native ALTER before it runs, with the table's definition digest now and
     * the one the ALTER will produce, so that after a crash the definition tells whether it ran.
     */
    void beginNative(Connection c, String table, String spec, String options, ChangeOwner owner,
                     String shapeBefore, String shapeAfter) throws SQLException;

    /** The definition digests a native change recorded: {before, after}; nulls for a copy. */
    String[] shapes(Connection c, String table) throws SQLException;

    Optional<OnlineState> read(Connection c, String table) throws SQLException;

    List<OnlineState> readAll(Connection c) throws SQLException;

    /**
     * Starts a change; replaces the row of a finished earlier change of the same table. {@code owner}
     * (null for {@code online alter}) names the migration statement the change runs for.
     */
    void begin(Connection c, String table, String spec, String options, long rowsEstimate, ChangeOwner owner)
            throws SQLException;

    /** Records a change about to build its shadow (phase PREPARE), before the shadow exists. */
    void beginPrepare(Connection c, String table, String spec, String options, ChangeOwner owner)
            throws SQLException;

    /** Records a copied chunk; call inside the chunk's transaction. */
    void chunkCopied(Connection c, String table, List<Object> copiedUpTo, boolean copyDone, long rows) throws SQLException;

    void phase(Connection c, String table, Phase phase, String message) throws SQLException;

    /** Sets a request flag; false when there is no row of the table. */
    boolean flag(Connection c, String table, Flag flag, boolean value) throws SQLException;

    /** Progress fields only (no copy position), for the heartbeat of later phases. */
    void touch(Connection c, String table) throws SQLException;
}
