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
}
