package dev.dbshift.db.postgres.online;

import dev.dbshift.online.AlterSpec;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What refers to the table and must follow it across the swap: foreign keys out of it, foreign
 * keys of other tables into it, and the views over it (and over those views). PostgreSQL binds all
 * of them to the table's object id, not its name, so after the renames they would still point at
 * {@code _t_old}.
 *
 * <p>Everything is read by {@link #read} inside the swap transaction <em>before</em> the renames,
 * with the search path set to the table's schema, so each definition names the table as {@code t}
 * (pg_get_constraintdef, pg_get_viewdef qualify only what the search path does not show); once
 * the renames are done, that name means the new table, and {@link #rebuild} recreates them from
 * the same text in the same transaction. Foreign keys come back {@code NOT VALID} (no scan under
 * the swap's ACCESS EXCLUSIVE lock) and marked by a comment on the constraint; {@link #validate}
 * runs after the swap ({@code VALIDATE CONSTRAINT} takes SHARE UPDATE EXCLUSIVE: no writer waits)
 * and finds the constraints to validate by that mark, so a run killed between the swap and the end
 * of validation validates the rest on resume. A constraint that was NOT VALID before stays so.
 *
 * <p>Views are dropped (dependents first) and created again (the view's column types may change,
 * which {@code CREATE OR REPLACE VIEW} refuses) with their options (security_barrier, check
 * option...), owner, comment and grants, and what dropping a view drops with it (its columns' comments and defaults,
 * its rules and triggers). Whether each definition, rule and trigger still holds over the new shape is
 * tried in preflight ({@link #refusal}) on a copy of the changed table in a scratch schema that
 * the rolled-back transaction removes again.
 */
final class PgDependents {

    static final String MARK = "dbshift: validate after the swap";

    /** A foreign key to recreate: the table it is on, its name, its definition, its comment. */
    record ForeignKey(String table, boolean out, String name, String definition, boolean valid, String comment) {
    }

    /**
     * A view to recreate, in creation order, with what is made on it after it ({@code after}: its columns' comments and
     * defaults, its rules and triggers and theirs comments, each a statement as the catalog gives it).
     */
    record View(String name, String qualified, String definition, String options, String owner, String comment,
                List<String> grants, List<String> after) {
    }

    record Found(List<ForeignKey> keys, List<View> views) {
    }

    private PgDependents() {
    }

    /** Reads what refers to the table, with the search path set to its schema (in the caller's transaction). */
    static Found read(Connection c, OnlineNames names) throws SQLException {
        PgSql.execute(c, "SET LOCAL search_path = " + PgSql.quote(names.schema()));
        List<ForeignKey> keys = new ArrayList<>();
        for (List<Object> r : PgSql.rows(c, new PgSql.Sql("SELECT k.conrelid::regclass::text, (k.conrelid = " + PgInspector.REL
                + ")::text, quote_ident(k.conname), pg_get_constraintdef(k.oid), k.convalidated::text,"
                + " obj_description(k.oid, 'pg_constraint') FROM pg_constraint k WHERE k.contype = 'f' AND (k.conrelid = "
                + PgInspector.REL + " OR k.confrelid = " + PgInspector.REL + ") ORDER BY 1, 3",
                List.of(names.schema(), names.table(), names.schema(), names.table(), names.schema(), names.table())), 6)) {
            keys.add(new ForeignKey((String) r.get(0), "true".equals(r.get(1)), (String) r.get(2), (String) r.get(3),
                    "true".equals(r.get(4)), (String) r.get(5)));
        }
        List<View> views = new ArrayList<>();
        for (List<Object> r : PgSql.rows(c, new PgSql.Sql(VIEWS + " SELECT v.oid::regclass::text, pg_get_viewdef(v.oid),"
                + " v.relnamespace::regnamespace::text || '.' || quote_ident(v.relname),"
                + " coalesce(array_to_string(v.reloptions, ', '), ''), quote_ident(pg_get_userbyid(v.relowner)),"
                + " obj_description(v.oid, 'pg_class'), coalesce((SELECT string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC'"
                + " ELSE quote_ident(pg_get_userbyid(a.grantee)) END || ' ' || a.privilege_type"
                + " || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, E'\\n')"
                + " FROM aclexplode(v.relacl) a WHERE a.grantee <> v.relowner), '')"
                + " FROM deps d JOIN pg_class v ON v.oid = d.oid GROUP BY v.oid ORDER BY max(d.depth), 1",
                List.of(names.schema(), names.table())), 7)) {
            String grants = (String) r.get(6);
            views.add(new View((String) r.get(0), (String) r.get(2), (String) r.get(1), (String) r.get(3), (String) r.get(4),
                    (String) r.get(5), grants.isEmpty() ? List.of() : List.of(grants.split("\n")), new ArrayList<>()));
        }
        if (!views.isEmpty()) {
            java.util.Map<String, View> byName = new java.util.HashMap<>();
            views.forEach(v -> byName.put(v.name(), v));
            for (List<Object> r : PgSql.rows(c, new PgSql.Sql(VIEWS + VIEW_EXTRAS, List.of(names.schema(), names.table())), 2)) {
                byName.get((String) r.get(0)).after().add((String) r.get(1));
            }
        }
        return new Found(keys, views);
    }

    /**
     * What dropping a view drops with it and the view's own definition does not say, as statements that make each again:
     * its columns' comments and defaults ({@code ALTER VIEW ... SET DEFAULT}, which an INSERT through the view takes), its
     * rules and its triggers ({@code INSTEAD OF}, which make a view over a join writable), each with its comment, and a
     * disabled trigger disabled again. Before, an online change of a table under such a view left the view without them
     * where the plain ALTER keeps them: the application's INSERT through it failed.
     */
    private static final String VIEW_EXTRAS = " SELECT v.oid::regclass::text, x.s FROM (SELECT DISTINCT oid FROM deps) d"
            + " JOIN pg_class v ON v.oid = d.oid CROSS JOIN LATERAL (SELECT v.relnamespace::regnamespace::text"
            + " || '.' || quote_ident(v.relname) AS q) o CROSS JOIN LATERAL ("
            + " SELECT 1 AS k, a.attnum AS n, format('ALTER VIEW %s ALTER COLUMN %I SET DEFAULT %s', o.q, a.attname,"
            + " pg_get_expr(ad.adbin, ad.adrelid)) AS s FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid"
            + " AND a.attnum = ad.adnum WHERE ad.adrelid = v.oid"
            + " UNION ALL SELECT 2, a.attnum, format('COMMENT ON COLUMN %s.%I IS %L', o.q, a.attname,"
            + " col_description(v.oid, a.attnum)) FROM pg_attribute a WHERE a.attrelid = v.oid AND a.attnum > 0"
            + " AND col_description(v.oid, a.attnum) IS NOT NULL"
            + " UNION ALL SELECT 3, 0, pg_get_ruledef(r.oid) FROM pg_rewrite r WHERE r.ev_class = v.oid AND r.rulename <> '_RETURN'"
            + " UNION ALL SELECT 4, 0, format('COMMENT ON RULE %I ON %s IS %L', r.rulename, o.q,"
            + " obj_description(r.oid, 'pg_rewrite')) FROM pg_rewrite r WHERE r.ev_class = v.oid AND r.rulename <> '_RETURN'"
            + " AND obj_description(r.oid, 'pg_rewrite') IS NOT NULL"
            + " UNION ALL SELECT 5, 0, pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE t.tgrelid = v.oid AND NOT t.tgisinternal"
            + " UNION ALL SELECT 6, 0, format('COMMENT ON TRIGGER %I ON %s IS %L', t.tgname, o.q,"
            + " obj_description(t.oid, 'pg_trigger')) FROM pg_trigger t WHERE t.tgrelid = v.oid AND NOT t.tgisinternal"
            + " AND obj_description(t.oid, 'pg_trigger') IS NOT NULL"
            + " UNION ALL SELECT 7, 0, format('ALTER TABLE %s %s TRIGGER %I', o.q, CASE t.tgenabled WHEN 'D'"
            + " THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' ELSE 'ENABLE ALWAYS' END, t.tgname) FROM pg_trigger t"
            + " WHERE t.tgrelid = v.oid AND NOT t.tgisinternal AND t.tgenabled <> 'O') x ORDER BY 1, x.k, x.n, x.s";

    /** True when {@code key} is one of the table's own foreign keys and one of {@code clauses} drops it. */
    static boolean drops(List<String> clauses, ForeignKey key) {
        String name = PgSql.unquote(key.name()); // quote_ident's: quoted where it must be, else lower case already
        return key.out() && clauses.stream().anyMatch(clause -> dropsConstraint(clause, name));
    }

    /**
     * The clauses that can run on a copy of the table made by LIKE, which has no foreign keys: all but those that drop
     * one of the table's own (the swap leaves them with the old table instead).
     */
    static List<String> forCopy(Connection c, OnlineNames names, List<String> clauses) throws SQLException {
        List<String> keys = PgSql.strings(c, "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = "
                + PgInspector.REL, names.schema(), names.table());
        return clauses.stream().filter(clause -> keys.stream().noneMatch(k -> dropsConstraint(clause, k))).toList();
    }

    /** True when {@code clause} is {@code DROP CONSTRAINT [IF EXISTS] name} ({@code name} as PostgreSQL stores it). */
    static boolean dropsConstraint(String clause, String name) {
        List<String> w = AlterSpec.words(clause);
        if (w.size() < 3 || !w.get(0).equalsIgnoreCase("DROP") || !w.get(1).equalsIgnoreCase("CONSTRAINT")) {
            return false;
        }
        int i = w.size() > 4 && w.get(2).equalsIgnoreCase("IF") && w.get(3).equalsIgnoreCase("EXISTS") ? 4 : 2;
        return PgSql.unquote(w.get(i)).equals(name);
    }

    /** The views over the table and over those views, with their depth (1: directly over the table). */
    private static final String VIEWS = "WITH RECURSIVE deps(oid, depth) AS (SELECT r.ev_class, 1 FROM pg_depend d"
            + " JOIN pg_rewrite r ON r.oid = d.objid WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = " + PgInspector.REL
            + " AND r.ev_class <> d.refobjid UNION SELECT r.ev_class, deps.depth + 1 FROM deps JOIN pg_depend d"
            + " ON d.refobjid = deps.oid AND d.classid = 'pg_rewrite'::regclass JOIN pg_rewrite r ON r.oid = d.objid"
            + " WHERE r.ev_class <> deps.oid AND deps.depth < 50)";

    /** Drops the views (the deepest first) before the renames. */
    static void dropViews(Connection c, Found found) throws SQLException {
        for (int i = found.views().size() - 1; i >= 0; i--) {
            PgSql.execute(c, "DROP VIEW " + found.views().get(i).name());
        }
    }

    /**
     * After the renames: the foreign keys against the new table (NOT VALID, marked), but those of its own that
     * {@code clauses} drop, which go with the old table; the views again.
     */
    static void rebuild(Connection c, OnlineNames names, Found found, List<String> clauses) throws SQLException {
        String table = PgSql.qualified(names.schema(), names.table());
        for (ForeignKey k : found.keys()) {
            if (drops(clauses, k)) {
                continue;
            }
            String on = k.out() ? table : k.table();
            if (!k.out()) {
                PgSql.execute(c, "ALTER TABLE " + on + " DROP CONSTRAINT " + k.name());
            }
            PgSql.execute(c, "ALTER TABLE " + on + " ADD CONSTRAINT " + k.name() + " " + k.definition()
                    + (k.valid() ? " NOT VALID" : ""));
            String comment = k.valid() ? MARK + (k.comment() == null ? "" : "\n" + k.comment()) : k.comment();
            if (comment != null) {
                PgSql.execute(c, "COMMENT ON CONSTRAINT " + k.name() + " ON " + on + " IS " + PgSql.literal(comment));
            }
        }
        for (View v : found.views()) {
            create(c, v.name(), v);
            for (String statement : v.after()) {
                PgSql.execute(c, statement);
            }
            PgSql.execute(c, "ALTER VIEW " + v.name() + " OWNER TO " + v.owner());
            if (v.comment() != null) {
                PgSql.execute(c, "COMMENT ON VIEW " + v.name() + " IS " + PgSql.literal(v.comment()));
            }
            for (String grant : v.grants()) {
                int space = grant.indexOf(' ');
                String rest = grant.substring(space + 1);
                String privilege = rest.endsWith(" WITH GRANT OPTION") ? rest.substring(0, rest.length() - 18) : rest;
                PgSql.execute(c, "GRANT " + privilege + " ON " + v.name() + " TO " + grant.substring(0, space)
                        + (rest.equals(privilege) ? "" : " WITH GRANT OPTION"));
            }
        }
    }

    private static void create(Connection c, String name, View v) throws SQLException {
        String definition = v.definition().strip();
        if (definition.endsWith(";")) {
            definition = definition.substring(0, definition.length() - 1);
        }
        PgSql.execute(c, "CREATE VIEW " + name + (v.options().isEmpty() ? "" : " WITH (" + v.options() + ")") + " AS " + definition);
    }

    /**
     * After the swap: {@code VALIDATE CONSTRAINT} for each foreign key the swap added NOT VALID (by its
     * mark), then its own comment back. Each is its own statement: a run killed in between validates
     * the rest on resume.
     */
    static void validate(Connection c, OnlineNames names, PgDdl ddl) throws SQLException {
        for (List<Object> k : PgSql.rows(c, new PgSql.Sql("SELECT k.conrelid::regclass::text, quote_ident(k.conname),"
                + " obj_description(k.oid, 'pg_constraint') FROM pg_constraint k WHERE k.contype = 'f' AND (k.conrelid = "
                + PgInspector.REL + " OR k.confrelid = " + PgInspector.REL + ") AND obj_description(k.oid, 'pg_constraint') LIKE ?"
                + " ORDER BY 1, 2", List.of(names.schema(), names.table(), names.schema(), names.table(), MARK + "%")), 3)) {
            String on = (String) k.get(0);
            String name = (String) k.get(1);
            String comment = ((String) k.get(2)).substring(MARK.length());
            ddl.transaction(c, () -> {
                PgSql.execute(c, "ALTER TABLE " + on + " VALIDATE CONSTRAINT " + name);
                PgSql.execute(c, "COMMENT ON CONSTRAINT " + name + " ON " + on + " IS "
                        + (comment.isEmpty() ? "NULL" : PgSql.literal(comment.substring(1))));
            });
        }
    }

    /**
     * Why a view over the table cannot be carried across the change, naming it: each view is created
     * again, in a scratch schema placed first on the search path, over a copy of the table with the
     * change applied; the transaction is rolled back, leaving nothing behind.
     */
    static void refusal(Connection c, OnlineNames names, AlterSpec spec) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        String scratch = OnlineNames.derived(names.table(), "views");
        scratch = scratch.substring(0, Math.min(63, scratch.length()));
        try {
            Found all = read(c, names);
            Found found = new Found(all.keys().stream().filter(k -> !drops(spec.clauses(), k)).toList(), all.views());
            // the swap adds each foreign key into the table again NOT VALID, which PostgreSQL before 18 refuses on a
            // partitioned table: the change failed at the swap, after the whole copy
            if (c.getMetaData().getDatabaseMajorVersion() < 18) {
                List<String> partitioned = PgSql.strings(c, "SELECT k.conrelid::regclass::text || '.' || quote_ident(k.conname)"
                        + " FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid WHERE k.contype = 'f' AND r.relkind = 'p'"
                        + " AND k.confrelid = " + PgInspector.REL + " ORDER BY 1", names.schema(), names.table());
                if (!partitioned.isEmpty()) {
                    throw OnlineException.refused("the foreign keys " + partitioned + " of partitioned tables reference "
                            + names.table() + ", which the swap cannot add again without checking every partition under its"
                            + " lock (PostgreSQL before 18 has no NOT VALID key on a partitioned table): change it with plain"
                            + " ALTER TABLE, or drop them first and re-add them after");
                }
            }
            if (found.views().isEmpty() && found.keys().isEmpty()) {
                return;
            }
            List<String> materialized = PgSql.strings(c, VIEWS + " SELECT DISTINCT d.oid::regclass::text FROM deps d"
                    + " JOIN pg_class v ON v.oid = d.oid WHERE v.relkind <> 'v' ORDER BY 1", names.schema(), names.table());
            if (!materialized.isEmpty()) {
                List<String> ruled = PgSql.strings(c, VIEWS + " SELECT DISTINCT d.oid::regclass::text FROM deps d"
                        + " JOIN pg_class v ON v.oid = d.oid WHERE v.relkind NOT IN ('v', 'm') ORDER BY 1", names.schema(), names.table());
                if (!ruled.isEmpty()) {
                    throw OnlineException.refused("rules on " + ruled + " read or write " + names.table() + " by its identity,"
                            + " and would act on the old table after the swap (drop them first, re-create them after)");
                }
                throw OnlineException.refused("the materialized views " + materialized + " over " + names.table()
                        + " would have to be refreshed in the swap (drop them first, re-create them after)");
            }
            PgSql.execute(c, "CREATE SCHEMA " + PgSql.quote(scratch));
            String copy = PgSql.qualified(scratch, names.table());
            PgSql.execute(c, "CREATE TABLE " + copy + " (LIKE " + PgSql.qualified(names.schema(), names.table()) + " INCLUDING ALL)");
            for (String clause : forCopy(c, names, spec.clauses())) {
                PgSql.execute(c, "ALTER TABLE " + copy + " " + clause);
            }
            List<String> keys = PgSql.strings(c, "SELECT k.conname FROM pg_constraint k WHERE k.contype = 'f' AND ("
                    + "(k.conrelid = " + PgInspector.REL + " AND EXISTS (SELECT 1 FROM unnest(k.conkey) n JOIN pg_attribute a"
                    + " ON a.attrelid = k.conrelid AND a.attnum = n WHERE NOT EXISTS (SELECT 1 FROM pg_attribute b WHERE"
                    + " b.attrelid = ?::regclass AND b.attname = a.attname AND NOT b.attisdropped)))"
                    + " OR (k.confrelid = " + PgInspector.REL + " AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE"
                    + " i.indrelid = ?::regclass AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL"
                    + " AND (SELECT array_agg(b.attname ORDER BY b.attname) FROM unnest(i.indkey) n JOIN pg_attribute b"
                    + " ON b.attrelid = i.indrelid AND b.attnum = n) = (SELECT array_agg(a.attname ORDER BY a.attname)"
                    + " FROM unnest(k.confkey) n JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = n))))"
                    + " ORDER BY 1", names.schema(), names.table(), copy, names.schema(), names.table(), copy);
            if (!keys.isEmpty()) {
                throw OnlineException.refused("the foreign keys " + keys + " of " + names.table() + " cannot be carried across"
                        + " the change: their columns, or the unique key they reference, are gone after it (drop them first,"
                        + " re-add them after)");
            }
            PgSql.execute(c, "SET LOCAL search_path = " + PgSql.quote(scratch) + ", " + PgSql.quote(names.schema()));
            for (View v : found.views()) {
                String bare = PgSql.strings(c, "SELECT relname FROM pg_class WHERE oid = ?::regclass", v.name()).get(0);
                try {
                    create(c, PgSql.qualified(scratch, bare), v);
                    // its rules and triggers on the scratch schema's: each statement names the view first, qualified
                    // (pg_get_ruledef and pg_get_triggerdef qualify it whatever the path)
                    for (String statement : v.after()) {
                        PgSql.execute(c, statement.replaceFirst(java.util.regex.Pattern.quote(v.qualified()),
                                java.util.regex.Matcher.quoteReplacement(PgSql.qualified(scratch, bare))));
                    }
                } catch (SQLException e) {
                    throw OnlineException.refused("the view " + v.name() + " over " + names.table()
                            + " cannot be carried across the change (drop it first, re-create it after): " + e.getMessage());
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }
}
