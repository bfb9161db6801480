package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a database vendor's online change engine provides (the SPI): reading the table, the state
 * table, the engine's server-side lock, the shadow table, change capture, chunked copy, replay,
 * checksum, the cut-over and the cleanup. Everything here is one vendor's SQL and its facts (which
 * errors are lock conflicts, how a swap is made atomic); the order of the phases, throttling, chunk
 * sizing, checkpoints, resume and failure handling are {@link OnlineMigrator}'s and the same for
 * every vendor. A database offers its engine through {@code Database.online()}.
 *
 * <p>Every method gets the connection to use: the orchestration decides which session does what
 * (the control session holds the engine lock and writes the state; the copier session copies and
 * replays in its own transactions).
 */
public interface OnlineChange {

    /**
     * The schema a table name without one means on this connection: MySQL's current database (the
     * catalog), PostgreSQL's current schema.
     */
    default String defaultSchema(Connection c) throws SQLException {
        return c.getCatalog();
    }

    /**
     * The name the database gives an identifier written without quotes in a statement: as written on MySQL, in lower
     * case on PostgreSQL ({@code ALTER TABLE Items} changes {@code items}).
     */
    default String unquotedName(String written) {
        return written;
    }

    /**
     * Readies every connection the engine opens (its control session, copier, checksum snapshot, swap) before its first
     * statement. PostgreSQL turns row security off for the session: a query that row security would filter then fails,
     * instead of copying, comparing and swapping only the rows the engine's role may see. Nothing by default.
     */
    default void prepareSession(Connection c) throws SQLException {
    }

    /** Read-only facts of the server and a table (preflight, throttling). */
    Inspector inspector(Connection c);

    /** The state table of changes in {@code schema}. */
    Checkpoint checkpoint(String schema);

    /**
     * Measures how far the replicas of the server are behind it, for {@code --max-lag}: the replicas
     * {@code limit} names (opened with {@link Connections#open(String)}), or those the primary knows of
     * when it names none. Fails (SQLException) where this vendor cannot measure replication lag.
     */
    default ReplicaLag replicaLag(Connections factory, String schema, LagLimit limit) throws SQLException {
        throw new SQLException("this database's online engine cannot measure replication lag");
    }

    /** Takes the server-side lock that says "an engine runs the change of this table"; false when another holds it. */
    boolean lock(Connection c, OnlineNames names) throws SQLException;

    /** True while some session holds the table's engine lock (the server drops it when that session dies). */
    boolean running(Connection c, OnlineNames names) throws SQLException;

    void unlock(Connection c, OnlineNames names) throws SQLException;

    /**
     * The server session holding the table's engine lock, for a person: its id, where from, and the statement it runs
     * and for how long (or that it is idle); empty when no session holds it or it cannot be seen.
     */
    Optional<String> lockHolder(Connection c, OnlineNames names) throws SQLException;

    /**
     * The other servers the copy checks its capture on (e.g. a synchronous cluster's nodes, whose appliers may skip a
     * DDL statement), each reached once now; refused (OnlineException.refused) naming one that cannot be reached. By
     * default none: on a single server, or with asynchronous replicas, the DDL that ran is the DDL that is.
     */
    default List<String> checkedServers(Connections factory, Connection c) throws SQLException {
        return List.of();
    }

    /** Why the copy cannot change this table on this server (e.g. its storage engine), if it cannot. */
    Optional<String> refusal(TableShape source);

    /**
     * Refuses (OnlineException.refused) what refers to the table that the swap cannot carry to the new
     * one. By default everything: foreign keys into or out of the table and views over it would stay
     * bound to the old table; an engine that rebuilds them in its swap refuses only what it cannot.
     */
    default void refuseDependents(Connection c, Inspector inspector, OnlineNames names, AlterSpec spec) throws SQLException {
        List<String> fks = inspector.foreignKeys(names.schema(), names.table());
        if (!fks.isEmpty()) {
            throw OnlineException.refused("foreign keys reference or leave " + names.table() + ": " + fks
                    + "; the swap would leave them pointing at the old table (drop them first, re-add after)");
        }
        List<String> dependents = inspector.dependents(names.schema(), names.table());
        if (!dependents.isEmpty()) {
            throw OnlineException.refused(dependents + " depend on " + names.table()
                    + "; the swap would leave them on the old table (drop them first, re-create after)");
        }
    }

