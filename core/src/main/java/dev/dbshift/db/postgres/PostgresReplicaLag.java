package dev.dbshift.db.postgres;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replication lag of PostgreSQL streaming replicas, for an online change's {@code --max-lag}.
 *
 * <p>With replicas named (URLs), on each replica: nothing received and not yet replayed
 * ({@code pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()}) is no lag; otherwise the lag is
 * {@code now() - pg_last_xact_replay_timestamp()}. The comparison of positions first is the
 * idle-primary caveat: when the primary commits nothing, the last replayed transaction grows old
 * although the replica is not behind at all (measured: 3.7 s of "lag" one second after a paused
 * replica had caught up). A replica whose WAL receiver is not streaming, or a server that is not in
 * recovery, cannot tell its lag: unmeasurable, never zero.
 *
 * <p>Without URLs, on the primary, from {@code pg_stat_replication} (no connection to the replicas,
 * and it counts what is still on the way too): a standby that has replayed everything the primary
 * wrote ({@code replay_lsn = pg_current_wal_lsn()}) is not behind; otherwise its {@code replay_lag}
 * (which keeps growing while replay is paused: measured 2, 4, 6 s with {@code pg_wal_replay_pause()}).
 * The standbys are those streaming when the change starts; one that later has no row (down,
 * disconnected) is unmeasurable. Reading the positions of another role's standbys needs
 * {@code pg_monitor}: without it they read as NULL, which is unmeasurable too.
 */
public final class PostgresReplicaLag implements ReplicaLag {

    private final Connections factory;
    /** replica name -> URL; empty when measured on the primary */
    private final Map<String, String> replicas;
    /** standbys found on the primary at the start */
    private final Set<String> standbys;
    private final ReplicaSessions sessions;
    private Connection primary;

    private PostgresReplicaLag(Connections factory, Map<String, String> replicas, Set<String> standbys) {
        this.factory = factory;
        this.replicas = replicas;
        this.standbys = standbys;
        this.sessions = new ReplicaSessions(factory);
    }

    /** The replicas {@code limit} names, else the standbys streaming from the primary now. */
    public static PostgresReplicaLag open(Connections factory, LagLimit limit) throws SQLException {
        Map<String, String> replicas = new LinkedHashMap<>();
        Set<String> standbys = new LinkedHashSet<>();
        if (!limit.replicas().isEmpty()) {
            limit.replicas().forEach(u -> replicas.put(ReplicaSessions.name(u), u));
        } else {
            try (Connection c = factory.open(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT application_name, host(client_addr) FROM pg_stat_replication")) {
                while (rs.next()) {
                    standbys.add(standby(rs.getString(1), rs.getString(2)));
                }
            }
            if (standbys.isEmpty()) {
                throw new SQLException("no replica found: pg_stat_replication on the primary lists no standby; name the"
                        + " replicas with --replica URL");
            }
        }
        return new PostgresReplicaLag(factory, replicas, standbys);
    }

    private static String standby(String application, String address) {
        return application + "@" + (address == null ? "local" : address);
    }

    @Override
    public List<Reading> read() throws SQLException {
        if (replicas.isEmpty()) {
            return onPrimary();
        }
        List<Reading> out = new ArrayList<>();
        replicas.forEach((name, url) -> out.add(onReplica(name, url)));
        return out;
    }

    private List<Reading> onPrimary() throws SQLException {
        Map<String, Reading> seen = new LinkedHashMap<>();
        try {
            if (primary == null) {
                primary = factory.open();
                primary.setAutoCommit(true);
            }
            try (Statement st = primary.createStatement(); ResultSet rs = st.executeQuery("SELECT application_name,"
                    + " host(client_addr), state, replay_lsn IS NOT NULL AND replay_lsn >= pg_current_wal_lsn(),"
                    + " EXTRACT(EPOCH FROM replay_lag), replay_lsn IS NULL FROM pg_stat_replication")) {
                while (rs.next()) {
                    String name = standby(rs.getString(1), rs.getString(2));
                    seen.put(name, primaryReading(name, rs.getString(3), rs.getBoolean(4), rs.getObject(5) == null ? null
                            : rs.getDouble(5), rs.getBoolean(6)));
                }
            }
        } catch (SQLException e) {
            ReplicaSessions.closeQuietly(primary);
            primary = null;
            throw e;
        }
        List<Reading> out = new ArrayList<>();
        for (String s : standbys) {
            out.add(seen.getOrDefault(s, Reading.unknown(s, "not connected to the primary (no row in pg_stat_replication)")));
        }
        return out;
    }

    private static Reading primaryReading(String name, String state, boolean caughtUp, Double replayLag, boolean hidden) {
        if (hidden) {
            return Reading.unknown(name, "its positions are hidden from this user (grant it pg_monitor)");
        }
        if (!"streaming".equals(state)) {
            return Reading.unknown(name, "its state is " + state + ", not streaming");
        }
        if (caughtUp) {
            return Reading.of(name, Duration.ZERO);
        }
        if (replayLag == null) {
            return Reading.unknown(name, "behind, and the primary has no replay_lag for it yet");
        }
        return Reading.of(name, seconds(replayLag));
    }

    private Reading onReplica(String name, String url) {
        try {
            try (PreparedStatement ps = sessions.get(url).prepareStatement(
                    "SELECT pg_is_in_recovery(), (SELECT status FROM pg_stat_wal_receiver),"
                    + " pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn(),"
                    + " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())")) {
                ps.setQueryTimeout(5);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return Reading.unknown(name, "it is not a replica (pg_is_in_recovery() is false)");
                    }
                    String receiver = rs.getString(2);
                    if (!"streaming".equals(receiver)) {
                        return Reading.unknown(name, "its WAL receiver is " + (receiver == null ? "not running" : receiver)
                                + ", not streaming");
                    }
                    if (rs.getBoolean(3)) {
                        return Reading.of(name, Duration.ZERO);
                    }
                    if (rs.getObject(4) == null) {
                        return Reading.unknown(name, "behind, and it has replayed no transaction yet");
                    }
                    return Reading.of(name, seconds(rs.getDouble(4)));
                }
            }
        } catch (SQLException e) {
            sessions.drop(url);
            return Reading.unknown(name, e.getMessage());
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.max(0, Math.round(s * 1e9)));
    }

    @Override
    public void close() {
        sessions.close();
        ReplicaSessions.closeQuietly(primary);
        primary = null;
    }
}
