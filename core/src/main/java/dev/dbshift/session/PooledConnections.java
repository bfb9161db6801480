package dev.dbshift.session;

import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.Database;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Connections borrowed from the application's {@link DataSource} (a framework's pool), handed back the
 * way they were lent. A run changes its session: a {@code schemas} setting switches the schema ({@code SET
 * search_path}, {@code USE}, {@code SET SCHEMA}), dbshift readies it for scripts (PostgreSQL: psql's time zone and
 * the run's statement timeout; MariaDB: the sql_mode without the driver's {@code IGNORE_SPACE}), and a Flyway callback
 * may set what it likes; a pool would give that session to the application's next query. So each borrowed
 * connection's session is captured when lent ({@link Database#sessionState}, the same capture that sets a session
 * back after each migration) and set back, with its catalog and schema (through the JDBC calls a pool tracks),
 * before it returns to the pool. A connection whose session cannot be set back is aborted, so that the pool drops it
 * rather than lend it again as dbshift left it.
 */
public final class PooledConnections implements ConnectionFactory {
    private final DataSource dataSource;
    /** Whose sessions are captured and set back; null until the database kind is known (the catalog and schema only). */
    private final Database database;

    public PooledConnections(DataSource dataSource) {
        this(dataSource, null);
    }

    private PooledConnections(DataSource dataSource, Database database) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.database = database;
    }

    /** The same pool, each connection's session set back as {@code database} captures it when it goes back. */
    public PooledConnections settingBack(Database database) {
        return new PooledConnections(dataSource, Objects.requireNonNull(database, "database"));
    }

    @Override
    public Connection open() throws SQLException {
        Connection c = dataSource.getConnection();
        Database.SessionState session = Database.SessionState.NONE;
        try {
            if (database != null) {
                boolean autoCommit = c.getAutoCommit();
                session = database.sessionState(c);
                if (!autoCommit) {
                    c.rollback(); // the capture only read: end the transaction its reads began
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        Lent lent = new Lent(c, c.getCatalog(), c.getSchema(), session);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, lent);
    }

    /** One borrowed connection and its session, catalog and schema when lent. */
    private record Lent(Connection connection, String catalog, String schema, Database.SessionState session)
            implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0 && !connection.isClosed()) {
                try {
                    giveBack();
                } catch (SQLException | RuntimeException e) {
                    // as dbshift left it, the session must not serve the application: aborted, which the pool's close
                    // finds closed (HikariCP: "This connection has been closed", 08003), so it drops the connection
                    try {
                        connection.abort(Runnable::run);
                    } catch (SQLException | RuntimeException cannot) {
                        // a driver that cannot abort: the connection goes back closed as it is
                    }
                    try {
                        connection.close();
                    } catch (SQLException dropped) {
                        // the pool's word that it will not lend it again
                    }
                    return null;
                }
                connection.close();
                return null;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Sets back the session as lent; settings made in a transaction outlive it only when it commits. */
        private void giveBack() throws SQLException {
            if (session != Database.SessionState.NONE) {
                boolean autoCommit = connection.getAutoCommit();
                if (!autoCommit) {
                    connection.rollback(); // what a run left open is not its work: dbshift commits what it does
                }
                session.restore(connection);
                if (!autoCommit) {
                    connection.commit();
                }
            }
            if (!Objects.equals(connection.getCatalog(), catalog)) {
                connection.setCatalog(catalog);
            }
            if (schema != null && !Objects.equals(connection.getSchema(), schema)) {
                connection.setSchema(schema);
            }
        }
    }
}
