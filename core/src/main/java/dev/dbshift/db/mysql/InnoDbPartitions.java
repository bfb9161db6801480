package dev.dbshift.db.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tables of a MariaDB database are partitioned, asked of InnoDB's own dictionary
 * ({@code information_schema.INNODB_SYS_TABLES}, each partition a table {@code database/table#P#partition}), which is read
 * without opening a table. {@code information_schema.TABLES.CREATE_OPTIONS}, where MariaDB says {@code partitioned}, opens
 * every table of the database (measured: {@code Opened_tables} grew by the number of tables), a whole pass more for a
 * schema read at 10,000 tables when they are more than the server's {@code table_open_cache}.
 *
 * <p>As with {@link InnoDbForeignKeys}, the answer can only ever skip a read that would have found nothing; it is empty
 * ("ask {@code information_schema}") for a database or a partitioned table whose folder name is spelled otherwise than
 * its name (anything but letters, digits and {@code _}), a user without the PROCESS privilege this table needs, a server
 * without it (MySQL 8, whose {@code information_schema} is its data dictionary and opens nothing), or any failure. It
 * knows InnoDB's tables only: the caller asks about the others itself.
 */
final class InnoDbPartitions {
    private static final String SIMPLE = "[A-Za-z0-9_]+";

    private InnoDbPartitions() {
    }

    /** The partitioned InnoDB tables of {@code schema}, lower case; empty when the dictionary cannot tell. */
    static Optional<Set<String>> of(Connection c, String schema) {
        if (schema == null || !schema.matches(SIMPLE)) {
            return Optional.empty();
        }
        Set<String> tables = new TreeSet<>();
        // '#P#' (or '#p#' where names are kept in lower case) ends the table's part; the first partition says enough
        try (PreparedStatement ps = c.prepareStatement("select distinct lower(substring_index(substring(NAME, length(?) + 2), '#', 1))"
                + " from information_schema.INNODB_SYS_TABLES where lower(substring_index(NAME, '/', 1)) = lower(?)"
                + " and lower(NAME) like '%#p#%'")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    if (table == null || !table.matches(SIMPLE)) {
                        return Optional.empty();
                    }
                    tables.add(table.toLowerCase(Locale.ROOT));
                }
            }
        } catch (SQLException unreadable) {
            return Optional.empty();
        }
        return Optional.of(tables);
    }
}
