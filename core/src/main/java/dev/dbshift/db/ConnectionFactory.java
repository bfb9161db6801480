package dev.dbshift.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the target database (the lease heartbeat, the online change's workers). */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open() throws SQLException;
}
