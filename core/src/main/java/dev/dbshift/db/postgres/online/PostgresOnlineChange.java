package dev.dbshift.db.postgres.online;

import dev.dbshift.db.postgres.PostgresReplicaLag;
import dev.dbshift.online.AlterSpec;
import dev.dbshift.online.ChangeCapture;
import dev.dbshift.online.Connections;
import dev.dbshift.online.Checkpoint;
import dev.dbshift.online.Checksummer;
import dev.dbshift.online.Chunker;
import dev.dbshift.online.Copier;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.EngineSql;
import dev.dbshift.online.Inspector;
import dev.dbshift.online.LagLimit;
import dev.dbshift.online.ReplicaLag;
import dev.dbshift.online.OnlineChange;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.Replayer;
import dev.dbshift.online.ShadowTable;
import dev.dbshift.online.TableShape;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL online change engine: plpgsql triggers for capture, a session advisory lock for
 * "an engine runs this change", renames in one transaction for the swap, every lock on the live
 * table requested under a short {@code lock_timeout} and tried again ({@link PgDdl}).
 */
public final class PostgresOnlineChange implements OnlineChange {

    /** The copier's lock_timeout: it gives way at once rather than make an application statement wait. */
    private static final int COPIER_LOCK_TIMEOUT_MS = 50;

    private final Duration lockTimeout;

    /** With safe DDL's default lock timeout (2 s). */
    public PostgresOnlineChange() {
        this(Duration.ofSeconds(2));
    }

