package dev.dbshift.db.postgres;

import dev.dbshift.sql.SqlStatement;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a {@code COPY ... FROM stdin} statement with the inline data that followed it in the script,
 * through pgjdbc's copy API: the same protocol psql uses, so the rows arrive exactly as psql would
 * load them. (A plain JDBC execute of {@code COPY ... FROM stdin} fails: the server waits for data.)
 */
public final class PostgresCopy {

    private PostgresCopy() {
    }

    /** True when {@code statement} carries inline COPY data and must go through {@link #copyIn}. */
    public static boolean isCopyIn(SqlStatement statement) {
        return statement.copyData() != null;
    }

    /** Sends the COPY statement and its data; returns the number of rows loaded. */
    public static long copyIn(Connection connection, SqlStatement statement) throws SQLException {
        if (statement.copyData() == null) {
            throw new IllegalArgumentException("not a COPY ... FROM stdin statement: " + statement.sql());
        }
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(statement.sql(), new StringReader(statement.copyData()));
        } catch (IOException e) {
            throw new SQLException("cannot send COPY data: " + e.getMessage(), e);
        }
    }
}
