package dev.dbshift.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a new connection to the target database: the lease heartbeat, the online change's workers
 * (its control session, copier, checksum snapshot and swap each need their own). Whoever opens a
 * connection closes it.
 */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open() throws SQLException;

    /** Connections from the driver manager with these credentials. */
    static ConnectionFactory of(String url, String user, String password) {
        return () -> java.sql.DriverManager.getConnection(url, user, password == null ? "" : password);
    }
}
