package dev.dbshift.execute;

import dev.dbshift.config.Secrets;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.sql.SqlStatement;

import java.sql.SQLException;

/** A statement the server (or the online change engine) refused, with the script's file and line in the message. */
final class StatementFailure extends Exception {
    private static final long serialVersionUID = 1L;
    /** The statement that gave up waiting for its lock under safe DDL; null for any other failure. */
    private final transient SqlStatement lockWait;

    StatementFailure(String message, SQLException cause) {
        this(message, cause, null);
    }

    private StatementFailure(String message, SQLException cause, SqlStatement lockWait) {
        super(message, cause);
        this.lockWait = lockWait;
    }

    /** The same failure, known to be a lock timeout of {@code statement} that safe DDL may try again. */
    StatementFailure lockTimeout(SqlStatement statement) {
        return new StatementFailure(getMessage(), (SQLException) getCause(), statement);
    }

    /** The same failure after the last try, saying so. */
    StatementFailure gaveUp(String why) {
        return new StatementFailure(getMessage() + "\n  " + why, (SQLException) getCause(), null);
    }

    SqlStatement lockWait() {
        return lockWait;
    }

    /** {@code why} at {@code where} (line, or line:column) of {@code script}, with the statement shortened. */
    static StatementFailure at(Secrets secrets, ScriptRef script, String where, SqlStatement st, String why, SQLException cause) {
        return new StatementFailure(secrets.scrub(script.name() + ":" + where + ": " + why + "\n    in: " + abbreviate(st.sql())),
                cause);
    }

    static String sqlState(SQLException e) {
        return e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
    }

    static String abbreviate(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}
