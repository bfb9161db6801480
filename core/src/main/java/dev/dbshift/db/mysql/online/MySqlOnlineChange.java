package dev.dbshift.db.mysql.online;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.online.AlterSpec;
import dev.dbshift.online.ChangeCapture;
import dev.dbshift.online.Checkpoint;
import dev.dbshift.online.Checksummer;
import dev.dbshift.online.Chunker;
import dev.dbshift.online.Connections;
import dev.dbshift.online.Copier;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.EngineSql;
import dev.dbshift.online.Inspector;
import dev.dbshift.online.LagLimit;
import dev.dbshift.online.OnlineChange;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.ReplicaLag;
import dev.dbshift.online.Replayer;
import dev.dbshift.online.ShadowTable;
import dev.dbshift.online.TableShape;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The MySQL/MariaDB online change engine: InnoDB, triggers for capture, GET_LOCK, RENAME TABLE for the swap. */
public final class MySqlOnlineChange implements OnlineChange {

    @Override
    public Inspector inspector(Connection c) {
        return new MySqlInspector(c);
    }

    /** A heartbeat row written on the primary and read on each replica ({@link MySqlReplicaLag} says why). */
    @Override
    public ReplicaLag replicaLag(Connections factory, String schema, LagLimit limit) throws SQLException {
        return MySqlReplicaLag.open(factory, schema, limit);
    }

    @Override
    public Checkpoint checkpoint(String schema) {
        return new MySqlCheckpoint(schema);
    }

    @Override
    public boolean lock(Connection c, OnlineNames names) throws SQLException {
        return CatalogQuery.value(c, "SELECT GET_LOCK(?, 0)", names.lockName()).filter("1"::equals).isPresent();
    }

    /** IS_USED_LOCK names the holder's connection, or is NULL when no one holds the lock. */
    @Override
    public boolean running(Connection c, OnlineNames names) throws SQLException {
        return CatalogQuery.value(c, "SELECT IS_USED_LOCK(?)", names.lockName()).isPresent();
    }

    @Override
    public Optional<String> lockHolder(Connection c, OnlineNames names) throws SQLException {
        Optional<String> id = CatalogQuery.value(c, "SELECT IS_USED_LOCK(?)", names.lockName());
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<List<Object>> r = EngineSql.rows(c, "SELECT HOST, COMMAND, TIME, LEFT(INFO, 120) FROM information_schema.PROCESSLIST"
                + " WHERE ID = ?", List.of(Long.parseLong(id.get())), 4);
        return Optional.of(EngineSql.session("connection " + id.get(), r.isEmpty() ? null : r.get(0), "KILL " + id.get()));
    }

