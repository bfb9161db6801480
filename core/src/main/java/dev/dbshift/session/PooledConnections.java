package dev.dbshift.session;

import dev.dbshift.db.ConnectionFactory;

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
 * way they were lent: a session may switch the connection's schema ({@code schemas}: {@code SET
 * search_path}, {@code USE}, {@code SET SCHEMA}), and a pool would otherwise give that connection to the
 * application's next query. Closing a borrowed connection puts its catalog and schema back (through the
 * JDBC calls a pool tracks) before it returns to the pool.
 */
public final class PooledConnections implements ConnectionFactory {
    private final DataSource dataSource;

    public PooledConnections(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Connection open() throws SQLException {
        Connection c = dataSource.getConnection();
        Lent lent = new Lent(c, c.getCatalog(), c.getSchema());
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, lent);
    }

    /** One borrowed connection and where it pointed when lent. */
    private record Lent(Connection connection, String catalog, String schema) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0 && !connection.isClosed()) {
                try {
                    if (!Objects.equals(connection.getCatalog(), catalog)) {
                        connection.setCatalog(catalog);
                    }
                    if (schema != null && !Objects.equals(connection.getSchema(), schema)) {
                        connection.setSchema(schema);
                    }
                } finally {
                    connection.close();
                }
                return null;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
