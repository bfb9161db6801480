package dev.dbshift.db.postgres.online;

import dev.dbshift.db.postgres.PostgresPolicies;
import dev.dbshift.online.AlterSpec;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.ShadowTable;
import dev.dbshift.schema.Policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shadow: {@code CREATE TABLE _t_new (LIKE t INCLUDING ALL)} (columns, defaults, identity,
 * generated columns, CHECK constraints, indexes, comments, storage), then the user's clauses applied
 * one by one while it is empty, so PostgreSQL itself decides the new shape. One ALTER per clause
 * because PostgreSQL refuses RENAME COLUMN combined with other subcommands; on an empty table the
 * order of the clauses is all that matters. What LIKE does not carry (the table's comment, grants,
 * owner, row security and its policies, replica identity, storage parameters, the columns' grants, statistics targets
 * and {@code n_distinct}) is copied here too.
 *
 * <p>Whether PostgreSQL can do the change without rewriting the table is asked of an empty probe
 * copy: a rewrite gives the table (or one of its existing indexes) a new relfilenode, even when
 * empty. A clause that makes PostgreSQL scan the whole table under its ACCESS EXCLUSIVE lock (SET
 * NOT NULL, a validated CHECK, UNIQUE or PRIMARY KEY, a foreign key) is no native change either,
 * though nothing is rewritten: on a big table it blocks every writer for the scan's time.
 */
final class PgShadowTable implements ShadowTable {

    private final Connection connection;
    private final OnlineNames names;

    PgShadowTable(Connection connection, OnlineNames names) {
        this.connection = connection;
        this.names = names;
    }

    private String q(String table) {
        return PgSql.qualified(names.schema(), table);
    }

    @Override
    public void create(AlterSpec spec) throws SQLException {
        build(names.shadow(), spec.clauses());
        String table = q(names.table());
        String shadow = q(names.shadow());
        List<String> comment = PgSql.strings(connection, "SELECT obj_description(?::regclass, 'pg_class')", table);
        if (!comment.isEmpty() && comment.get(0) != null) {
            PgSql.execute(connection, "COMMENT ON TABLE " + shadow + " IS " + PgSql.literal(comment.get(0)));
        }
        for (String grant : PgSql.strings(connection, "SELECT 'GRANT ' || a.privilege_type || ' ON %s TO '"
                + " || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END"
                + " || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END"
                + " FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ?::regclass AND a.grantee <> c.relowner", table)) {
            PgSql.execute(connection, String.format(Locale.ROOT, grant, shadow));
        }
        List<String> owner = PgSql.strings(connection, "SELECT quote_ident(pg_get_userbyid(relowner)) FROM pg_class"
                + " WHERE oid = ?::regclass AND relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)", table);
        if (!owner.isEmpty()) {
            PgSql.execute(connection, "ALTER TABLE " + shadow + " OWNER TO " + owner.get(0));
        }
        deferNotValidChecks();
    }

    /**
     * The CHECK constraints that are {@code NOT VALID} on the table, and those the spec adds {@code NOT VALID}, wait
     * until the copy is done, listed with the deferred indexes ({@link #restoreIndexes} adds them back, {@code NOT VALID}).
     * LIKE gives the shadow the table's as validated ones, and the spec's apply to the empty shadow: either way every
     * copied row was checked, where the table never checked its old ones. A change copying a table whose old rows break
     * a {@code NOT VALID} check failed, which a plain ALTER does not (measured: a rewrite keeps it NOT VALID and
     * unchecked); one whose rows kept it turned it validated. The rows the replay writes after it is back were written
     * on the table under it, so they keep it.
     */
    private void deferNotValidChecks() throws SQLException {
        List<List<Object>> checks = PgSql.rows(connection, new PgSql.Sql("SELECT k.conname, pg_get_constraintdef(k.oid),"
                + " obj_description(k.oid, 'pg_constraint')"
                + " FROM pg_constraint k WHERE k.contype = 'c' AND k.conrelid = " + PgInspector.REL + " AND (NOT k.convalidated"
                + " OR k.conname IN (SELECT t.conname FROM pg_constraint t WHERE t.contype = 'c' AND NOT t.convalidated"
                + " AND t.conrelid = ?::regclass)) ORDER BY 1", List.of(names.schema(), names.shadow(), q(names.table()))), 3);
        List<String> statements = new ArrayList<>();
        for (List<Object> check : checks) {
            String name = PgSql.quote((String) check.get(0));
            String definition = (String) check.get(1);
            PgSql.execute(connection, "ALTER TABLE " + q(names.shadow()) + " DROP CONSTRAINT " + name);
            statements.add("ALTER TABLE " + q(names.shadow()) + " ADD CONSTRAINT " + name + " " + definition
                    + (definition.endsWith(" NOT VALID") ? "" : " NOT VALID"));
            if (check.get(2) != null) {
                statements.add("COMMENT ON CONSTRAINT " + name + " ON " + q(names.shadow()) + " IS " + oneLine((String) check.get(2)));
            }
        }
        defer(statements);
    }

