package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a new connection to the table's database: the engine's control session, copier, checksum snapshot and
 * swap each need their own. Its own type rather than {@code db.ConnectionFactory}, because {@code db/} sits above
 * this package (a {@code Database} hands out its {@link OnlineChange} engine): pass {@code factory::open}.
 */
@FunctionalInterface
public interface Connections {
    Connection open() throws SQLException;

    /**
     * A connection to another server of the same deployment (a replica, for its lag), by JDBC URL. By default
     * the driver's, with what the URL says; {@link #withOthers} gives the primary's credentials to a URL that
     * names none.
     */
    default Connection open(String url) throws SQLException {
        return java.sql.DriverManager.getConnection(url);
    }

    /** How connections to other servers are opened (e.g. with the configured user and password). */
    @FunctionalInterface
    interface Others {
        Connection open(String url) throws SQLException;
    }

    /** {@code primary}'s connections, and {@code others} for other servers. */
    static Connections withOthers(Connections primary, Others others) {
        return new Connections() {
            @Override
            public Connection open() throws SQLException {
                return primary.open();
            }

            @Override
            public Connection open(String url) throws SQLException {
                return others.open(url);
            }
        };
    }
}