    /** The shadow table of a change (and the probe that tells whether the server could do it natively). */
    ShadowTable shadow(Connection c, OnlineNames names);

    /**
     * The SQL expression that reads a source column as the shadow's column holds it once copied (for
     * the checksum: {@code DECIMAL(10,2) 1.23} is {@code 1.230} in a {@code DECIMAL(12,3)} shadow).
     */
    String readAs(TableShape.Column source, TableShape.Column shadow);

    /**
     * The SQL expression that gives a column's new value by {@code using}, the expression of PostgreSQL's {@code ALTER
     * COLUMN ... TYPE ... USING}, as the shadow's column holds it, for the checksum (the copy writes the expression
     * itself and lets the INSERT convert it, {@link CopyLayout#usings()}). A server whose ALTER has no such clause refuses it.
     */
    default String convertAs(String using, TableShape.Column shadow) {
        throw OnlineException.refused("ALTER COLUMN ... USING is PostgreSQL's; this server's ALTER TABLE has no such clause");
    }

    /** One value duplicated in {@code columns} of the table (for a new unique key) and how often: values then count. */
    Optional<List<Object>> findDuplicate(Connection c, TableShape table, List<String> columns) throws SQLException;

    /**
     * Change capture into the change log, and the switch to synchronous capture for the end phase; {@code factory}
     * reaches the other servers of the deployment where the engine must check its capture took effect there too.
     */
    ChangeCapture capture(Connections factory, Connection c, CopyLayout layout, TableShape source);

    /** Prepares the copier session (e.g. never wait for a row lock: fail at once, roll back, retry). */
    void prepareCopier(Connection copier) throws SQLException;

    /** Copies chunks with their checkpoint, on the copier session. */
    Copier copier(Connection copier, CopyLayout layout, Checkpoint checkpoint);

    /** Chunk bounds in key order over the source table. */
    Chunker chunker(Connection c, CopyLayout layout);

    /** Applies the change log to the shadow. */
    Replayer replayer(Connection c, CopyLayout layout);

    /** Compares table and shadow range by range; repairs a range. */
    Checksummer checksummer(Connection c, CopyLayout layout);

    /** True while the server is still busy writing back what the copy wrote (before trigger DDL on the live table). */
    boolean flushing(Connection c) throws SQLException;

    /** Gives the shadow the table's next generated key, before the application starts writing to it. */
    void carryAutoIncrement(Connection c, CopyLayout layout) throws SQLException;

    /** Runs the change as the server's own non-blocking ALTER ({@code how} as probed). */
    void alterNatively(Connection c, OnlineNames names, AlterSpec spec, ShadowTable.Native how) throws SQLException;

    /**
     * The atomic swap of table and shadow (the old table kept as {@code names.old()}); returns the attempts it took.
     * {@code factory} reaches the other servers where the engine must check that the swap took effect there too
     * ({@link #checkedServers}). {@code spec} is the change, for what the swap must not carry over from the old table
     * (PostgreSQL: a foreign key it drops).
     */
    int swap(Connections factory, Connection c, OnlineNames names, int attempts, AlterSpec spec) throws SQLException;

    /**
     * A swap found done on this server that this run did not make (a run killed after its RENAME, or stopped by the
     * engine's look at it): throws where the engine checks its DDL elsewhere ({@link #checkedServers}) and it did not
     * take effect there. By default there is nothing to look at.
     */
    default void checkSwapped(Connections factory, Connection c, OnlineNames names) throws SQLException {
    }

    /** After the swap: capture objects, change log, and the old table unless {@code keepOld}. */
    void cleanupAfterSwap(Connection c, OnlineNames names, boolean keepOld) throws SQLException;

    /**
     * Abandoning a change: capture objects first, then change log, shadow and probe; the table is untouched. Where the
     * engine checks other servers ({@link #checkedServers}, reached by {@code factory}), the capture must be gone from
     * each before what it writes into is dropped.
     */
    void cleanupAbort(Connections factory, Connection c, OnlineNames names) throws SQLException;
}