    /** {@code lockTimeout}: how long one try of a DDL statement on the live table (triggers, swap) waits for its lock. */
    public PostgresOnlineChange(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    private PgDdl ddl(int tries) {
        return new PgDdl(lockTimeout, tries);
    }

    private PgDdl ddl() {
        return ddl(200);
    }

    @Override
    public String defaultSchema(Connection c) throws SQLException {
        return c.getSchema();
    }

    @Override
    public String unquotedName(String written) {
        return written.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Inspector inspector(Connection c) {
        return new PgInspector(c);
    }

    /** The primary's pg_stat_replication, or the standbys {@code limit} names ({@link PostgresReplicaLag} says why). */
    @Override
    public ReplicaLag replicaLag(Connections factory, String schema, LagLimit limit) throws SQLException {
        return PostgresReplicaLag.open(factory, limit);
    }

    @Override
    public Checkpoint checkpoint(String schema) {
        return new PgCheckpoint(schema);
    }

    /** The advisory lock's key: 60 bits of the lock name's digest, so its two halves are easy to find in pg_locks. */
    private static long key(OnlineNames names) {
        return Long.parseLong(names.lockName().substring(names.lockName().length() - 15), 16);
    }

    @Override
    public boolean lock(Connection c, OnlineNames names) throws SQLException {
        return "true".equals(PgSql.strings(c, "SELECT pg_try_advisory_lock(?)", key(names)).get(0));
    }

    /** A session advisory lock: the server releases it when the session ends (after its running statement). */
    @Override
    public boolean running(Connection c, OnlineNames names) throws SQLException {
        long k = key(names);
        return !PgSql.strings(c, "SELECT 1 FROM pg_locks l WHERE " + HELD, k >>> 32, k & 0xFFFFFFFFL).isEmpty();
    }

    /** The granted row of the table's advisory lock in {@code pg_locks l}; parameters: the key's two halves. */
    private static final String HELD = "l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid::bigint = ? AND l.objid::bigint = ?";

    @Override
    public Optional<String> lockHolder(Connection c, OnlineNames names) throws SQLException {
        long k = key(names);
        List<List<Object>> r = EngineSql.rows(c, "SELECT a.pid, host(a.client_addr), CASE WHEN a.state = 'active' THEN 'Query'"
                + " ELSE a.state END, (extract(epoch FROM now() - a.query_start))::bigint, left(a.query, 120)"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE " + HELD, List.of(k >>> 32, k & 0xFFFFFFFFL), 5);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        Object pid = r.get(0).get(0);
        return Optional.of(EngineSql.session("backend " + pid, r.get(0).subList(1, 5), "SELECT pg_terminate_backend(" + pid + ")"));
    }

    @Override
    public void unlock(Connection c, OnlineNames names) throws SQLException {
        PgSql.strings(c, "SELECT pg_advisory_unlock(?)", key(names));
    }

    @Override
    public Optional<String> refusal(TableShape source) {
        return "heap".equals(source.engine()) ? Optional.empty()
                : Optional.of(source.table() + " is a " + source.engine() + " table; the copy engine changes plain tables only");
    }

    /**
     * Foreign keys and views are carried across the swap ({@link PgDependents}); refused only is a view
     * whose definition does not hold over the changed table (tried in preflight), naming it.
     */
    @Override
    public void refuseDependents(Connection c, Inspector inspector, OnlineNames names, AlterSpec spec) throws SQLException {
        PgDependents.refusal(c, names, spec);
        refuseRowSecurity(c, names);
        refuseUncarried(c, names);
    }

    /**
     * Refuses, naming them, what the swap cannot carry and would drop in silence: rules on the table (an {@code ON
     * DELETE DO INSTEAD} would stop acting), logical replication publishing it (the shadow and the change log would be
     * published too, and the swapped table would leave a publication that lists it), functions and columns of the
     * table's row type, what else is bound to the table by its oid (a {@code BEGIN ATOMIC} function, another table's
     * policy), and a replica identity by index.
     */
    static void refuseUncarried(Connection c, OnlineNames names) throws SQLException {
        String table = PgSql.qualified(names.schema(), names.table());
        List<String> rules = PgSql.strings(c, "SELECT rulename::text FROM pg_rewrite WHERE ev_class = ?::regclass"
                + " AND rulename <> '_RETURN' ORDER BY 1", table);
        if (!rules.isEmpty()) {
            throw OnlineException.refused(names.table() + " has rules " + rules + "; the swap would leave them on the old"
                    + " table (drop them first, re-create them after)");
        }
        boolean schemas = c.getMetaData().getDatabaseMajorVersion() >= 15; // the driver's, asked at the handshake
        List<String> publications = PgSql.strings(c, "SELECT pubname::text FROM pg_publication WHERE puballtables"
                + " UNION SELECT p.pubname FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid"
                + " WHERE r.prrelid = ?::regclass"
                + (schemas ? " UNION SELECT p.pubname FROM pg_publication_namespace s JOIN pg_publication p ON p.oid = s.pnpubid"
                + " WHERE s.pnnspid = (SELECT relnamespace FROM pg_class WHERE oid = ?::regclass)" : "") + " ORDER BY 1",
                schemas ? new Object[] {table, table} : new Object[] {table});
        if (!publications.isEmpty()) {
            throw OnlineException.refused(names.table() + " is published for logical replication " + publications
                    + "; the shadow and the change log would be published too, and the swapped table would not be in a"
                    + " publication that lists the table (change it with plain ALTER TABLE, or take it out of the"
                    + " publications for the change)");
        }
        // bound to the table's row type by its oid: the swap cannot move them to the new table's, the old table could then
        // not be dropped (the cleanup failed after the swap, and every resume again), and a call of such a function with
        // the new table's rows found no function; a plain ALTER changes the row type in place
        List<String> rowType = PgSql.strings(c, "SELECT DISTINCT pg_describe_object(d.classid, d.objid, d.objsubid) FROM pg_depend d"
                + " JOIN pg_type ty ON d.refobjid IN (ty.oid, ty.typarray) WHERE ty.typrelid = ?::regclass"
                + " AND d.refclassid = 'pg_type'::regclass AND d.deptype = 'n' AND d.classid <> 'pg_rewrite'::regclass"
                // a view's column of it: the view is made again over the new table (PgDependents)
                + " AND NOT (d.classid = 'pg_class'::regclass AND (SELECT relkind FROM pg_class WHERE oid = d.objid) IN ('v', 'm'))"
                + " ORDER BY 1", table);
        if (!rowType.isEmpty()) {
            throw OnlineException.refused(names.table() + "'s row type is used by " + rowType + ", which would stay bound to"
                    + " the old table after the swap (change it with plain ALTER TABLE, or drop them first and re-create them"
                    + " after)");
        }
        // bound to the table by its oid beside what the swap carries: a SQL function's BEGIN ATOMIC body, another table's
        // policy reading it; after the swap they read the old table (a count of the rows before the change, a policy
        // letting rows through by them), and its drop failed
        List<String> bound = PgSql.strings(c, "SELECT DISTINCT pg_describe_object(d.classid, d.objid, 0) FROM pg_depend d"
                + " WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = ?::regclass AND d.deptype = 'n' AND (d.classid"
                + " NOT IN ('pg_constraint'::regclass, 'pg_class'::regclass, 'pg_type'::regclass, 'pg_attrdef'::regclass,"
                + " 'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_rewrite'::regclass, 'pg_statistic_ext'::regclass,"
                + " 'pg_publication_rel'::regclass) OR d.classid = 'pg_policy'::regclass AND d.objid NOT IN"
                + " (SELECT oid FROM pg_policy WHERE polrelid = ?::regclass)) ORDER BY 1", table, table);
        if (!bound.isEmpty()) {
            throw OnlineException.refused(bound + " read " + names.table() + " by its identity, not its name, and would read the"
                    + " old table after the swap (change it with plain ALTER TABLE, or drop them first and re-create them after)");
        }
        List<String> replicaIndex = PgSql.strings(c, "SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class t"
                + " ON t.oid = i.indrelid WHERE t.oid = ?::regclass AND t.relreplident = 'i' AND i.indisreplident", table);
        if (!replicaIndex.isEmpty()) {
            throw OnlineException.refused(names.table() + " has REPLICA IDENTITY USING INDEX " + replicaIndex.get(0)
                    + ", which the swap does not carry (set REPLICA IDENTITY DEFAULT or FULL for the change)");
        }
    }

    /**
     * {@code row_security = off}: a query that row security would filter fails instead. And psql's time zone ({@link
     * dev.dbshift.db.postgres.PostgresDatabase#psqlTimeZone}): the driver's, the JVM's, converted a {@code timestamp}
     * made {@code timestamptz} as midnight where dbshift ran, not where the database is. Without it, a table whose row
     * security is forced (or one the engine's role does not own) was copied as the rows its policies let that role
     * see: the checksum compared the same filtered rows, and the swap dropped the others (3,000 of 3,001, exit 0).
     */
    @Override
    public void prepareSession(Connection c) throws SQLException {
        PgSql.execute(c, "SET row_security = off");
        // a type change to or from timestamptz converts in the session's zone: psql's, as a plain ALTER run from psql
        dev.dbshift.db.postgres.PostgresDatabase.psqlTimeZone(c);
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Refuses, before anything is made, a table whose rows the engine's role would see only in part: row security on
     * and the role subject to it (forced on the owner, or the role is not the owner), unless the role bypasses it.
     */
    static void refuseRowSecurity(Connection c, OnlineNames names) throws SQLException {
        List<List<Object>> r = PgSql.rows(c, new PgSql.Sql("SELECT c.relrowsecurity AND (c.relforcerowsecurity"
                + " OR c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user))"
                + " AND NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user), current_user"
                + " FROM pg_class c WHERE c.oid = " + PgInspector.REL, List.of(names.schema(), names.table())), 2);
        if (!r.isEmpty() && Boolean.TRUE.equals(r.get(0).get(0))) {
            throw OnlineException.refused(names.table() + " has row level security that applies to " + r.get(0).get(1)
                    + ", so the copy would see only the rows its policies let that role see, and the swap would lose the"
                    + " others; run the change as a role with BYPASSRLS (or the table's owner, where row security is not"
                    + " forced on it)");
        }
    }

    @Override
    public ShadowTable shadow(Connection c, OnlineNames names) {
        return new PgShadowTable(c, names);
    }

    @Override
    public String readAs(TableShape.Column source, TableShape.Column shadow) {
        return cast(PgSql.quote(source.name()), source.type(), shadow.type());
    }

    /** The USING expression, cast as the ALTER would assign its result to the column's new type. */
    @Override
    public String convertAs(String using, TableShape.Column shadow) {
        return "CAST((" + using + ") AS " + shadow.type() + ")";
    }

    /** {@code expr} as the shadow's type holds it: an explicit cast where the types differ. */
    static String cast(String expr, String sourceType, String shadowType) {
        return sourceType.equals(shadowType) ? expr : "CAST(" + expr + " AS " + shadowType + ")";
    }

    @Override
    public Optional<List<Object>> findDuplicate(Connection c, TableShape table, List<String> columns) throws SQLException {
        List<String> notNull = new ArrayList<>();
        for (String col : columns) {
            notNull.add(PgSql.quote(col) + " IS NOT NULL");
        }
        String cols = PgSql.columns(columns, "");
        List<List<Object>> r = PgSql.rows(c, PgSql.Sql.of("SELECT " + cols + ", count(*) FROM "
                + PgSql.qualified(table.schema(), table.table()) + " WHERE " + String.join(" AND ", notNull) + " GROUP BY " + cols
                + " HAVING count(*) > 1 LIMIT 1"), columns.size() + 1);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    @Override
    public ChangeCapture capture(Connections factory, Connection c, CopyLayout layout, TableShape source) {
        return new PgTriggerCapture(c, layout, source, ddl());
    }

    @Override
    public void prepareCopier(Connection copier) throws SQLException {
        PgSql.execute(copier, "SET lock_timeout = " + COPIER_LOCK_TIMEOUT_MS);
        if (!copier.getAutoCommit()) {
            copier.commit();
        }
    }

    @Override
    public Copier copier(Connection copier, CopyLayout layout, Checkpoint checkpoint) {
        return new PgCopier(copier, keys(copier, layout), checkpoint);
    }

    @Override
    public Chunker chunker(Connection c, CopyLayout layout) {
        return new PgChunker(c, keys(c, layout));
    }

    @Override
    public Replayer replayer(Connection c, CopyLayout layout) {
        return new PgReplayer(c, keys(c, layout));
    }

    @Override
    public Checksummer checksummer(Connection c, CopyLayout layout) {
        return new PgChecksummer(c, keys(c, layout));
    }

    private static PgKeys keys(Connection c, CopyLayout layout) {
        try {
            PgKeys k = new PgKeys(c, layout);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return k;
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "cannot read the key columns of " + layout.names().table() + ": "
                    + e.getMessage(), e);
        }
    }

    /** PostgreSQL writes back in the background (checkpointer); nothing here waits for it. */
    @Override
    public boolean flushing(Connection c) {
        return false;
    }

    /**
     * Called once the copy is done (the indexes deferred during it are built by then: {@link PgShadowTable#restoreIndexes}),
     * before the sync trigger makes the application write to the shadow: sets the shadow's identity sequences where the
     * table's are (serial columns share the table's sequence); the swap sets them once more under its lock.
     */
    @Override
    public void carryAutoIncrement(Connection c, CopyLayout layout) throws SQLException {
        OnlineNames names = layout.names();
        PgSwap.carryIdentity(c, names.schema(), names.table(), names.shadow(), column -> layout.mapping().copied().stream()
                .filter(m -> m.shadow().equals(column)).map(dev.dbshift.online.CopiedColumn::source).findFirst());
    }

    /** The clauses in one transaction, under the lock timeout and tried again (no rewrite: a catalog change). */
    @Override
    public void alterNatively(Connection c, OnlineNames names, AlterSpec spec, ShadowTable.Native how) throws SQLException {
        ddl().transaction(c, () -> {
            for (String clause : spec.clauses()) {
                PgSql.execute(c, "ALTER TABLE " + PgSql.qualified(names.schema(), names.table()) + " " + clause);
            }
        });
    }

    @Override
    public int swap(Connections factory, Connection c, OnlineNames names, int attempts, AlterSpec spec) throws SQLException {
        return new PgSwap(c, names, ddl(attempts), spec).swap();
    }

    @Override
    public void cleanupAfterSwap(Connection c, OnlineNames names, boolean keepOld) throws SQLException {
        PgTriggerCapture.dropAll(c, names, ddl());
        PgSql.execute(c, "DROP TABLE IF EXISTS " + PgSql.qualified(names.schema(), names.changeLog()));
        PgDependents.validate(c, names, ddl());
        if (!keepOld) {
            ddl().run(c, "DROP TABLE IF EXISTS " + PgSql.qualified(names.schema(), names.old()));
        }
    }

    @Override
    public void cleanupAbort(Connections factory, Connection c, OnlineNames names) throws SQLException {
        PgTriggerCapture.dropAll(c, names, ddl());
        for (String t : List.of(names.changeLog(), names.shadow(), names.probe())) {
            PgSql.execute(c, "DROP TABLE IF EXISTS " + PgSql.qualified(names.schema(), t));
        }
    }
}