    @Override
    public void unlock(Connection c, OnlineNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, names.lockName());
            ps.executeQuery().close();
        }
    }

    /** The copy relies on InnoDB: row locks, consistent snapshots, NOWAIT, crash-safe chunk transactions. */
    @Override
    public Optional<String> refusal(TableShape source) {
        return "InnoDB".equalsIgnoreCase(source.engine()) ? Optional.empty()
                : Optional.of(source.table() + " uses " + source.engine() + "; the copy engine needs InnoDB");
    }

    @Override
    public ShadowTable shadow(Connection c, OnlineNames names) {
        return new MySqlShadowTable(c, names);
    }

    @Override
    public String readAs(TableShape.Column source, TableShape.Column shadow) {
        return MySqlOnlineSql.asShadowType(source.name(), source.type(), source.charset(), shadow.type(), shadow.charset());
    }

    @Override
    public Optional<List<Object>> findDuplicate(Connection c, TableShape table, List<String> columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MySqlOnlineSql.findDuplicate(table.schema(), table.table(), columns));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            List<Object> found = new ArrayList<>();
            for (int i = 1; i <= columns.size() + 1; i++) {
                found.add(rs.getObject(i));
            }
            return Optional.of(found);
        }
    }

    /** On Galera, every node: {@link GaleraNodes} says why. */
    @Override
    public List<String> checkedServers(Connections factory, Connection c) throws SQLException {
        Optional<GaleraNodes> nodes = GaleraNodes.of(factory, c);
        if (nodes.isEmpty()) {
            return List.of();
        }
        nodes.get().reachable();
        return nodes.get().addresses();
    }

    @Override
    public ChangeCapture capture(Connections factory, Connection c, CopyLayout layout, TableShape source) {
        return new MySqlTriggerCapture(factory, c, layout, source);
    }

    /**
     * {@code innodb_lock_wait_timeout = 0}: a statement of the copier that would wait for a row lock
     * fails at once and its transaction is retried, so no lock cycle with an application transaction
     * can form (and InnoDB never picks the application's write as a deadlock victim because of us).
     */
    @Override
    public void prepareCopier(Connection copier) throws SQLException {
        Statements.execute(copier, "SET SESSION innodb_lock_wait_timeout = 0");
    }

    @Override
    public Copier copier(Connection copier, CopyLayout layout, Checkpoint checkpoint) {
        return new MySqlCopier(copier, layout, checkpoint);
    }

    @Override
    public Chunker chunker(Connection c, CopyLayout layout) {
        return new MySqlChunker(c, layout);
    }

    @Override
    public Replayer replayer(Connection c, CopyLayout layout) {
        return new MySqlReplayer(c, layout);
    }

    @Override
    public Checksummer checksummer(Connection c, CopyLayout layout) {
        return new MySqlChecksummer(c, layout);
    }

    /**
     * More than a tenth of the buffer pool dirty. A trigger DDL holds the table's exclusive metadata
     * lock while it writes and syncs the trigger file; with the disk saturated by page flushing right
     * after the copy, that took 50-150 ms per statement in the bench, and every application
     * statement waits that long.
     */
    @Override
    public boolean flushing(Connection c) throws SQLException {
        MySqlInspector inspector = new MySqlInspector(c);
        long total = Math.max(1, inspector.status("Innodb_buffer_pool_pages_total"));
        return inspector.status("Innodb_buffer_pool_pages_dirty") > total / 10;
    }

    /**
     * The table's AUTO_INCREMENT counter, so ids the application used and deleted before they were
     * copied are not handed out again after the swap. Later inserts reach the shadow with their ids
     * and move its counter on.
     *
     * <p>Only when the shadow's counter is behind: the ALTER takes the shadow's exclusive metadata lock, and the
     * capture triggers make every application write lock the shadow too (MariaDB locks each table a trigger names,
     * whichever branch runs), so the writes queued behind it (12-17 lock samples of ~5 ms per run under the benchmark's
     * writer, the largest single source). The shadow's counter is behind only when the newest ids were deleted before
     * they were copied. Each table is asked by name, the condition MariaDB looks up instead of scanning the database.
     */
    @Override
    public void carryAutoIncrement(Connection c, CopyLayout layout) throws SQLException {
        OnlineNames names = layout.names();
        Long table = null;
        Long shadow = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1, AUTO_INCREMENT FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? UNION ALL SELECT 2, AUTO_INCREMENT FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, names.schema());
            ps.setString(2, names.table());
            ps.setString(3, names.schema());
            ps.setString(4, names.shadow());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long value = rs.getObject(2) == null ? null : rs.getLong(2);
                    if (rs.getInt(1) == 1) {
                        table = value;
                    } else {
                        shadow = value;
                    }
                }
            }
        }
        if (table != null && (shadow == null || shadow < table)) {
            MySqlTriggerCapture.shortWait(c, "ALTER TABLE " + MySqlOnlineSql.qualified(names.schema(), names.shadow())
                    + " AUTO_INCREMENT = " + table);
        }
    }

    @Override
    public void alterNatively(Connection c, OnlineNames names, AlterSpec spec, ShadowTable.Native how) throws SQLException {
        String algorithm = how == ShadowTable.Native.INSTANT ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
        MySqlTriggerCapture.shortWait(c, "ALTER TABLE " + MySqlOnlineSql.qualified(names.schema(), names.table()) + " "
                + spec.text() + ", " + algorithm);
    }

    @Override
    public int swap(Connections factory, Connection c, OnlineNames names, int attempts, AlterSpec spec) throws SQLException {
        return new MySqlCutOver(factory, c, names, attempts).swap();
    }

    /** On Galera, every node must have swapped too ({@link GaleraNodes#ensureSwapped}): else exit 3. */
    @Override
    public void checkSwapped(Connections factory, Connection c, OnlineNames names) throws SQLException {
        new MySqlCutOver(factory, c, names, 0).checkNodes();
    }

    @Override
    public void cleanupAfterSwap(Connection c, OnlineNames names, boolean keepOld) throws SQLException {
        new MySqlCleanup(c, names).afterSwap(keepOld);
    }

    @Override
    public void cleanupAbort(Connections factory, Connection c, OnlineNames names) throws SQLException {
        new MySqlCleanup(c, names).abort(GaleraNodes.of(factory, c));
    }
}
