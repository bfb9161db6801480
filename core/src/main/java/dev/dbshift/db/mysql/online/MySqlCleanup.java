package dev.dbshift.db.mysql.online;

import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Removes what a change created. Triggers always go first: a trigger that writes to a table that
 * is gone would make every application write fail. Each step is idempotent ({@code IF EXISTS}),
 * so a cleanup interrupted by a crash is simply run again.
 */
public final class MySqlCleanup {

    private final Connection connection;
    private final OnlineNames names;

    public MySqlCleanup(Connection connection, OnlineNames names) {
        this.connection = connection;
        this.names = names;
    }

    /** The change's triggers still on its table, as {@code there} sees them. */
    static List<String> triggersLeft(MySqlInspector there, OnlineNames names) throws SQLException {
        List<String> found = there.triggers(names.schema(), names.table());
        return names.allTriggers().stream().filter(found::contains).toList();
    }

    /** Why an abort stops: {@code where} still has the triggers {@code left} ({@code how}: after what). */
    static String triggersKept(String where, List<String> left, OnlineNames names, String how) {
        return where + " still has the trigger(s) " + String.join(", ", left) + " on " + names.table() + " " + how
                + "; they write into " + names.shadow() + ", so it and the change log are kept (dropped, every write to "
                + names.table() + " there would fail). Have the server drop those triggers (its error log says why it"
                + " could not), then run 'dbshift online abort " + names.table() + "'. A DROP TRIGGER that says the trigger"
                + " does not exist means the server lost its name file but still runs it; where the server may write its"
                + " folder of " + names.schema() + ", " + renameInPlace(names) + " through that server writes the name files"
                + " again";
    }

    /**
     * The statement that gives a table's triggers their name files again ({@code .TRN}: MariaDB finds a trigger to drop
     * by it; one lost leaves a trigger no DROP TRIGGER can reach, seen on a Galera node after the drops of an abort):
     * a rename of the table to a transient name and back, in one statement, writes every trigger's name file anew.
     * Not run by dbshift: where the server cannot write its folder (one cause of a drop that did not happen), the
     * rename's undo leaves the table's triggers under the transient name (seen on MariaDB 10.11).
     */
    static String renameInPlace(OnlineNames names) {
        String detour = OnlineNames.derived(names.table(), "trn");
        return "RENAME TABLE " + MySqlOnlineSql.qualified(names.schema(), names.table()) + " TO "
                + MySqlOnlineSql.qualified(names.schema(), detour) + ", " + MySqlOnlineSql.qualified(names.schema(), detour)
                + " TO " + MySqlOnlineSql.qualified(names.schema(), names.table());
    }

    /** After the swap: triggers (now on the old table), change log, and the old table unless kept. */
    public void afterSwap(boolean keepOld) throws SQLException {
        MySqlTriggerCapture.dropAll(connection, names);
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.changeLog()));
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), MySqlTriggerCapture.control(names)));
        if (!keepOld) {
            MySqlTriggerCapture.shortWait(connection, MySqlOnlineSql.dropTable(names.schema(), names.old()));
        }
    }

    /**
     * Abort: triggers, change log, shadow and probe; the table itself is untouched. The triggers are seen gone first,
     * here and on every Galera node ({@code galera}, {@link GaleraNodes#ensureNoTriggers}): a trigger left behind would
     * fail every write to the table once the shadow it writes into is dropped. MariaDB's DROP TRIGGER reports success
     * when it cannot rewrite the table's trigger file (an error only among the warnings, the trigger still there:
     * seen with a folder the server may not write), and a Galera node's applier may skip the statement.
     */
    public void abort(Optional<GaleraNodes> galera) throws SQLException {
        MySqlTriggerCapture.dropAll(connection, names);
        List<String> left = triggersLeft(new MySqlInspector(connection), names);
        if (!left.isEmpty()) {
            throw new SQLException(triggersKept("this server", left, names, "though DROP TRIGGER reported success (see"
                    + " the server's error log, and whether it may write its folder of " + names.schema() + ")"));
        }
        if (galera.isPresent()) {
            galera.get().ensureNoTriggers(names);
        }
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.changeLog()));
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), MySqlTriggerCapture.control(names)));
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.shadow()));
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.probe()));
    }
}
