package dev.dbshift.db.postgres;

import dev.dbshift.sql.ScriptPosition;
import dev.dbshift.sql.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Where in the script a PostgreSQL error happened: the server reports a 1-based character position in
 * the statement it was sent (psql prints it as "LINE 3: ..."); this turns it into the script's line and
 * column, so an error reads {@code migrations/1.2__x.sql:42:7: ...}.
 */
public final class PostgresScriptErrors {

    private PostgresScriptErrors() {
    }

    /** The script position of the error, when the server gave one; else the statement's start is the best guess. */
    public static Optional<ScriptPosition> position(SqlStatement statement, SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p) {
                ServerErrorMessage m = p.getServerErrorMessage();
                if (m != null && m.getPosition() > 0) {
                    return Optional.of(ScriptPosition.atOffset(statement, m.getPosition() - 1));
                }
            }
        }
        return Optional.empty();
    }
}