    /**
     * {@code text} as a string literal on one line ({@code E'...'}, its line breaks escaped), for the list of deferred
     * statements, one a line: the comment of an index or constraint dropped until the copy is done, which LIKE copied and
     * the drop took along (a plain ALTER keeps it).
     */
    private static String oneLine(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''").replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    /** Adds {@code statements} to the list in the shadow's comment ({@link #DEFERRED}), run by {@link #restoreIndexes}. */
    private void defer(List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        String shadow = q(names.shadow());
        List<String> comment = PgSql.strings(connection, "SELECT obj_description(?::regclass, 'pg_class')", shadow);
        StringBuilder list = new StringBuilder(!comment.isEmpty() && comment.get(0) != null && comment.get(0).startsWith(DEFERRED)
                ? comment.get(0) : DEFERRED);
        for (String statement : statements) {
            list.append('\n').append(statement);
        }
        PgSql.execute(connection, "COMMENT ON TABLE " + shadow + " IS " + PgSql.literal(list.toString()));
    }

    /** Marks the shadow's comment while it lists the indexes (and NOT VALID checks) deferred to the end of the copy. */
    static final String DEFERRED = "dbshift: indexes deferred until the copy is done";

    /**
     * Drops the shadow's plain indexes (not unique, not behind a constraint), listing their definitions
     * in the shadow's comment: PostgreSQL builds an index over a filled table (one sort) about twice as
     * fast as it maintains it row by row during the copy (measured: 400k rows into a table with one
     * secondary index 16.6 s, without it 5.6 s plus 2.0 s for the index). Unique indexes stay: a
     * duplicate must fail the chunk that copies it. {@link #restoreIndexes} builds them.
     */
    @Override
    public int deferIndexes() throws SQLException {
        List<List<Object>> plain = PgSql.rows(connection, new PgSql.Sql("SELECT c.relname, pg_get_indexdef(i.indexrelid),"
                + " (SELECT quote_ident(spcname) FROM pg_tablespace WHERE oid = c.reltablespace), obj_description(c.oid, 'pg_class')"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = " + PgInspector.REL
                + " AND NOT i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
                + " ORDER BY 1", List.of(names.schema(), names.shadow())), 4);
        if (plain.isEmpty()) {
            return 0;
        }
        List<String> statements = new ArrayList<>();
        for (List<Object> index : plain) {
            statements.add(inTablespace((String) index.get(1), (String) index.get(2)));
            if (index.get(3) != null) {
                statements.add("COMMENT ON INDEX " + q((String) index.get(0)) + " IS " + oneLine((String) index.get(3)));
            }
        }
        defer(statements);
        for (List<Object> index : plain) {
            PgSql.execute(connection, "DROP INDEX " + q((String) index.get(0)));
        }
        return plain.size();
    }

    /**
     * {@code definition} (pg_get_indexdef's, which names no tablespace) built in {@code tablespace} (null: the default),
     * where the index was, as a plain ALTER rebuilds it: the clause goes before the predicate. Before, an index of a
     * table kept on its own tablespace came back on the database's default one.
     */
    static String inTablespace(String definition, String tablespace) {
        if (tablespace == null) {
            return definition;
        }
        int where = AlterSpec.topLevelWord(definition, "WHERE");
        return where < 0 ? definition + " TABLESPACE " + tablespace
                : definition.substring(0, where) + "TABLESPACE " + tablespace + " " + definition.substring(where);
    }

    /**
     * Builds the indexes {@link #deferIndexes} listed (each only when missing, so a run killed in the
     * middle does the rest), then gives the shadow the table's comment. Runs once the copy is done,
     * before the sync trigger writes to the shadow: nobody but the engine uses the shadow yet. The definitions come
     * from the table as it was when the shadow was made, so {@code spec} is not read again.
     */
    @Override
    public int restoreIndexes(AlterSpec spec, Runnable building) throws SQLException {
        Connection c = connection;
        String shadow = q(names.shadow());
        List<String> comment = PgSql.strings(c, "SELECT obj_description(?::regclass, 'pg_class')", shadow);
        if (comment.isEmpty() || comment.get(0) == null || !comment.get(0).startsWith(DEFERRED)) {
            return 0;
        }
        List<String> all = List.of(comment.get(0).split("\n"));
        List<String> definitions = all.subList(1, all.size()).stream().filter(d -> !d.startsWith("COMMENT ON ")).toList();
        List<String> comments = all.subList(1, all.size()).stream().filter(d -> d.startsWith("COMMENT ON ")).toList();
        if (definitions.stream().anyMatch(d -> d.startsWith("CREATE INDEX "))) {
            building.run();
        }
        for (String definition : definitions) {
            if (definition.startsWith("CREATE INDEX ")) {
                PgSql.execute(c, definition.replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS "));
                continue;
            }
            try {
                PgSql.execute(c, definition);
            } catch (SQLException e) {
                if (!"42710".equals(e.getSQLState())) { // duplicate_object: added by a run killed after it
                    throw e;
                }
            }
        }
        for (String statement : comments) {
            PgSql.execute(c, statement);
        }
        List<String> original = PgSql.strings(c, "SELECT obj_description(?::regclass, 'pg_class')",
                PgSql.qualified(names.schema(), names.table()));
        PgSql.execute(c, "COMMENT ON TABLE " + shadow + " IS " + (original.isEmpty() || original.get(0) == null ? "NULL"
                : PgSql.literal(original.get(0))));
        return definitions.size();
    }

    /**
     * The clauses of {@code clauses} that set the default of a column an earlier clause adds, which the swap applies to the
     * new table rather than the shadow: PostgreSQL's ALTER fills the rows it has with the default the column is added
     * with, and only later rows take the one set after it ({@code ADD d date DEFAULT '2024-01-01', ALTER d SET DEFAULT
     * '2025-01-01'}); the copy fills the shadow's rows with its default, which was the last. A {@code DROP DEFAULT} of such
     * a column is refused as PostgreSQL refuses it (it drops defaults before it adds columns: "column does not exist").
     */
    static List<String> defaultsAtSwap(List<String> clauses) {
        List<String> added = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String clause : clauses) {
            List<String> w = AlterSpec.words(clause);
            if (w.size() > 1 && w.get(0).equalsIgnoreCase("ADD") && !w.get(1).equalsIgnoreCase("CONSTRAINT")) {
                int i = w.get(1).equalsIgnoreCase("COLUMN") ? 2 : 1;
                if (w.size() > i + 2 && w.get(i).equalsIgnoreCase("IF") && w.get(i + 1).equalsIgnoreCase("NOT")) {
                    i += 3;
                }
                if (i < w.size() && !List.of("PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE").contains(w.get(i).toUpperCase(Locale.ROOT))) {
                    added.add(PgSql.unquote(w.get(i)));
                }
            } else if (w.size() > 3 && w.get(0).equalsIgnoreCase("ALTER")) {
                int i = w.get(1).equalsIgnoreCase("COLUMN") ? 2 : 1;
                if (i + 2 < w.size() && added.contains(PgSql.unquote(w.get(i)))) {
                    String what = w.get(i + 1).toUpperCase(Locale.ROOT) + " " + w.get(i + 2).toUpperCase(Locale.ROOT);
                    if (what.equals("SET DEFAULT")) {
                        out.add(clause);
                    } else if (what.equals("DROP DEFAULT")) {
                        throw new OnlineException(OnlineException.BAD_INPUT, "PostgreSQL rejects the change (" + clause
                                + "): in one ALTER TABLE it drops defaults before it adds columns, so column "
                                + PgSql.unquote(w.get(i)) + " does not exist yet (drop the default in an ALTER TABLE of its own)");
                    }
                }
            }
        }
        return out;
    }

    /** {@code CREATE TABLE target (LIKE t INCLUDING ALL)} and the spec's clauses; dropped again when one is refused. */
    private void build(String target, List<String> clauses) throws SQLException {
        List<String> atSwap = defaultsAtSwap(clauses); // refuses what PostgreSQL refuses before anything is made
        PgSql.execute(connection, "DROP TABLE IF EXISTS " + q(target));
        // what LIKE does not carry, read in one query: persistence, row security, replica identity, storage parameters
        List<List<Object>> facts = PgSql.rows(connection, new PgSql.Sql("SELECT relpersistence = 'u', relrowsecurity,"
                + " relforcerowsecurity, relreplident::text, (SELECT string_agg(quote_ident(split_part(o, '=', 1)) || ' = '"
                + " || quote_literal(substr(o, strpos(o, '=') + 1)), ', ') FROM unnest(reloptions) o),"
                + " (SELECT quote_ident(spcname) FROM pg_tablespace WHERE oid = reltablespace)"
                + " FROM pg_class WHERE oid = " + PgInspector.REL, List.of(names.schema(), names.table())), 6);
        List<Object> table = facts.get(0);
        // in the table's tablespace, as a plain ALTER rewrites it (LIKE does not carry it: the copy of a table kept on a
        // volume of its own was written to the default one); LIKE's indexes stay in theirs
        PgSql.execute(connection, "CREATE " + (Boolean.TRUE.equals(table.get(0)) ? "UNLOGGED " : "") + "TABLE " + q(target)
                + " (LIKE " + q(names.table()) + " INCLUDING ALL)" + (table.get(5) == null ? "" : " TABLESPACE " + table.get(5)));
        carry(target, Boolean.TRUE.equals(table.get(1)), Boolean.TRUE.equals(table.get(2)), (String) table.get(3),
                (String) table.get(4));
        Map<String, String> constraints = indexConstraints(target);
        for (String clause : PgDependents.forCopy(connection, names, clauses)) {
            if (atSwap.contains(clause)) {
                continue;
            }
            try {
                PgSql.execute(connection, "ALTER TABLE " + q(target) + " " + onTarget(clause, constraints));
            } catch (SQLException e) {
                PgSql.execute(connection, "DROP TABLE IF EXISTS " + q(target));
                throw new OnlineException(OnlineException.BAD_INPUT, "PostgreSQL rejects the change (" + clause + "): "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * The table's constraints that are an index (primary key, unique, exclusion) by name, each with the name of the same
     * constraint on {@code target}: LIKE names them after the new table ({@code _t_new_pkey}), since an index's name is
     * unique in the schema, and the swap gives them the table's names back.
     */
    private Map<String, String> indexConstraints(String target) throws SQLException {
        String query = "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype IN ('p', 'u', 'x')"
                + " AND conrelid = " + PgInspector.REL + " ORDER BY conname";
        Map<String, String> onTarget = new HashMap<>();
        for (List<Object> r : PgSql.rows(connection, new PgSql.Sql(query, List.of(names.schema(), target)), 2)) {
            onTarget.putIfAbsent((String) r.get(1), (String) r.get(0));
        }
        Map<String, String> out = new HashMap<>();
        for (List<Object> r : PgSql.rows(connection, new PgSql.Sql(query, List.of(names.schema(), names.table())), 2)) {
            String same = onTarget.remove((String) r.get(1));
            if (same != null && !same.equals(r.get(0))) {
                out.put((String) r.get(0), same);
            }
        }
        return out;
    }

    /**
     * {@code clause} with the names of the table's index constraints it names ({@code DROP CONSTRAINT items_pkey},
     * {@code RENAME CONSTRAINT ...}) replaced by theirs on the shadow, where LIKE named them otherwise: PostgreSQL
     * refused such a clause ("constraint items_pkey of relation _items_new does not exist"), which a plain ALTER takes.
     */
    static String onTarget(String clause, Map<String, String> constraints) {
        String out = clause;
        for (Map.Entry<String, String> e : constraints.entrySet()) {
            String name = e.getKey();
            String quoted = java.util.regex.Pattern.quote(PgSql.quote(name));
            String written = name.matches("[a-z_][a-z0-9_$]*")
                    ? quoted + "|(?i:" + java.util.regex.Pattern.quote(name) + ")(?![A-Za-z0-9_$])" : quoted;
            // the keywords and an unquoted name in any case; a quoted name only as written
            out = java.util.regex.Pattern.compile("((?i:\\bCONSTRAINT\\s+(?:IF\\s+EXISTS\\s+)?))(?:" + written + ")")
                    .matcher(out).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(PgSql.quote(e.getValue())));
        }
        return out;
    }

    /**
     * Gives {@code target} what LIKE leaves behind and the swap would lose in silence, before the change's clauses (so
     * PostgreSQL itself carries a policy or a column privilege through a renamed column, and refuses to drop or retype
     * a column a policy uses, as it would on the table):
     * <ul>
     *   <li>row security and its policies: without them the swapped table had row security off and no policy, and
     *       every role saw every row;</li>
     *   <li>a replica identity {@code FULL} or {@code NOTHING} (one by index is refused in preflight);</li>
     *   <li>storage parameters ({@code fillfactor}, autovacuum settings), given as {@code SET} options;</li>
     *   <li>column privileges.</li>
     * </ul>
     */
    private void carry(String target, boolean rowSecurity, boolean forced, String replicaIdentity, String options)
            throws SQLException {
        String shadow = q(target);
        if (rowSecurity) {
            PgSql.execute(connection, "ALTER TABLE " + shadow + " ENABLE ROW LEVEL SECURITY");
        }
        if (forced) {
            PgSql.execute(connection, "ALTER TABLE " + shadow + " FORCE ROW LEVEL SECURITY");
        }
        for (Policy policy : PostgresPolicies.read(connection, names.schema(), names.table()).getOrDefault(names.table(), List.of())) {
            PgSql.execute(connection, PostgresPolicies.create(policy, shadow, PgSql::quote));
        }
        if (replicaIdentity.equals("f") || replicaIdentity.equals("n")) {
            PgSql.execute(connection, "ALTER TABLE " + shadow + " REPLICA IDENTITY " + (replicaIdentity.equals("f") ? "FULL" : "NOTHING"));
        }
        if (options != null) {
            PgSql.execute(connection, "ALTER TABLE " + shadow + " SET (" + options + ")");
        }
        // the columns' statistics targets and n_distinct, which LIKE leaves out and a plain ALTER keeps (a column whose
        // type it changes too); carried before the clauses, so a renamed column keeps its own
        List<String> columnSettings = PgSql.strings(connection, "SELECT string_agg(s, ', ' ORDER BY attnum, k) FROM ("
                + " SELECT attnum, 1 AS k, format('ALTER COLUMN %I SET STATISTICS %s', attname, attstattarget) AS s"
                + " FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attstattarget >= 0"
                + " UNION ALL SELECT attnum, 2, format('ALTER COLUMN %I SET (%s)', attname, string_agg(o, ', '))"
                + " FROM pg_attribute CROSS JOIN LATERAL unnest(attoptions) o WHERE attrelid = ?::regclass AND attnum > 0"
                + " AND NOT attisdropped AND split_part(o, '=', 1) IN ('n_distinct', 'n_distinct_inherited')"
                + " GROUP BY attnum, attname) x", q(names.table()), q(names.table()));
        if (!columnSettings.isEmpty() && columnSettings.get(0) != null) {
            PgSql.execute(connection, "ALTER TABLE " + shadow + " " + columnSettings.get(0));
        }
        for (String grant : PgSql.strings(connection, "SELECT 'GRANT ' || a.privilege_type || ' (' || quote_ident(c.attname)"
                + " || ') ON ' || ? || ' TO ' || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END"
                + " || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END"
                + " FROM pg_attribute c, aclexplode(c.attacl) a WHERE c.attrelid = ?::regclass AND c.attnum > 0"
                + " AND NOT c.attisdropped ORDER BY c.attnum", shadow, q(names.table()))) {
            PgSql.execute(connection, grant);
        }
    }

    @Override
    public void drop() throws SQLException {
        PgSql.execute(connection, "DROP TABLE IF EXISTS " + q(names.shadow()));
    }

    @Override
    public String definitionAfter(AlterSpec spec) throws SQLException {
        build(names.probe(), spec.clauses());
        try {
            return definition(connection, names.schema(), names.probe());
        } finally {
            PgSql.execute(connection, "DROP TABLE IF EXISTS " + q(names.probe()));
        }
    }

    @Override
    public String definitionNow() throws SQLException {
        return definition(connection, names.schema(), names.table());
    }

    /**
     * SHA-256 of the table's columns (name, type, NOT NULL, default) and its indexes and constraints
     * without their names and the table's name: equal for two tables of the same definition.
     */
    static String definition(Connection c, String schema, String table) throws SQLException {
        String rel = PgInspector.REL;
        List<String> parts = PgSql.strings(c, "SELECT x FROM ("
                + " SELECT 1 AS k, a.attnum::text || ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || ' ' || a.attidentity::text || a.attgenerated::text"
                + " || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS x"
                + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = " + rel + " AND a.attnum > 0 AND NOT a.attisdropped"
                + " UNION ALL SELECT 2, CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END"
                + " || substring(pg_get_indexdef(i.indexrelid) from ' USING .*$') FROM pg_index i WHERE i.indrelid = " + rel
                + " UNION ALL SELECT 3, contype::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = " + rel
                + ") s ORDER BY k, x", schema, table, schema, table, schema, table);
        // the columns' numbers differ after a DROP COLUMN; keep only their order
        StringBuilder text = new StringBuilder();
        for (String p : parts) {
            text.append(p.replaceFirst("^\\d+ ", "")).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * INSTANT when PostgreSQL does the change without rewriting or scanning the table (a catalog
     * change under a moment's ACCESS EXCLUSIVE lock), else NONE; PostgreSQL has no INPLACE.
     */
    @Override
    public Native probeNative(AlterSpec spec) throws SQLException {
        defaultsAtSwap(spec.clauses()); // refuses what PostgreSQL refuses, whichever way the change then runs
        for (String clause : spec.clauses()) {
            if (scans(clause)) {
                return Native.NONE;
            }
        }
        build(names.probe(), List.of());
        try {
            Map<String, String> before = fileNodes(names.probe());
            for (String clause : spec.clauses()) {
                PgSql.execute(connection, "ALTER TABLE " + q(names.probe()) + " " + clause);
            }
            Map<String, String> after = fileNodes(names.probe());
            boolean same = before.keySet().containsAll(after.keySet())
                    && after.entrySet().stream().allMatch(e -> e.getValue().equals(before.get(e.getKey())));
            return same ? Native.INSTANT : Native.NONE;
        } catch (SQLException e) {
            return Native.NONE;
        } finally {
            PgSql.execute(connection, "DROP TABLE IF EXISTS " + q(names.probe()));
        }
    }

    /**
     * Object id to relfilenode of the table (id 0) and its indexes. A rewrite changes the table's; a
     * rebuilt index is a new object (new id): no index may be new, and the others must keep their files.
     */
    private Map<String, String> fileNodes(String table) throws SQLException {
        Map<String, String> out = new HashMap<>();
        for (List<Object> r : PgSql.rows(connection, new PgSql.Sql("SELECT '0', pg_relation_filenode(c.oid)::text"
                + " FROM pg_class c WHERE c.oid = " + PgInspector.REL + " UNION ALL SELECT i.indexrelid::text,"
                + " pg_relation_filenode(i.indexrelid)::text FROM pg_index i WHERE i.indrelid = " + PgInspector.REL,
                List.of(names.schema(), table, names.schema(), table)), 2)) {
            out.put((String) r.get(0), (String) r.get(1));
        }
        return out;
    }

    /** Clauses that make PostgreSQL read the whole table under its ACCESS EXCLUSIVE lock. */
    static boolean scans(String clause) {
        String u = clause.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (u.contains("SET NOT NULL")) {
            return true;
        }
        boolean validates = !u.contains("NOT VALID");
        return u.startsWith("ADD") && (u.contains("PRIMARY KEY") || u.contains(" UNIQUE") || u.contains("EXCLUDE")
                || (validates && (u.contains("CHECK") || u.contains("REFERENCES") || u.contains("FOREIGN KEY"))));
    }
}
