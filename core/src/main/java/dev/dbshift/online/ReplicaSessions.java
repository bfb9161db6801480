package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connections a {@link ReplicaLag} keeps to the replicas it measures, by URL: opened on first use,
 * dropped after a failure (and opened again at the next measurement, so a replica that comes back is
 * measured again), all closed at the end. Shared by the vendors' measurements, which differ in what they
 * ask a replica, not in how they hold on to it.
 */
public final class ReplicaSessions implements AutoCloseable {

    private final Connections factory;
    private final Map<String, Connection> open = new LinkedHashMap<>();

    public ReplicaSessions(Connections factory) {
        this.factory = factory;
    }

    /** The connection to {@code url}, opened (in autocommit) when there is none. */
    public Connection get(String url) throws SQLException {
        Connection c = open.get(url);
        if (c == null) {
            c = factory.open(url);
            c.setAutoCommit(true);
            open.put(url, c);
        }
        return c;
    }

    /** Closes the connection to {@code url} after a failure; the next {@link #get} opens a new one. */
    public void drop(String url) {
        closeQuietly(open.remove(url));
    }

    /** {@code host:port} of a JDBC URL, for messages (never its parameters or user: they may hold a password). */
    public static String name(String url) {
        int start = url.indexOf("//");
        String rest = start < 0 ? url : url.substring(start + 2);
        int end = rest.length();
        for (char ch : new char[] {'/', '?', ';'}) {
            int i = rest.indexOf(ch);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hostPort = rest.substring(0, end);
        return hostPort.substring(hostPort.lastIndexOf('@') + 1);
    }

    /** Closes {@code c} (null: nothing), ignoring that it may be gone already. */
    public static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // gone already
            }
        }
    }

    @Override
    public void close() {
        open.values().forEach(ReplicaSessions::closeQuietly);
        open.clear();
    }
}
