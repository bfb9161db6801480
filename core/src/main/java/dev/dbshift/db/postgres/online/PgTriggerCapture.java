package dev.dbshift.db.postgres.online;

import dev.dbshift.online.ChangeCapture;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.TableShape;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Change capture with one plpgsql row trigger per mode (AFTER INSERT OR UPDATE OR DELETE), each
 * with its own function named like the trigger.
 *
 * <p>During the copy the capture trigger only appends the touched key (old and new key on a key
 * update) to the change log {@code _t_chg}, whose only key is its own sequence, so the append never
 * conflicts and never waits. For the end phase the sync trigger writes each change to the shadow
 * in the application's transaction (delete the old key's row, insert the new row, values cast to
 * the shadow's types); the capture trigger stays until after the swap.
 *
 * <p>CREATE TRIGGER takes a SHARE ROW EXCLUSIVE lock on the table, which waits for every open
 * writing transaction: when the sync trigger exists, every write made without it is committed and
 * its change-log entry visible. The lock is requested under the lock timeout ({@link PgDdl}), so a
 * long transaction delays the step instead of queueing the application behind it.
 */
final class PgTriggerCapture implements ChangeCapture {

    private final Connection connection;
    private final CopyLayout layout;
    private final TableShape source;
    private final PgDdl ddl;

    PgTriggerCapture(Connection connection, CopyLayout layout, TableShape source, PgDdl ddl) {
        this.connection = connection;
        this.layout = layout;
        this.source = source;
        this.ddl = ddl;
    }

    private OnlineNames n() {
        return layout.names();
    }

    private String q(String name) {
        return PgSql.qualified(n().schema(), name);
    }

    @Override
    public void createChangeLog() throws SQLException {
        List<String> cols = new ArrayList<>();
        for (String k : layout.key()) {
            cols.add(PgSql.quote(k) + " " + source.column(k).orElseThrow().type());
        }
        PgSql.execute(connection, "CREATE TABLE IF NOT EXISTS " + q(n().changeLog()) + " (dbshift_seq BIGSERIAL PRIMARY KEY, "
                + String.join(", ", cols) + ")");
    }

    @Override
    public void installCapture() throws SQLException {
        String log = q(n().changeLog());
        String keys = PgSql.columns(layout.key(), "");
        String body = "BEGIN\n"
                + "  IF TG_OP <> 'INSERT' THEN INSERT INTO " + log + " (" + keys + ") VALUES (" + PgSql.columns(layout.key(), "OLD.")
                + "); END IF;\n"
                + "  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND " + PgSql.tuple(layout.key(), "NEW.") + " IS DISTINCT FROM "
                + PgSql.tuple(layout.key(), "OLD.") + ") THEN INSERT INTO " + log + " (" + keys + ") VALUES ("
                + PgSql.columns(layout.key(), "NEW.") + "); END IF;\n"
                + "  RETURN NULL;\nEND";
        install(n().capture().insert(), body);
    }

    /**
     * The sync trigger writes each row the application writes into the shadow as the copy does: the same columns and
     * {@code USING} expressions ({@link PgKeys#copyList}) over {@code NEW} under the table's name, converted by the
     * INSERT's assignment. It wrote {@code CAST(NEW.c AS type)}: a {@code USING} expression left out and a value too long
     * cut short, for the rows written after the copy, the last of them after the checksum.
     */
    @Override
    public void switchToSync() throws SQLException {
        String shadow = q(n().shadow());
        String body = "BEGIN\n"
                + "  IF TG_OP <> 'INSERT' THEN DELETE FROM " + shadow + " WHERE " + PgSql.tuple(layout.shadowKey(), "") + " = "
                + PgSql.tuple(layout.key(), "OLD.") + "; END IF;\n"
                + "  IF TG_OP <> 'DELETE' THEN\n"
                + "    DELETE FROM " + shadow + " WHERE " + PgSql.tuple(layout.shadowKey(), "") + " = " + PgSql.tuple(layout.key(), "NEW.")
                + ";\n    INSERT INTO " + shadow + " (" + PgSql.columns(layout.mapping().shadowColumns(), "")
                + ") OVERRIDING SYSTEM VALUE SELECT " + PgKeys.copyList(layout) + " FROM (SELECT (NEW).*) AS " + PgSql.quote(n().table())
                + ";\n  END IF;\n"
                + "  RETURN NULL;\nEND";
        install(n().sync().insert(), body);
    }

    /** Creates the function (or replaces its body) and, when missing, the trigger that runs it. */
    private void install(String name, String body) throws SQLException {
        PgSql.execute(connection, "CREATE OR REPLACE FUNCTION " + q(name) + "() RETURNS trigger LANGUAGE plpgsql AS $dbshift$\n"
                + body + "\n$dbshift$");
        if (!new PgInspector(connection).triggers(n().schema(), n().table()).contains(name)) {
            ddl.run(connection, "CREATE TRIGGER " + PgSql.quote(name) + " AFTER INSERT OR UPDATE OR DELETE ON " + q(n().table())
                    + " FOR EACH ROW EXECUTE FUNCTION " + q(name) + "()");
        }
    }

    /** The trigger functions (and with them, CASCADE, the triggers, on whichever table they now are). */
    static void dropAll(Connection c, OnlineNames names, PgDdl ddl) throws SQLException {
        for (String f : List.of(names.capture().insert(), names.sync().insert())) {
            ddl.run(c, "DROP FUNCTION IF EXISTS " + PgSql.qualified(names.schema(), f) + "() CASCADE");
        }
    }
}
