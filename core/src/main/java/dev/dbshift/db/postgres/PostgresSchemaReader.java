package dev.dbshift.db.postgres;

import dev.dbshift.schema.CatalogText;
import dev.dbshift.schema.Check;
import dev.dbshift.schema.Column;
import dev.dbshift.schema.CompositeType;
import dev.dbshift.schema.Domain;
import dev.dbshift.schema.EnumType;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.Policy;
import dev.dbshift.schema.PrimaryKey;
import dev.dbshift.schema.Routine;
import dev.dbshift.schema.Rule;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.schema.Sequence;
import dev.dbshift.schema.Table;
import dev.dbshift.schema.TableBuilder;
import dev.dbshift.schema.TableFilter;
import dev.dbshift.schema.Trigger;
import dev.dbshift.schema.View;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PostgreSQL schema from {@code pg_catalog}: one query per kind of object for the whole
 * schema. While it reads, {@code search_path} is the schema alone, so {@code pg_get_*def} prints
 * names unqualified and two schemas with the same objects read the same; the previous path is
 * restored afterwards. It reads inside a transaction (the caller's, else one of its own per query),
 * where alone the driver fetches rows by batches of {@link #FETCH}.
 */
public final class PostgresSchemaReader implements SchemaReader {

    public PostgresSchemaReader() {
    }

    @Override
    public SchemaModel read(Connection connection, String schema, TableFilter filter) throws SQLException {
        if (!connection.getAutoCommit()) {
            return readWithPath(connection, schema, filter, false);   // in the caller's transaction, which the caller ends
        }
        // Transactions of its own, one per query, read-only in effect: the driver fetches a query's rows by batches
        // of FETCH only inside one (otherwise it holds a whole result at once; at 10,000 tables, 30,000 column rows:
        // reading by batches took 2 MB off the peak RSS of a status). The connection is handed back in autocommit,
        // as it came.
        connection.setAutoCommit(false);
        SchemaModel model;
        try {
            model = readWithPath(connection, schema, filter, true);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            restoreAutoCommit(connection, e);
            throw e;
        }
        connection.setAutoCommit(true);
        return model;
    }

    /**
     * Whether an object ({@code %1$s}: its oid; {@code %2$s}: its catalog, {@code pg_class}, {@code pg_type}, {@code
     * pg_collation}) is an extension's own, which {@code CREATE EXTENSION} makes ({@link SchemaModel#extensionObjects()}):
     * the reader and the dump's extras ask it alike.
     */
    static final String EXTENSIONS_OWN = " exists (select 1 from pg_depend x where x.classid = '%2$s'::regclass"
            + " and x.objid = %1$s and x.deptype = 'e')";

    /** Rows of a catalog query fetched per round trip. */
    public static final int FETCH = 1000;

    private static void restoreAutoCommit(Connection connection, Exception failure) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The read with {@code search_path} set to the schema alone. After a failed query the path is restored: with
     * {@code own}, after a rollback, in a new transaction (it was set in one already ended); in a caller's aborted
     * transaction it cannot be, and the caller's rollback restores it. The error reported is the query's own, not the
     * restore's.
     */
    private SchemaModel readWithPath(Connection connection, String schema, TableFilter filter, boolean own) throws SQLException {
        try (ResultSet rs = query(connection, "select 1 from pg_namespace where nspname = ?", schema)) {
            if (!rs.next()) {
                throw new SQLException("schema " + schema + " does not exist", "3F000");
            }
        }
        String previousPath;
        String previousZone;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('search_path'), current_setting('TimeZone')")) {
            rs.next();
            previousPath = rs.getString(1);
            previousZone = rs.getString(2);
        }
        setPath(connection, "quote_ident(?)", schema, READ_ZONE);
        SchemaModel model;
        try {
            model = readIn(connection, schema, filter, own);
        } catch (SQLException | RuntimeException e) {
            try {
                if (own) {
                    // the path was set in a transaction already ended: restored in a new one
                    connection.rollback();
                    setPath(connection, "?", previousPath, previousZone);
                    connection.commit();
                } else {
                    setPath(connection, "?", previousPath, previousZone);
                }
            } catch (SQLException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        setPath(connection, "?", previousPath, previousZone);
        return model;
    }

    /**
     * The time zone the catalog's text is read in. PostgreSQL prints a {@code timestamptz} constant (a default, a
     * check, a view's or an index predicate's literal) in the session's zone, and the JDBC driver sets that to the JVM's:
     * the same schema read from a machine in another zone had another checksum, so {@code check} called it drift.
     */
    static final String READ_ZONE = "UTC";

    private static void setPath(Connection connection, String value, String argument, String zone) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select set_config('search_path', " + value + ", false),"
                + " set_config('TimeZone', ?, false)")) {
            ps.setString(1, argument);
            ps.setString(2, zone);
            ps.executeQuery().close();
        }
    }

    /**
     * With {@code own}, the read's transactions are its own, and each query's is ended after it ({@link #end}).
     */
    private SchemaModel readIn(Connection c, String schema, TableFilter filter, boolean own) throws SQLException {
        TableBuilder.ByName tables = new TableBuilder.ByName();
        boolean policies = false;
        boolean rules = false;
        // a standalone composite type has a pg_class row (relkind c): known here for free, read in full only then
        boolean composites = false;
        List<View> views = new ArrayList<>();
        List<String> extensionObjects = new ArrayList<>();
        try (ResultSet rs = query(c, "select c.relname, c.relkind, case when c.relkind in ('v','m') then pg_get_viewdef(c.oid, true) end,"
                + " case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end,"
                + " (select p.relname from pg_inherits i join pg_class p on p.oid = i.inhparent where i.inhrelid = c.oid and c.relispartition),"
                + " case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end,"
                + " c.relrowsecurity, c.relforcerowsecurity,"
                + " c.relrowsecurity or exists (select 1 from pg_policy p where p.polrelid = c.oid), c.relhasrules, c.relpersistence,"
                + " case when c.relkind = 'v' then c.reloptions end,"
                // what logical replication sends of a changed row, where not the key; an index named (one probe, only then)
                + " case when c.relkind in ('r','p') and c.relreplident <> 'd' then case c.relreplident when 'f' then 'full'"
                + "   when 'n' then 'nothing' else 'index ' || (select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid"
                + "   where x.indrelid = c.oid and x.indisreplident) end end,"
                // the tables it inherits from (not a partition's parent), in order; another schema's as SQL, always quoted
                + " case when c.relkind = 'r' and not c.relispartition then (select array_agg(case when p.relnamespace = c.relnamespace"
                + "   then p.relname else '\"' || replace(pn.nspname, '\"', '\"\"') || '\".\"'"
                + "   || replace(p.relname, '\"', '\"\"') || '\"' end order by i.inhseqno)"
                + "   from pg_inherits i join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace"
                + "   where i.inhrelid = c.oid) end,"
                // an extension's own (pg_stat_statements' view, PostGIS's spatial_ref_sys): CREATE EXTENSION makes it
                + EXTENSIONS_OWN.formatted("c.oid", "pg_class")
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('r','p','v','m','c')"
                + " order by c.relname", schema)) {
            while (rs.next()) {
                String name = rs.getString(1);
                String kind = rs.getString(2);
                if (kind.equals("r") || kind.equals("p")) {
                    if (filter.includes(name)) {
                        tables.add(name);
                        if (rs.getString(4) != null || rs.getString(5) != null) {
                            tables.get(name).partitioning(new Table.Partitioning(rs.getString(4), rs.getString(5), rs.getString(6)));
                        }
                        tables.get(name).rowSecurity(rowSecurity(rs.getBoolean(7), rs.getBoolean(8)))
                                .persistence("u".equals(rs.getString(11)) ? Table.UNLOGGED : null).replicaIdentity(rs.getString(13))
                                .inherits(rs.getArray(14) == null ? List.of() : strings(rs.getArray(14)));
                        policies |= rs.getBoolean(9);
                        rules |= rs.getBoolean(10);
                        if (rs.getBoolean(15)) {
                            extensionObjects.add(name);
                        }
                    }
                } else if (kind.equals("c")) {
                    composites = true;
                } else {
                    views.add(new View(name, CatalogText.tidy(rs.getString(3)), kind.equals("m"), List.of(),
                            viewOptions(rs.getArray(12) == null ? List.of() : strings(rs.getArray(12)))));
                    if (rs.getBoolean(15)) {
                        extensionObjects.add(name);
                    }
                }
            }
        }
        end(c, own);
        if (policies) {
            policies(c, schema, tables);
            end(c, own);
        }
        if (rules) {
            rules(c, schema, tables);
            end(c, own);
        }
        columns(c, schema, tables);
        end(c, own);
        Map<String, String> comments = comments(c, schema, tables);
        end(c, own);
        constraints(c, schema, tables);
        end(c, own);
        Map<String, List<Index>> viewIndexes = new HashMap<>();
        indexes(c, schema, tables, viewIndexes);
        end(c, own);
        views.replaceAll(v -> v.materialized()
                ? new View(v.name(), v.definition(), true, viewIndexes.getOrDefault(v.name(), List.of())) : v);
        List<Sequence> sequences = sequences(c, schema, filter, extensionObjects);
        end(c, own);
        List<Trigger> triggers = triggers(c, schema, filter);
        end(c, own);
        List<Routine> routines = routines(c, schema);
        end(c, own);
        Types types = types(c, schema, composites, extensionObjects);
        return new SchemaModel(tables.build(), views, sequences, triggers, routines, types.enums(), types.domains(),
                types.composites(), types.extensions(), extensionObjects, comments);
    }

    /**
     * Ends the transaction of the query just read, when it is the read's own. PostgreSQL's {@code pg_get_viewdef}
     * share-locks every table a view reads and keeps the lock to the end of the transaction ({@code pg_get_expr}
     * waits on a locked table too, but lets its lock go): so each query's transaction ends
     * after it, as in autocommit, and an ALTER TABLE waiting on such a lock (and the application's queries queued
     * behind it) waits on that query alone, not on the rest of the read.
     */
    private static void end(Connection c, boolean own) throws SQLException {
        if (own) {
            c.commit();
        }
    }

    /** {@link Table#rowSecurity()} from {@code relrowsecurity} and {@code relforcerowsecurity}. */
    static String rowSecurity(boolean enabled, boolean forced) {
        return enabled ? (forced ? "enabled forced" : "enabled") : forced ? "forced" : null;
    }

    /**
     * The row security policies, read only when a table has row security on or a policy (the first query says): most
     * schemas have none, and this is one round trip less for them.
     */
    private void policies(Connection c, String schema, TableBuilder.ByName tables) throws SQLException {
        for (Map.Entry<String, List<Policy>> e : PostgresPolicies.read(c, schema, null).entrySet()) {
            TableBuilder t = tables.get(e.getKey());
            if (t != null) {
                e.getValue().forEach(t::policy);
            }
        }
    }

    /**
     * The tables' rewrite rules (a view's {@code _RETURN} is the view), read only when a table has one: {@code pg_rules}'s
     * text (its {@code pg_get_ruledef}, not pretty-printed), and from {@code pg_rewrite} whether the rule fires as made.
     * That text names the rule's table with its schema ({@code ON DELETE TO public.ticket}) whatever the search path:
     * the definition leaves it out, as the rest of the text does, so a baseline or dump of it makes the rule on the
     * table of the schema it is run in (it made it on {@code public}'s, and a scratch replay failed "already exists").
     */
    private void rules(Connection c, String schema, TableBuilder.ByName tables) throws SQLException {
        try (ResultSet rs = query(c, "select t.relname, r.rulename, pg_get_ruledef(r.oid), r.ev_enabled,"
                + " 'CREATE RULE ' || quote_ident(r.rulename) || ' AS', ' TO ' || quote_ident(n.nspname) || '.'"
                + " from pg_rewrite r join pg_class t on t.oid = r.ev_class join pg_namespace n on n.oid = t.relnamespace"
                + " where n.nspname = ? and r.rulename <> '_RETURN'", schema)) {
            while (rs.next()) {
                TableBuilder t = tables.get(rs.getString(1));
                if (t != null) {
                    String printed = CatalogText.tidy(rs.getString(3));
                    printed = printed.endsWith(";") ? printed.substring(0, printed.length() - 1) : printed;
                    t.rule(new Rule(rs.getString(2), unqualifiedRule(printed, rs.getString(5), rs.getString(6)),
                            firing(rs.getString(4)), printed));
                }
            }
        }
    }

    /**
     * {@code printed} without the schema its header names the table with: {@code CREATE RULE r AS ON DELETE TO
     * "s".t ...} is {@code ... TO t ...}. Only the header's (after the rule's quoted name, {@code AS}, {@code ON} and the
     * event) is taken out: the body's names are the search path's, and a rule named {@code "x TO s.y"} keeps its name.
     *
     * @param head      {@code CREATE RULE <quoted name> AS}
     * @param qualifier {@code " TO <quoted schema>."}
     */
    static String unqualifiedRule(String printed, String head, String qualifier) {
        if (!printed.startsWith(head)) {
            return printed;
        }
        int on = head.length();
        while (on < printed.length() && Character.isWhitespace(printed.charAt(on))) {
            on++;
        }
        int event = printed.startsWith("ON ", on) ? printed.indexOf(' ', on + 3) : -1;
        if (event < 0 || !printed.startsWith(qualifier, event)) {
            return printed;
        }
        return printed.substring(0, event) + " TO " + printed.substring(event + qualifier.length());
    }

    /** The comments on the schema's tables and their columns ({@link SchemaModel#comments()}), in one query. */
    private static Map<String, String> comments(Connection c, String schema, TableBuilder.ByName tables) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (ResultSet rs = query(c, "select c.relname, a.attname, d.description from pg_description d"
                + " join pg_class c on c.oid = d.objoid join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid and d.objsubid > 0"
                + " where d.classoid = 'pg_class'::regclass and n.nspname = ? and c.relkind in ('r','p')"
                + " and (d.objsubid = 0 or a.attname is not null)", schema)) {
            while (rs.next()) {
                if (tables.get(rs.getString(1)) != null) {
                    out.put(SchemaModel.commentKey(rs.getString(1), rs.getString(2)), rs.getString(3));
                }
            }
        }
        return out;
    }

    private void columns(Connection c, String schema, TableBuilder.ByName tables) throws SQLException {
        // defaults and collations are looked up only for the columns that have them: most have neither,
        // and probing pg_attrdef and pg_collation for every column was half of this query's time
        try (ResultSet rs = query(c, "select c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " case when a.atthasdef then (select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d"
                + "   where d.adrelid = a.attrelid and d.adnum = a.attnum) end,"
                + " a.attidentity, a.attgenerated,"
                + " case when a.attcollation <> t.typcollation then (select co.collname from pg_collation co"
                + "   where co.oid = a.attcollation) end,"
                // an identity column's sequence, by pg_depend's index on what depends on the column
                + " case when a.attidentity <> '' then (select array[q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcycle::int]"
                + "   from pg_depend d join pg_sequence q on q.seqrelid = d.objid where d.refclassid = 'pg_class'::regclass"
                + "   and d.refobjid = a.attrelid and d.refobjsubid = a.attnum and d.classid = 'pg_class'::regclass"
                + "   and d.deptype = 'i' limit 1) end"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                + " join pg_type t on t.oid = a.atttypid"
                + " where n.nspname = ? and c.relkind in ('r','p') and a.attnum > 0 and not a.attisdropped"
                + " order by c.relname, a.attnum", schema)) {
            // a schema has a handful of distinct types across thousands of columns: each spelling is canonicalized once
            Map<String, String> types = new HashMap<>();
            while (rs.next()) {
                TableBuilder t = tables.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                String expr = rs.getString(5);
                boolean generated = "s".equals(rs.getString(7));
                String identity = rs.getString(6);
                String type = types.computeIfAbsent(rs.getString(3), PostgresSchemaReader::type);
                Column column = new Column(rs.getString(2), type, !rs.getBoolean(4),
                        generated ? null : expr, generated ? new Column.Generated(expr, true) : null,
                        "a".equals(identity) ? Column.Identity.ALWAYS : "d".equals(identity) ? Column.Identity.BY_DEFAULT : null,
                        rs.getString(8));
                Array sequence = rs.getArray(9);
                if (sequence != null) {
                    Object[] q = (Object[]) sequence.getArray();
                    column = column.withIdentityOptions(IdentityRange.words(type, ((Number) q[0]).longValue(), ((Number) q[1]).longValue(),
                            ((Number) q[2]).longValue(), ((Number) q[3]).longValue(), ((Number) q[4]).longValue() != 0));
                }
                t.column(column);
            }
        }
    }

    private void constraints(Connection c, String schema, TableBuilder.ByName tables) throws SQLException {
        // the definition is printed for checks only: keys are read as column lists, and printing every key's
        // definition was most of this query's server time; each list is one index probe of pg_attribute in key order
        // (an unnest, a join and a sort per constraint took a third longer: 22-27 ms against 16-19 at 1,000 tables)
        try (ResultSet rs = query(c, "select r.relname, con.conname, con.contype,"
                + " case when con.contype = 'c' then pg_get_constraintdef(con.oid, true) end,"
                + " array(select a.attname::text from pg_attribute a where a.attrelid = con.conrelid"
                + "   and a.attnum = any(con.conkey) order by array_position(con.conkey, a.attnum)),"
                + " f.relname, case when con.contype = 'f' then array(select a.attname::text from pg_attribute a"
                + "   where a.attrelid = con.confrelid and a.attnum = any(con.confkey)"
                + "   order by array_position(con.confkey, a.attnum)) else '{}'::text[] end,"
                + " con.confupdtype, con.confdeltype, fn.nspname, con.confmatchtype = 'f', con.condeferrable, con.condeferred,"
                // a key's checking triggers, by pg_trigger's tgconstraint index: 1 µs a key at 1,000 keys
                + " con.convalidated, con.contype = 'f' and exists (select 1 from pg_trigger g where g.tgconstraint = con.oid"
                + "   and g.tgenabled = 'D')"
                + " from pg_constraint con join pg_class r on r.oid = con.conrelid join pg_namespace n on n.oid = r.relnamespace"
                + " left join pg_class f on f.oid = con.confrelid left join pg_namespace fn on fn.oid = f.relnamespace"
                + " where n.nspname = ? and con.contype in ('p','f','c') and con.conparentid = 0"
                + " and (con.contype <> 'c' or con.conislocal) order by r.relname, con.conname", schema)) {
            while (rs.next()) {
                TableBuilder t = tables.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                String name = rs.getString(2);
                switch (rs.getString(3)) {
                    case "p":
                        t.primaryKey(new PrimaryKey(name, strings(rs.getArray(5)), deferral(rs.getBoolean(12), rs.getBoolean(13))));
                        break;
                    case "f": {
                        String target = rs.getString(6);
                        if (!schema.equals(rs.getString(10))) {
                            target = rs.getString(10) + "." + target;
                        }
                        t.foreignKey(new ForeignKey(name, strings(rs.getArray(5)), target, strings(rs.getArray(7)),
                                action(rs.getString(8)), action(rs.getString(9)), foreignKeyOptions(rs.getBoolean(11),
                                rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15))));
                        break;
                    }
                    default:
                        t.check(new Check(name, checkExpression(rs.getString(4))));
                }
            }
        }
    }

    private static final Pattern CHECK = Pattern.compile("(?s)^CHECK \\((.*)\\)( NOT VALID)?$");

    static String checkExpression(String def) {
        Matcher m = CHECK.matcher(def.strip());
        return m.matches() ? m.group(1).strip() : def.strip();
    }

    /**
     * Indexes of tables into their builders, and of materialized views into {@code viewIndexes}. One row per key
     * column, in order: a plain column's name comes from {@code pg_attribute}, and only an expression is printed by
     * {@code pg_get_indexdef} (an array of every key's definition per index was a third of the catalog read's server
     * time at 10,000 tables, and its parsing most of the client's). The name is one index probe per key column: a join
     * made the server hash all of {@code pg_attribute} (21-28 ms against 15-16 at 1,000 tables).
     */
    private void indexes(Connection c, String schema, TableBuilder.ByName tables, Map<String, List<Index>> viewIndexes)
            throws SQLException {
        try (ResultSet rs = query(c, "select t.relname, i.relname, x.indisunique, am.amname, pg_get_expr(x.indpred, x.indrelid, true),"
                + " k.attnum, case when k.attnum = 0 then pg_get_indexdef(x.indexrelid, k.n::int, true)"
                + "   else (select a.attname::text from pg_attribute a where a.attrelid = x.indrelid and a.attnum = k.attnum) end,"
                + " x.indoption[k.n - 1],"
                // an exclusion or deferrable unique constraint's kind, when it is checked and an exclusion's operators,
                // in key order: one probe of pg_constraint by table, for such an index only (a probe for every unique
                // index, 10 us each, doubled this query's time at 1,000 tables with a unique constraint each; a join
                // hashed all of pg_constraint)
                + " case when k.n = 1 and (x.indisexclusion or x.indisunique and not x.indimmediate) then (select array[con.contype::text,"
                + "   con.condeferrable::text, con.condeferred::text] || array(select o.oprname::text"
                + "   from unnest(con.conexclop) with ordinality e(op, n) join pg_operator o on o.oid = e.op order by e.n)"
                + "   from pg_constraint con where con.conrelid = x.indrelid and con.conindid = x.indexrelid"
                + "   and con.contype in ('u','x')) end,"
                // PostgreSQL 15 made unique indexes to which two NULLs are duplicates
                + (c.getMetaData().getDatabaseMajorVersion() >= 15 ? " x.indnullsnotdistinct," : " false,")
                // the key's operator class where it is not its type's default: joined (hashed: a probe by oid per key
                // took 12 ms more at 1,000 indexes, the join nothing to measure)
                + " opc.opcname::text,"
                // a column past the key ones is INCLUDE'd
                + " k.n > x.indnkeyatts"
                + " from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
                + " join pg_namespace n on n.oid = t.relnamespace join pg_am am on am.oid = i.relam"
                + " cross join lateral unnest(x.indkey::int2[]) with ordinality k(attnum, n)"
                + " left join pg_opclass opc on opc.oid = x.indclass[k.n - 1] and not opc.opcdefault"
                + " where n.nspname = ? and not x.indisprimary"
                + " and not exists (select 1 from pg_inherits h where h.inhrelid = x.indexrelid)"
                + " order by t.relname, i.relname, k.n", schema)) {
            String relation = null;
            Index index = null;
            List<Index.Part> parts = null;
            List<String> include = null;
            while (rs.next()) {
                if (index == null || !rs.getString(2).equals(index.name()) || !rs.getString(1).equals(relation)) {
                    addIndex(tables, viewIndexes, relation, index, parts, include);
                    relation = rs.getString(1);
                    String method = rs.getString(4);
                    // the parts are filled in below, row by row, and copied in when the index is complete
                    index = new Index(rs.getString(2), rs.getBoolean(3), List.of(), rs.getString(5), method.equals("btree") ? null : method);
                    Array constraint = rs.getArray(9);
                    List<String> kind = constraint == null ? List.of("i", "false", "false") : strings(constraint);
                    String deferral = deferral(Boolean.parseBoolean(kind.get(1)), Boolean.parseBoolean(kind.get(2)));
                    String options = rs.getBoolean(10) ? deferral == null ? Index.NULLS_NOT_DISTINCT
                            : Index.NULLS_NOT_DISTINCT + " " + deferral : deferral;
                    if (constraint != null || options != null) {
                        index = index.constraint(kind.get(0).equals("x") ? kind.subList(3, kind.size()) : null, options);
                    }
                    parts = new ArrayList<>();
                    include = new ArrayList<>();
                }
                if (rs.getBoolean(12)) {
                    include.add(rs.getString(7));
                    continue;
                }
                // indoption's bits: 1 descending, 2 NULLs first (the default when descending)
                boolean desc = (rs.getInt(8) & 1) != 0;
                boolean nullsFirst = (rs.getInt(8) & 2) != 0;
                String nulls = desc == nullsFirst ? null : nullsFirst ? "first" : "last";
                parts.add(rs.getInt(6) != 0 ? new Index.Part(rs.getString(7), null, desc, null, rs.getString(11), null, nulls)
                        : new Index.Part(null, rs.getString(7), desc, null, rs.getString(11), null, nulls));
            }
            addIndex(tables, viewIndexes, relation, index, parts, include);
        }
    }

    /** {@code index} with its {@code parts} into its table's builder, or a materialized view's list; nothing when null. */
    private static void addIndex(TableBuilder.ByName tables, Map<String, List<Index>> viewIndexes, String relation, Index header,
                                 List<Index.Part> parts, List<String> include) {
        if (header == null) {
            return;
        }
        Index index = header.withParts(parts).withInclude(include);
        TableBuilder t = tables.get(relation);
        if (t != null) {
            t.index(index);
        } else {
            // a materialized view's (or an excluded table's, which no view has the name of)
            viewIndexes.computeIfAbsent(relation, k -> new ArrayList<>()).add(index);
        }
    }

    /** The schema's sequences; the names of those an extension made go to {@code extensionObjects}. */
    private List<Sequence> sequences(Connection c, String schema, TableFilter filter, List<String> extensionObjects) throws SQLException {
        List<Sequence> out = new ArrayList<>();
        // identity sequences depend on their column internally ('i'); serial ones are owned ('a') by a table
        try (ResultSet rs = query(c, "select s.relname, format_type(q.seqtypid, null), q.seqstart, q.seqincrement,"
                + " q.seqmin, q.seqmax, q.seqcycle, (select o.relname from pg_depend d join pg_class o on o.oid = d.refobjid"
                + "   where d.objid = s.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.deptype = 'a' limit 1),"
                + EXTENSIONS_OWN.formatted("s.oid", "pg_class")
                + " from pg_sequence q join pg_class s on s.oid = q.seqrelid join pg_namespace n on n.oid = s.relnamespace"
                + " where n.nspname = ? and not exists (select 1 from pg_depend d where d.objid = s.oid"
                + "   and d.classid = 'pg_class'::regclass and d.deptype = 'i')", schema)) {
            while (rs.next()) {
                String owner = rs.getString(8);
                if (owner != null && !filter.includes(owner)) {
                    continue;
                }
                if (rs.getBoolean(9)) {
                    extensionObjects.add(rs.getString(1));
                }
                out.add(new Sequence(rs.getString(1), type(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getBoolean(7)));
            }
        }
        return out;
    }

    private List<Trigger> triggers(Connection c, String schema, TableFilter filter) throws SQLException {
        List<Trigger> out = new ArrayList<>();
        try (ResultSet rs = query(c, "select g.tgname, r.relname, pg_get_triggerdef(g.oid, true), g.tgenabled from pg_trigger g"
                + " join pg_class r on r.oid = g.tgrelid join pg_namespace n on n.oid = r.relnamespace"
                + " where n.nspname = ? and not g.tgisinternal", schema)) {
            while (rs.next()) {
                if (filter.includes(rs.getString(2))) {
                    out.add(new Trigger(rs.getString(1), rs.getString(2), CatalogText.tidy(rs.getString(3)), firing(rs.getString(4))));
                }
            }
        }
        return out;
    }

    /**
     * A view's {@link View#options()} from its {@code reloptions} ({@code check_option=cascaded}, {@code
     * security_barrier=true}, {@code security_invoker=on}: booleans as PostgreSQL takes them); null for none.
     */
    static String viewOptions(List<String> reloptions) {
        String check = null;
        boolean barrier = false;
        boolean invoker = false;
        for (String option : reloptions) {
            int eq = option.indexOf('=');
            String key = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "true" : option.substring(eq + 1).toLowerCase(java.util.Locale.ROOT);
            boolean on = List.of("true", "on", "yes", "1", "t", "y").contains(value);
            switch (key) {
                case "check_option": check = value; break;
                case "security_barrier": barrier = on; break;
                case "security_invoker": invoker = on; break;
                default: break;
            }
        }
        return View.options(check, barrier, invoker);
    }

    /** When a key or constraint is checked, where not at each statement ({@link PrimaryKey#options()}, {@link Index#options()}). */
    static String deferral(boolean deferrable, boolean deferred) {
        return !deferrable ? null : deferred ? "deferrable initially deferred" : "deferrable";
    }

    /** {@link ForeignKey#options()} from the constraint's flags; null for the defaults. */
    static String foreignKeyOptions(boolean matchFull, boolean deferrable, boolean deferred, boolean valid, boolean triggerDisabled) {
        List<String> words = new ArrayList<>();
        if (matchFull) {
            words.add("match full");
        }
        String checked = deferral(deferrable, deferred);
        if (checked != null) {
            words.add(checked);
        }
        if (!valid) {
            words.add("not valid");
        }
        if (triggerDisabled) {
            words.add(ForeignKey.NOT_ENFORCED);
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }

    /** {@code pg_trigger.tgenabled} or {@code pg_rewrite.ev_enabled} as {@link Trigger#firing()}: {@code O}, the default, is null. */
    static String firing(String tgenabled) {
        switch (tgenabled == null ? "O" : tgenabled) {
            case "D": return Trigger.DISABLED;
            case "R": return Trigger.REPLICA;
            case "A": return Trigger.ALWAYS;
            default: return null;
        }
    }

    private List<Routine> routines(Connection c, String schema) throws SQLException {
        List<Routine> out = new ArrayList<>();
        try (ResultSet rs = query(c, "select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
                + " p.prokind, pg_get_functiondef(p.oid) from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
                + " where n.nspname = ? and p.prokind in ('f','p') and not exists (select 1 from pg_depend d"
                + "   where d.objid = p.oid and d.deptype = 'e')", schema)) {
            while (rs.next()) {
                String def = CatalogText.tidy(rs.getString(3));
                // pg_get_functiondef always qualifies the name in the first line
                int eol = def.indexOf('\n');
                String head = eol < 0 ? def : def.substring(0, eol);
                String qualified = quoteIdent(schema) + ".";
                head = head.replace(qualified, "");
                def = eol < 0 ? head : head + def.substring(eol);
                out.add(new Routine(rs.getString(1), rs.getString(2).equals("p") ? "procedure" : "function", def));
            }
        }
        return out;
    }

    /** The schema's enum types, domains and standalone composite types, and the extensions installed in it. */
    private record Types(List<EnumType> enums, List<Domain> domains, List<CompositeType> composites, List<String> extensions) {
        Types(List<EnumType> enums, List<Domain> domains, List<CompositeType> composites) {
            this(enums, domains, composites, List.of());
        }
    }

    /**
     * Enum types (with their labels) and whether the schema has a domain, in one query; then, only where it has a domain
     * or a standalone composite type ({@code composites}, from the first query's pg_class rows), their definitions in a
     * second ({@link #domainsAndComposites}). Most schemas have neither: that query (a union with lookups of checks,
     * collations and extensions) cost 2 ms at 1,000 tables against 0.3 for the enums alone, and asking for the
     * domains' names costs the enums' query 0.3 ms more.
     */
    private Types types(Connection c, String schema, boolean composites, List<String> extensionObjects) throws SQLException {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        List<String> extensions = new ArrayList<>();
        boolean domains = false;
        try (ResultSet rs = query(c, "select t.typname, e.enumlabel::text, e.enumsortorder::float8,"
                + EXTENSIONS_OWN.formatted("t.oid", "pg_type") + " from pg_type t"
                + " join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace where n.nspname = ?"
                + " union all select t.typname, null, 0, false from pg_type t where t.typtype = 'd'"
                + " and t.typnamespace = (select n.oid from pg_namespace n where n.nspname = ?)"
                // the extensions installed in the schema, in the same round trip
                + " union all select x.extname, null, -1, false from pg_extension x"
                + " where x.extnamespace = (select n.oid from pg_namespace n where n.nspname = ?)"
                + " order by 1, 3", schema, schema, schema)) {
            while (rs.next()) {
                if (rs.getString(2) == null && rs.getDouble(3) < 0) {
                    extensions.add(rs.getString(1));
                } else if (rs.getString(2) == null) {
                    domains = true;
                } else {
                    labels.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    if (rs.getBoolean(4) && !extensionObjects.contains(rs.getString(1))) {
                        extensionObjects.add(rs.getString(1));
                    }
                }
            }
        }
        List<EnumType> enums = new ArrayList<>();
        labels.forEach((name, l) -> enums.add(new EnumType(name, l)));
        if (!domains && !composites) {
            return new Types(enums, List.of(), List.of(), extensions);
        }
        Types defined = domainsAndComposites(c, schema);
        return new Types(enums, defined.domains(), defined.composites(), extensions);
    }

    /**
     * Domains (with their checks) and standalone composite types (with their attributes) in one query, a row per check or
     * attribute in order; a domain or composite type an extension made is the extension's. No enums.
     */
    private Types domainsAndComposites(Connection c, String schema) throws SQLException {
        String notExtensions = " and not" + EXTENSIONS_OWN.formatted("t.oid", "pg_type");
        String collation = "(select co.collname from pg_collation co where co.oid = %s)";
        Map<String, Domain> domains = new LinkedHashMap<>();
        Map<String, List<Column>> composites = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "with ns as (select oid from pg_namespace where nspname = ?)"
                + " select 'd', t.typname, 0, con.conname, pg_get_constraintdef(con.oid, true),"
                + " format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
                + " case when t.typcollation <> b.typcollation then " + collation.formatted("t.typcollation") + " end"
                + " from pg_type t join pg_type b on b.oid = t.typbasetype"
                + " left join pg_constraint con on con.contypid = t.oid and con.contype = 'c'"
                + " where t.typnamespace = (select oid from ns) and t.typtype = 'd'" + notExtensions
                + " union all select 'c', t.typname, a.attnum, a.attname, null, format_type(a.atttypid, a.atttypmod), false, null,"
                + " case when a.attcollation <> at.typcollation then " + collation.formatted("a.attcollation") + " end"
                + " from pg_type t join pg_class r on r.oid = t.typrelid and r.relkind = 'c'"
                + " join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped"
                + " join pg_type at on at.oid = a.atttypid"
                + " where t.typnamespace = (select oid from ns) and t.typtype = 'c'" + notExtensions
                + " order by 1, 2, 3, 4", schema)) {
            while (rs.next()) {
                String name = rs.getString(2);
                if (rs.getString(1).equals("d")) {
                    Domain d = domains.get(name);
                    List<Check> checks = new ArrayList<>(d == null ? List.of() : d.checks());
                    if (rs.getString(4) != null) {
                        checks.add(new Check(rs.getString(4), checkExpression(rs.getString(5))));
                    }
                    domains.put(name, new Domain(name, type(rs.getString(6)), !rs.getBoolean(7), rs.getString(8),
                            rs.getString(9), checks));
                } else {
                    composites.computeIfAbsent(name, k -> new ArrayList<>()).add(new Column(rs.getString(4),
                            type(rs.getString(6)), true, null, null, null, rs.getString(9)));
                }
            }
        }
        List<CompositeType> types = new ArrayList<>();
        composites.forEach((name, attributes) -> types.add(new CompositeType(name, attributes)));
        return new Types(List.of(), new ArrayList<>(domains.values()), types);
    }

    /** PostgreSQL's spelling of a type to the canonical one. */
    static String type(String pg) {
        String t = pg.toLowerCase(Locale.ROOT);
        String suffix = "";
        while (t.endsWith("[]")) {
            suffix += "[]";
            t = t.substring(0, t.length() - 2);
        }
        t = t.replaceFirst("^character varying", "varchar")
                .replaceFirst("^character\\b", "char")
                .replaceFirst("^bit varying", "varbit")
                .replaceFirst("^double precision$", "double")
                .replaceFirst("^bytea$", "blob");
        Matcher ts = Pattern.compile("^(timestamp|time)(\\(\\d+\\))? with(out)? time zone$").matcher(t);
        if (ts.matches()) {
            t = ts.group(1) + (ts.group(3) == null ? "tz" : "") + (ts.group(2) == null ? "" : ts.group(2));
        }
        return t + suffix;
    }

    private static String action(String code) {
        switch (code) {
            case "r": return "RESTRICT";
            case "c": return "CASCADE";
            case "n": return "SET NULL";
            case "d": return "SET DEFAULT";
            default: return "NO ACTION";
        }
    }

    static String quoteIdent(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static ResultSet query(Connection c, String sql, String... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        ps.setFetchSize(FETCH);
        for (int i = 0; i < parameters.length; i++) {
            ps.setString(i + 1, parameters[i]);
        }
        return ps.executeQuery();
    }
}
