package dev.dbshift.db;

import dev.dbshift.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What a vendor offers safe DDL: a lock timeout for one statement, a way to tell a lock timeout from other
 * failures, and the sessions that hold the locks a statement needs. On PostgreSQL the danger of DDL is the lock
 * queue: an {@code ALTER TABLE} waiting for its ACCESS EXCLUSIVE lock behind one long query makes every later
 * reader and writer of the table wait behind it. A short lock timeout and tries again (the executor's part)
 * bound that wait; where a vendor has no such timeout, {@link Database#ddlLocks()} is empty and DDL waits as the
 * server decides.
 */
public interface DdlLocks {
    /**
     * Whether {@code statement} should run with the lock timeout: DDL that locks existing objects. Not
     * {@code CREATE INDEX CONCURRENTLY} and its kin: they take a lock that blocks no reader or writer, and a
     * timeout would leave an invalid index behind.
     */
    boolean appliesTo(SqlStatement statement);

    /** Sets the lock timeout for what the connection runs next (inside a transaction, undone by its rollback). */
    void limit(Connection connection, Duration timeout) throws SQLException;

    /** Puts the session's own lock timeout back. */
    void unlimit(Connection connection) throws SQLException;

    /** True when {@code e} says the statement gave up waiting for a lock. */
    boolean isLockTimeout(SQLException e);

    /**
     * The other sessions holding locks on the tables {@code statement} names, one line each (process id, since
     * when, state, the start of its query); empty when there are none or the tables cannot be told.
     */
    List<String> blockers(Connection connection, SqlStatement statement) throws SQLException;
}
