package dev.dbshift.db.postgres;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the built-in dump of a PostgreSQL schema carries beside the model, as pg_dump does: its collations, which its
 * columns name (the extensions installed in the schema are the model's, made first without {@code WITH SCHEMA}, so
 * they land in the schema the dump is loaded into); the
 * comments on its tables, views, sequences, indexes, columns, functions, types, constraints and triggers (an
 * extension's own objects keep the extension's comments); a unique constraint as a constraint (the model holds it as
 * its index), a partitioned table's made so while it is empty; storage parameters, statistics targets and sequence
 * caches; with the rows, each sequence's value; and each table's own rows, not its children's (a table's parents are
 * the schema model's, so the dump links them as the model says).
 */
final class PostgresDumpExtras implements JdbcSchemaDump.Extras {

    @Override
    public List<String> before(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        return collations(c, request.schema(), writer);
    }

    /**
     * The schema's own collations, which its columns name ({@code COLLATE ci}) and the model keeps only by name: without
     * them the load failed ("collation ci for encoding UTF8 does not exist"). Read through {@code to_jsonb}, as the
     * column holding an ICU locale is {@code colliculocale} before PostgreSQL 17 and {@code colllocale} from it.
     */
    private static List<String> collations(Connection c, String schema, DdlWriter writer) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(c, "select k.collname, k.collprovider::text, k.collisdeterministic::text, k.collcollate,"
                + " k.collctype, coalesce(to_jsonb(k) ->> 'colllocale', to_jsonb(k) ->> 'colliculocale'), to_jsonb(k) ->> 'collicurules'"
                + " from pg_collation k join pg_namespace n on n.oid = k.collnamespace where n.nspname = ?"
                + " and not" + PostgresSchemaReader.EXTENSIONS_OWN.formatted("k.oid", "pg_collation") + " order by 1", schema)) {
            List<String> options = new ArrayList<>();
            switch (r[1]) {
                case "i" -> {
                    options.add("provider = icu");
                    options.add("locale = " + writer.literal(r[5]));
                    if (r[6] != null) {
                        options.add("rules = " + writer.literal(r[6]));
                    }
                }
                case "b" -> {
                    options.add("provider = builtin");
                    options.add("locale = " + writer.literal(r[5]));
                }
                default -> {
                    options.add("provider = libc");
                    options.add("lc_collate = " + writer.literal(r[3]));
                    options.add("lc_ctype = " + writer.literal(r[4]));
                }
            }
            if ("false".equals(r[2])) {
                options.add("deterministic = false");
            }
            out.add("CREATE COLLATION " + writer.quote(r[0]) + " (" + String.join(", ", options) + ")");
        }
        return out;
    }

    /**
     * Leaves out a relation ({@code %s}: its oid) an extension made, or an index of one: {@code CREATE EXTENSION} makes it
     * as it is ({@link dev.dbshift.schema.SchemaModel#extensionObjects()}).
     */
    private static final String NOT_AN_EXTENSIONS = " and not" + PostgresSchemaReader.EXTENSIONS_OWN.formatted("%s", "pg_class");

    /** A table's own rows: without ONLY, a parent's rows held its children's too, and a restore had them twice. */
    @Override
    public String rowsOf(String table) {
        return "ONLY " + table;
    }

    /**
     * The rows of an extension's tables that {@code pg_extension_config_dump} says are the database's, with the condition
     * the extension gave, as pg_dump dumps them: a user's coordinate systems in PostGIS's {@code spatial_ref_sys} were
     * lost, and with them every geometry's meaning that named one.
     */
    @Override
    public Map<String, String> extensionRows(Connection c, SchemaDump.Request request) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] r : CatalogQuery.rows(c, "select t.relname, coalesce(x.cond, '') from pg_extension e"
                + " cross join unnest(e.extconfig, e.extcondition) as x(oid, cond) join pg_class t on t.oid = x.oid"
                + " join pg_namespace n on n.oid = t.relnamespace where n.nspname = ? and t.relkind in ('r', 'p') order by 1",
                request.schema())) {
            out.put(r[0], r[1]);
        }
        return out;
    }

    /** The extensions installed in {@code schema}, which pg_dump leaves out of a dump of the schema unless named. */
    static List<String> extensions(Connection c, String schema) throws SQLException {
        return CatalogQuery.column(c, "select e.extname from pg_extension e join pg_namespace n on n.oid = e.extnamespace"
                + " where n.nspname = ? order by 1", schema);
    }

    /**
     * While the tables are empty: a partitioned table's unique constraint, made again as a constraint
     * ({@code ADD CONSTRAINT ... USING INDEX}, which {@link #after} turns a plain table's index into one with, is refused
     * on a partitioned table, whose index, and its partitions', gives way to the constraint, which makes them again).
     */
    @Override
    public List<String> tables(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(c, "select r.relname, con.conname, pg_get_constraintdef(con.oid) from pg_constraint con"
                + " join pg_class r on r.oid = con.conrelid join pg_namespace n on n.oid = r.relnamespace where n.nspname = ?"
                + " and con.contype = 'u' and not con.condeferrable and con.conparentid = 0 and r.relkind = 'p'"
                + NOT_AN_EXTENSIONS.formatted("r.oid") + " order by 1, 2",
                request.schema())) {
            out.add("DROP INDEX " + writer.quote(r[1]));
            out.add("ALTER TABLE " + writer.quote(r[0]) + " ADD CONSTRAINT " + writer.quote(r[1]) + " " + r[2]);
        }
        return out;
    }

    @Override
    public List<String> after(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        String notAnExtensions = " and not exists (select 1 from pg_depend x where x.classid = d.classoid and x.objid = d.objoid"
                + " and x.deptype = 'e')";
        List<String> out = new ArrayList<>();
        // a unique constraint, which the model holds as the unique index it is checked by (the rows a table accepts are
        // the same), is a constraint again: a later migration's DROP CONSTRAINT, or ON CONFLICT ON CONSTRAINT, names it
        for (String[] r : CatalogQuery.rows(c, "select r.relname, con.conname from pg_constraint con join pg_class r on r.oid = con.conrelid"
                + " join pg_namespace n on n.oid = r.relnamespace where n.nspname = ? and con.contype = 'u'"
                + " and not con.condeferrable and con.conparentid = 0 and r.relkind = 'r'" + NOT_AN_EXTENSIONS.formatted("r.oid")
                + " order by 1, 2", schema)) {
            out.add("ALTER TABLE " + writer.quote(r[0]) + " ADD CONSTRAINT " + writer.quote(r[1]) + " UNIQUE USING INDEX "
                    + writer.quote(r[1]));
        }
        // a DBA's tuning, which changes no result: storage parameters (fillfactor, autovacuum_*), a column's statistics
        // target, a sequence's cache
        for (String[] r : CatalogQuery.rows(c, "select case c.relkind when 'i' then 'INDEX' when 'm' then 'MATERIALIZED VIEW' else 'TABLE' end,"
                + " c.relname, array_to_string(c.reloptions, ', ') from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relkind in ('r', 'm', 'i') and c.reloptions is not null"
                + NOT_AN_EXTENSIONS.formatted("coalesce((select i.indrelid from pg_index i where i.indexrelid = c.oid), c.oid)")
                + " order by 2", schema)) {
            out.add("ALTER " + r[0] + " " + writer.quote(r[1]) + " SET (" + r[2] + ")");
        }
        for (String[] r : CatalogQuery.rows(c, "select c.relname, a.attname, a.attstattarget from pg_attribute a join pg_class c"
                + " on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = ?"
                + " and c.relkind in ('r', 'p', 'm') and a.attnum > 0 and not a.attisdropped and a.attstattarget >= 0"
                + NOT_AN_EXTENSIONS.formatted("c.oid") + " order by 1, a.attnum", schema)) {
            out.add("ALTER TABLE " + writer.quote(r[0]) + " ALTER COLUMN " + writer.quote(r[1]) + " SET STATISTICS " + r[2]);
        }
        for (String[] r : CatalogQuery.rows(c, "select sequencename, cache_size from pg_sequences where schemaname = ? and cache_size > 1"
                + " order by 1", schema)) {
            out.add("ALTER SEQUENCE " + writer.quote(r[0]) + " CACHE " + r[1]);
        }
        // relations other than tables, and their columns (a table's comments and its columns' are the schema model's)
        for (String[] r : CatalogQuery.rows(c, "select case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW'"
                + " when 'S' then 'SEQUENCE' when 'i' then 'INDEX' when 'I' then 'INDEX' when 'f' then 'FOREIGN TABLE'"
                + " else 'TABLE' end, c.relname, a.attname, d.description from pg_description d"
                + " join pg_class c on d.classoid = 'pg_class'::regclass and c.oid = d.objoid"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid and d.objsubid > 0"
                + " where n.nspname = ? and c.relkind in ('v', 'm', 'S', 'i', 'I', 'f')" + notAnExtensions
                + " order by c.relname, d.objsubid", schema)) {
            out.add(r[2] == null ? "COMMENT ON " + r[0] + " " + writer.quote(r[1]) + " IS " + writer.literal(r[3])
                    : "COMMENT ON COLUMN " + writer.quote(r[1]) + "." + writer.quote(r[2]) + " IS " + writer.literal(r[3]));
        }
        // functions and procedures, by their argument types
        for (String[] r : CatalogQuery.rows(c, "select case p.prokind when 'p' then 'PROCEDURE' else 'FUNCTION' end, p.proname,"
                + " pg_get_function_identity_arguments(p.oid), d.description from pg_description d"
                + " join pg_proc p on d.classoid = 'pg_proc'::regclass and p.oid = d.objoid"
                + " join pg_namespace n on n.oid = p.pronamespace where n.nspname = ? and p.prokind in ('f', 'p')"
                + notAnExtensions + " order by p.proname, 3", schema)) {
            out.add("COMMENT ON " + r[0] + " " + writer.quote(r[1]) + "(" + r[2] + ") IS " + writer.literal(r[3]));
        }
        // types and domains
        for (String[] r : CatalogQuery.rows(c, "select case t.typtype when 'd' then 'DOMAIN' else 'TYPE' end, t.typname, d.description"
                + " from pg_description d join pg_type t on d.classoid = 'pg_type'::regclass and t.oid = d.objoid"
                + " join pg_namespace n on n.oid = t.typnamespace where n.nspname = ?" + notAnExtensions
                + " order by t.typname", schema)) {
            out.add("COMMENT ON " + r[0] + " " + writer.quote(r[1]) + " IS " + writer.literal(r[2]));
        }
        // constraints of tables and of domains
        for (String[] r : CatalogQuery.rows(c, "select k.conname, coalesce(rel.relname, typ.typname), case when k.conrelid = 0 then"
                + " 'DOMAIN ' else '' end, d.description from pg_description d"
                + " join pg_constraint k on d.classoid = 'pg_constraint'::regclass and k.oid = d.objoid"
                + " join pg_namespace n on n.oid = k.connamespace left join pg_class rel on rel.oid = k.conrelid"
                + " left join pg_type typ on typ.oid = k.contypid where n.nspname = ?" + notAnExtensions
                + " order by 2, 1", schema)) {
            out.add("COMMENT ON CONSTRAINT " + writer.quote(r[0]) + " ON " + r[2] + writer.quote(r[1]) + " IS "
                    + writer.literal(r[3]));
        }
        // triggers
        for (String[] r : CatalogQuery.rows(c, "select g.tgname, rel.relname, d.description from pg_description d"
                + " join pg_trigger g on d.classoid = 'pg_trigger'::regclass and g.oid = d.objoid"
                + " join pg_class rel on rel.oid = g.tgrelid join pg_namespace n on n.oid = rel.relnamespace"
                + " where n.nspname = ? and not g.tgisinternal order by 2, 1", schema)) {
            out.add("COMMENT ON TRIGGER " + writer.quote(r[0]) + " ON " + writer.quote(r[1]) + " IS " + writer.literal(r[2]));
        }
        return out;
    }

    /**
     * Each sequence as it stands, as pg_dump sets it: an identity's by its column (its sequence's name is the
     * server's to choose), the others by name; one never used starts again. A sequence the user may not read is left as
     * the dump made it.
     */
    @Override
    public List<String> counters(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        List<String> out = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(c, "select s.sequencename, s.last_value, s.increment_by, t.relname, a.attname"
                + " from pg_sequences s join pg_class q on q.relname = s.sequencename"
                + " join pg_namespace n on n.oid = q.relnamespace and n.nspname = s.schemaname"
                + " left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = q.oid and d.deptype = 'i'"
                + " left join pg_class t on t.oid = d.refobjid left join pg_attribute a on a.attrelid = d.refobjid"
                + " and a.attnum = d.refobjsubid where s.schemaname = ?"
                + " and (has_sequence_privilege(q.oid, 'SELECT') or has_sequence_privilege(q.oid, 'USAGE'))"
                + " order by s.sequencename", schema)) {
            String identity = r[3] == null ? null : "ALTER TABLE " + writer.quote(r[3]) + " ALTER COLUMN " + writer.quote(r[4]);
            if (r[1] == null) {
                out.add(identity != null ? identity + " RESTART" : "ALTER SEQUENCE " + writer.quote(r[0]) + " RESTART");
            } else if (identity != null) {
                out.add(identity + " RESTART WITH " + (new java.math.BigInteger(r[1]).add(new java.math.BigInteger(r[2]))));
            } else {
                out.add("SELECT setval(" + writer.literal(writer.quote(r[0])) + ", " + r[1] + ", true)");
            }
        }
        return out;
    }
}
