package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a new connection to the server holding the table. The engine needs several at once (the
 * control session that holds the run's lock, the copier, the checksum snapshot, the swap), so it
 * takes a factory rather than one connection; each connection it opens it also closes.
 */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open() throws SQLException;

    static ConnectionFactory of(String url, String user, String password) {
        return () -> java.sql.DriverManager.getConnection(url, user, password == null ? "" : password);
    }
}
