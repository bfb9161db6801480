package dev.dbshift.fluent;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.migration.JavaMigration;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.TableFilter;
import dev.dbshift.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Java migration written with the fluent schema API, vendor-neutral, whose down comes for free:
 *
 * <pre>{@code public final class V1_4__Usernames extends FluentMigration {
 *     public V1_4__Usernames() { super("1.4", "usernames"); }
 *
 *     protected void up(Schema schema) {
 *         schema.table("users").addColumn("username", varchar(100).notNull().defaultTo("''"));
 *         schema.table("users").addIndex("username").unique();
 *     }
 * }}</pre>
 *
 * {@code down} runs the reverse of each change, last first (drop the index, drop the column). A
 * migration with a change that has no known reverse (dropping a column or table) is not reversible,
 * and {@code dbshift down} refuses it before changing anything, naming the change. {@code up(Schema)}
 * only records: it is called again for {@code down}, dry runs and {@link #reversible()}, so it must
 * not touch the database or depend on anything but constants.
 */
public abstract class FluentMigration implements JavaMigration {
    private final String version;
    private final String description;

    protected FluentMigration(String version, String description) {
        this.version = version;
        this.description = description;
    }

    /** Records the changes of this migration on {@code schema}. */
    protected abstract void up(Schema schema);

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public final void up(Connection connection) throws Exception {
        run(connection, statements(connection, false).orElseThrow());
    }

    @Override
    public final void down(Connection connection) throws Exception {
        run(connection, statements(connection, true).orElseThrow());
    }

    @Override
    public final boolean reversible() {
        return irreversibleBecause() == null;
    }

    @Override
    public final String irreversibleBecause() {
        return changes().stream().filter(c -> c.reverse().isEmpty()).findFirst()
                .map(c -> "its change '" + c.describe() + "' (" + getClass().getName() + ") has no known reverse;"
                        + " to revert it, write the migration as a plain JavaMigration with a down of its own")
                .orElse(null);
    }

    /**
     * The statements of up (or down) for the connection's database: the changes applied one by one to
     * the schema model read from its catalog, each written by the vendor's {@link DdlWriter} (which
     * rebuilds an SQLite table where its ALTER TABLE cannot do the change).
     */
    @Override
    public final Optional<List<String>> statements(Connection connection, boolean down) throws SQLException {
        List<Change> changes = down ? reverse() : changes();
        Database database = Databases.forUrl(connection.getMetaData().getURL());
        DdlWriter writer = database.ddlWriter().orElseThrow(() -> refused("the " + database.name() + " database has no DDL writer"))
                .forSession(connection);
        SchemaModel model = database.schemaReader().orElseThrow(() -> refused("the " + database.name() + " database has no schema reader"))
                .read(connection, database.currentSchema(connection), TableFilter.everything());
        List<String> out = new ArrayList<>();
        for (Change change : changes) {
            Change.Applied applied;
            try {
                applied = change.apply(model);
            } catch (DbShiftException e) {
                throw refused(e.getMessage());
            }
            SchemaDiff diff = new SchemaDiff(model, applied.after(), List.of(applied.step()));
            out.addAll(change.concurrently() ? writer.writeConcurrently(diff) : writer.write(diff));
            model = applied.after();
        }
        return Optional.of(out);
    }

    private List<Change> changes() {
        Schema schema = new Schema();
        try {
            up(schema);
            return schema.changes();
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
    }

    private List<Change> reverse() {
        String because = irreversibleBecause();
        if (because != null) {
            throw refused("cannot go down: " + because);
        }
        List<Change> changes = changes();
        List<Change> out = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            out.add(changes.get(i).reverse().orElseThrow());
        }
        return out;
    }

    /**
     * Runs the statements in order. Where they hold a transaction of their own (an SQLite rebuild with foreign keys on:
     * {@code BEGIN ... COMMIT}, run in autocommit), a failure inside it rolls it back before it is reported, so that
     * nothing of it stays open under what is written next.
     */
    private void run(Connection connection, List<String> statements) throws SQLException {
        boolean ownTransaction = false;
        Database database = Databases.forUrl(connection.getMetaData().getURL());
        for (String sql : statements) {
            try {
                // as a script's statement runs: SQLite's PRAGMA foreign_key_check fails on the rows it finds
                database.execute(connection, SqlStatement.alone(sql, database.scriptDialect()));
            } catch (SQLException e) {
                if (ownTransaction) {
                    try (Statement st = connection.createStatement()) {
                        st.execute("ROLLBACK");
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw new SQLException(label() + ": " + sql + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
            String word = sql.strip().toUpperCase(java.util.Locale.ROOT);
            if (word.equals("BEGIN")) {
                ownTransaction = true;
            } else if (word.equals("COMMIT") || word.equals("ROLLBACK")) {
                ownTransaction = false;
            }
        }
    }

    private DbShiftException refused(String why) {
        return new DbShiftException(DbShiftException.BAD_INPUT, label() + ": " + why);
    }

    private String label() {
        return "version " + version() + " (" + description() + ", " + getClass().getName() + ")";
    }
}
