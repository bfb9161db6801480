package dev.dbshift.db.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether a MariaDB database or table can have foreign keys, asked of InnoDB's own dictionary
 * ({@code information_schema.INNODB_SYS_FOREIGN}), which is read without opening a table.
 * {@code REFERENTIAL_CONSTRAINTS} opens every table it looks at: every table of a database for a schema read (1.7 s at
 * 10,000 tables), and every table on the server when asked which tables reference one (its referenced side is not a
 * condition the server can push down), which held the online engine's lock for seconds on a server with many tables.
 *
 * <p>Only InnoDB keeps foreign keys. The dictionary names each key's table {@code database/table} ({@code FOR_NAME}) and
 * the table it references likewise ({@code REF_NAME}), kept when a table moves to another database, each name spelled as
 * its folder: the same as the name for letters, digits and {@code _} only. Every answer here can only ever skip a read
 * that would have found nothing: a name spelled otherwise on disk, a user without the PROCESS privilege this table needs,
 * a server without it (MySQL 8 calls it {@code INNODB_FOREIGN}, and its {@code information_schema} is fast anyway), or any
 * other failure answers "maybe", and the caller reads {@code information_schema} as before. Case is ignored, so two
 * databases differing in case only make a "maybe" too.
 */
public final class InnoDbForeignKeys {

    private InnoDbForeignKeys() {
    }

    /** False only when no foreign key is declared on a table of {@code schema}. */
    public static boolean mayDeclare(Connection c, String schema) {
        return maybe(c, "lower(substring_index(FOR_NAME, '/', 1)) = lower(?)", schema);
    }

    /** False only when no foreign key is declared on, or references, a table of {@code schema}. */
    public static boolean mayTouch(Connection c, String schema) {
        return maybe(c, "lower(substring_index(FOR_NAME, '/', 1)) = lower(?) or lower(substring_index(REF_NAME, '/', 1)) = lower(?)",
                schema, schema);
    }

    /** False only when no foreign key is declared on, or references, {@code schema.table}. */
    public static boolean mayTouch(Connection c, String schema, String table) {
        return maybe(c, "lower(FOR_NAME) = lower(?) or lower(REF_NAME) = lower(?)", schema + "/" + table, schema + "/" + table);
    }

    private static boolean maybe(Connection c, String where, String... names) {
        for (String name : names) {
            if (name == null || !name.matches("[A-Za-z0-9_]+(/[A-Za-z0-9_]+)?")) {
                return true;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select count(*) from information_schema.INNODB_SYS_FOREIGN where " + where)) {
            for (int i = 0; i < names.length; i++) {
                ps.setString(i + 1, names[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getLong(1) > 0;
            }
        } catch (SQLException unreadable) {
            return true;
        }
    }
}
