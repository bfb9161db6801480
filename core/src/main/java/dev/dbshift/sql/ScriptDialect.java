package dev.dbshift.sql;

import java.io.Reader;

/** How one database's own command-line client cuts a script into statements. */
public interface ScriptDialect {
    StatementIterator split(Reader script, ScriptOptions options);
}
