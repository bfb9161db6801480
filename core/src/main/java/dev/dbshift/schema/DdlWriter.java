package dev.dbshift.schema;

import java.util.List;

/**
 * Turns models and diffs into one vendor's DDL. Statements come without a terminating semicolon,
 * one per list element, ready for {@code Statement.execute}; {@link #script(List)} joins them for a
 * file. Vendors implement it in {@code db/<vendor>/} (usually by extending {@link StandardDdlWriter}).
 */
public interface DdlWriter {

    /** Statements that create every object of {@code model} in an empty schema. */
    default List<String> create(SchemaModel model) {
        return write(SchemaDiff.between(SchemaModel.empty(), model));
    }

    /** Statements that turn {@code diff.from()} into {@code diff.to()}. */
    List<String> write(SchemaDiff diff);

    /**
     * This writer for statements run on {@code connection} by the caller (a fluent migration): where what is safe
     * depends on the session (SQLite's foreign keys), the statements it writes fit that session. By default itself.
     */
    default DdlWriter forSession(java.sql.Connection connection) throws java.sql.SQLException {
        return this;
    }

    /**
     * Like {@link #write(SchemaDiff)}, but the diff's new and dropped indexes are built and dropped
     * without blocking writes to their table where the vendor can (PostgreSQL's {@code CONCURRENTLY},
     * which the server refuses inside a transaction block); elsewhere the same as {@code write(diff)}.
     */
    default List<String> writeConcurrently(SchemaDiff diff) {
        return write(diff);
    }

    /** Statements for one step of a diff (in isolation; {@link #write(SchemaDiff)} may merge steps). */
    List<String> write(SchemaChange change);

    /** An SQL literal for a value read through JDBC, for data dumps. */
    String literal(Object value);

    /** The head of a data INSERT with explicit values for every column listed (a dump's rows). */
    default String insertInto(Table table, List<String> columns) {
        StringBuilder b = new StringBuilder("INSERT INTO ").append(quote(table.name())).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
        }
        return b.append(")").toString();
    }

    /** Quotes an identifier. */
    String quote(String identifier);

    /**
     * Statements that make identity / AUTO_INCREMENT columns continue after {@code next - 1} once
     * rows were inserted with explicit keys; empty where the database does that by itself.
     */
    default List<String> continueIdentity(Table table, Column column, long next) {
        return List.of();
    }

    /**
     * A script file of {@code statements} in the vendor client's syntax: each statement ended by a
     * line holding only {@code ;}, which psql, sqlite3, H2's RUNSCRIPT, dbshift's script splitter
     * and {@link StatementFile} read even when a body holds semicolons. MySQL-family writers wrap
     * such bodies in {@code DELIMITER}, as the mysql client needs.
     */
    default String script(List<String> statements) {
        StringBuilder b = new StringBuilder();
        for (String s : statements) {
            b.append(s).append("\n;\n\n");
        }
        return b.toString();
    }
}
