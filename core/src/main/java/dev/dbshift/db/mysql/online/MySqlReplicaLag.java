package dev.dbshift.db.mysql.online;

import dev.dbshift.online.Connections;
import dev.dbshift.online.LagLimit;
import dev.dbshift.online.ReplicaLag;
import dev.dbshift.online.ReplicaSessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replication lag on MySQL/MariaDB by heartbeat (as pt-heartbeat): each measurement writes the
 * primary's {@code NOW(6)} into a row of {@code dbshift_heartbeat} (one row per primary
 * {@code server_id}) in the changed table's database, reads that row on each replica, and takes
 * the lag as the primary's clock now minus the time in the row the replica has applied. Both times
 * are the primary's, so the replicas' clocks do not matter; the lag is over-stated by at most the
 * time between two measurements (one chunk), never under-stated.
 *
 * <p>Why not {@code Seconds_Behind_Master}: it is NULL whenever the SQL or IO thread is stopped (the
 * very case to hold the copy for), 0 on a replica whose IO thread is stuck behind, jumps from 0 to
 * the length of a long transaction when that transaction's event arrives, has one-second
 * resolution, and needs the replica privilege SLAVE MONITOR / REPLICATION CLIENT. The heartbeat
 * needs SELECT on the replica and INSERT/UPDATE on the primary, and measures what matters: whether
 * the replica has applied what the primary wrote.
 *
 * <p>Replicas are the URLs given, else those {@code SHOW SLAVE HOSTS} lists on the primary (a
 * replica shows there with its {@code report_host}/{@code report_port}; one without a host is an
 * error naming its server id, rather than a replica silently left out).
 */
public final class MySqlReplicaLag implements ReplicaLag {

    static final String TABLE = "dbshift_heartbeat";

    private final Connections factory;
    private final String heartbeat;
    /** replica name -> its URL */
    private final Map<String, String> replicas;
    private final ReplicaSessions sessions;
    private Connection primary;
    private long serverId;
    private long firstBeat;

    private MySqlReplicaLag(Connections factory, String schema, Map<String, String> replicas) {
        this.factory = factory;
        this.heartbeat = MySqlOnlineSql.qualified(schema, TABLE);
        this.replicas = replicas;
        this.sessions = new ReplicaSessions(factory);
    }

    /** The replicas {@code limit} names, else those the primary lists; the heartbeat table created when missing. */
    public static MySqlReplicaLag open(Connections factory, String schema, LagLimit limit) throws SQLException {
        Map<String, String> replicas = new LinkedHashMap<>();
        try (Connection c = factory.open()) {
            if (limit.replicas().isEmpty()) {
                String url = c.getMetaData().getURL();
                String prefix = url.substring(0, url.indexOf("//"));
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SLAVE HOSTS")) {
                    while (rs.next()) {
                        String host = rs.getString("Host");
                        if (host == null || host.isBlank()) {
                            throw new SQLException("the replica with server_id " + rs.getLong("Server_id") + " does not report"
                                    + " its host (set report_host on it, or name the replicas with --replica URL)");
                        }
                        String hostPort = host + ":" + rs.getInt("Port");
                        replicas.put(hostPort, prefix + "//" + hostPort + "/");
                    }
                }
                if (replicas.isEmpty()) {
                    throw new SQLException("no replica found: SHOW SLAVE HOSTS on the primary lists none (a replica is listed"
                            + " when it sets report_host); name the replicas with --replica URL");
                }
            } else {
                limit.replicas().forEach(u -> replicas.put(ReplicaSessions.name(u), u));
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + MySqlOnlineSql.qualified(schema, TABLE)
                        + " (server_id BIGINT UNSIGNED NOT NULL PRIMARY KEY, ts DATETIME(6) NOT NULL) ENGINE=InnoDB");
            }
        }
        return new MySqlReplicaLag(factory, schema, replicas);
    }

    @Override
    public List<Reading> read() throws SQLException {
        beat();
        List<Reading> out = new ArrayList<>();
        for (Map.Entry<String, String> r : replicas.entrySet()) {
            out.add(read(r.getKey(), r.getValue()));
        }
        return out;
    }

    /** Writes the primary's time now into its heartbeat row. */
    private void beat() throws SQLException {
        try {
            if (primary == null) {
                primary = factory.open();
                primary.setAutoCommit(true);
                try (Statement st = primary.createStatement(); ResultSet rs = st.executeQuery("SELECT @@server_id")) {
                    rs.next();
                    serverId = rs.getLong(1);
                }
                firstBeat = System.nanoTime();
            }
            try (PreparedStatement ps = primary.prepareStatement("INSERT INTO " + heartbeat + " (server_id, ts) VALUES (?, NOW(6))"
                    + " ON DUPLICATE KEY UPDATE ts = NOW(6)")) {
                ps.setLong(1, serverId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            ReplicaSessions.closeQuietly(primary);
            primary = null;
            throw new SQLException("cannot write the heartbeat on the primary: " + e.getMessage(), e);
        }
    }

    private Reading read(String name, String url) {
        String applied;
        try {
            try (PreparedStatement ps = sessions.get(url).prepareStatement("SELECT CAST(ts AS CHAR) FROM " + heartbeat
                    + " WHERE server_id = ?")) {
                ps.setQueryTimeout(5);
                ps.setLong(1, serverId);
                applied = appliedBeat(ps);
                if (applied == null) {
                    return Reading.unknown(name, "no heartbeat from the primary has reached it yet");
                }
            }
        } catch (SQLException e) {
            sessions.drop(url);
            return Reading.unknown(name, e.getMessage());
        }
        try (PreparedStatement ps = primary.prepareStatement("SELECT TIMESTAMPDIFF(MICROSECOND, CAST(? AS DATETIME(6)), NOW(6))")) {
            ps.setString(1, applied);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Reading.of(name, Duration.ofNanos(Math.max(0, rs.getLong(1)) * 1000));
            }
        } catch (SQLException e) {
            return Reading.unknown(name, "cannot read the primary's time: " + e.getMessage());
        }
    }

    /**
     * The time in the replica's heartbeat row; null while there is none. Within a second of the first
     * heartbeat, waits for it (a healthy replica has it in milliseconds) rather than report a lag that
     * cannot be measured only because the measurement has just begun.
     */
    private String appliedBeat(PreparedStatement ps) throws SQLException {
        while (true) {
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            if (System.nanoTime() - firstBeat > 1_000_000_000L) {
                return null;
            }
            dev.dbshift.online.Pause.millis(50);
        }
    }

    @Override
    public void close() {
        sessions.close();
        ReplicaSessions.closeQuietly(primary);
        primary = null;
    }
}
