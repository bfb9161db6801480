package dev.dbshift.db.mysql;

import dev.dbshift.sql.ScriptPosition;
import dev.dbshift.sql.SqlStatement;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in the script a MySQL / MariaDB error happened: a syntax error ends with "... near '...' at
 * line N", N counted from the start of the statement; this turns it into the script's line, so an error
 * reads {@code migrations/1.2__x.sql:42:1: ...}.
 */
public final class MySqlScriptErrors {

    private static final Pattern AT_LINE = Pattern.compile(" at line (\\d+)\\s*$");

    private MySqlScriptErrors() {
    }

    /** The script position of the error, when the server named a line. */
    public static Optional<ScriptPosition> position(SqlStatement statement, SQLException error) {
        String message = error.getMessage();
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = AT_LINE.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        ScriptPosition line = ScriptPosition.atLine(statement, Integer.parseInt(m.group(1)));
        // on the statement's first line, its column is known too
        return Optional.of(line.line() == statement.line() ? new ScriptPosition(line.line(), statement.column()) : line);
    }
}
