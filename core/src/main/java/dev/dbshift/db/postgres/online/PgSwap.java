package dev.dbshift.db.postgres.online;

import dev.dbshift.online.AlterSpec;
import dev.dbshift.online.ColumnMapping;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The swap, one transaction: both tables locked ACCESS EXCLUSIVE (the table first, as the
 * application's statements lock it), the identity sequences carried over, {@code t} renamed to
 * {@code _t_old} and {@code _t_new} to {@code t}, the sequences that {@code t}'s serial columns OWN
 * given to the new table (else dropping the old table would take them along), and the new table's
 * indexes (and so their constraints) given the old ones' names (every old index parked under a derived name first; an
 * index the change added that PostgreSQL named after the shadow, {@code _t_new_pkey}, named after the table as a
 * plain ALTER names it; an old index is matched over the columns the change renames under their new names), the
 * index CLUSTER uses marked again, the extended statistics given the old ones' names, the foreign keys into and out of
 * the table and the views over it recreated against the new table ({@link PgDependents}). DDL is transactional, so the
 * application sees either table, never neither.
 *
 * <p>The LOCK is requested under the lock timeout: waiting behind a long query, it would queue
 * every later reader and writer of the table; it gives up after the timeout instead, rolls back,
 * and is tried again after a pause with jitter, the sync trigger keeping the shadow current
 * meanwhile. Statements that queued behind the swap resolve the table's name again once they get
 * their lock, so they write to the new table.
 */
final class PgSwap {

    private final Connection connection;
    private final OnlineNames names;
    private final PgDdl ddl;
    /** The change: the foreign keys it drops are not carried to the new table. */
    private final AlterSpec spec;

    PgSwap(Connection connection, OnlineNames names, PgDdl ddl, AlterSpec spec) {
        this.connection = connection;
        this.names = names;
        this.ddl = ddl;
        this.spec = spec;
    }

    private String q(String table) {
        return PgSql.qualified(names.schema(), table);
    }

    int swap() throws SQLException {
        try {
            return ddl.transaction(connection, this::renames);
        } catch (SQLException e) {
            if (!PgSql.isLockConflict(e)) {
                throw e;
            }
            throw new OnlineException(OnlineException.FAILED, "the swap did not get its lock (each try waited "
                    + ddl.lockTimeout().toMillis() + " ms; a long transaction on " + names.table() + "?); the shadow stays in"
                    + " sync, run online resume to try again: " + e.getMessage(), e);
        }
    }

    private void renames() throws SQLException {
        PgSql.execute(connection, "LOCK TABLE " + q(names.table()) + ", " + q(names.shadow()) + " IN ACCESS EXCLUSIVE MODE");
        carryIdentity(connection, names.schema(), names.table(), names.shadow(),
                column -> ColumnMapping.sourceName(column, spec.renames(), spec.dropped()));
        List<List<Object>> owned = PgSql.rows(connection, new PgSql.Sql("SELECT s.oid::regclass::text, a.attname FROM pg_depend d"
                + " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_attribute a ON a.attrelid = d.refobjid"
                + " AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'a' AND d.refobjid = "
                + PgInspector.REL, List.of(names.schema(), names.table())), 2);
        PgDependents.Found dependents = PgDependents.read(connection, names);
        PgDependents.dropViews(connection, dependents);
        Map<String, String> oldIndexes = indexes(names.table());
        Map<String, String> newIndexes = indexes(names.shadow());
        List<String> clustered = PgSql.strings(connection, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indisclustered AND i.indrelid = " + PgInspector.REL, names.schema(), names.table());
        PgSql.execute(connection, "ALTER TABLE " + q(names.table()) + " RENAME TO " + PgSql.quote(names.old()));
        PgSql.execute(connection, "ALTER TABLE " + q(names.shadow()) + " RENAME TO " + PgSql.quote(names.table()));
        List<String> columns = PgSql.strings(connection, "SELECT attname FROM pg_attribute WHERE attnum > 0 AND NOT attisdropped"
                + " AND attrelid = " + PgInspector.REL, names.schema(), names.table());
        for (List<Object> o : owned) {
            String column = (String) o.get(1);
            PgSql.execute(connection, "ALTER SEQUENCE " + o.get(0) + " OWNED BY "
                    + (columns.contains(column) ? q(names.table()) + "." + PgSql.quote(column) : "NONE"));
        }
        List<String> shadowIndexes = new ArrayList<>(allIndexes(names.table())); // the new table's, under its name now
        for (String oldIndex : allIndexes(names.old())) {
            // every old index gives up its name, so that the new table's can take it, the same or not
            PgSql.execute(connection, "ALTER INDEX " + q(oldIndex) + " RENAME TO " + parked(oldIndex));
        }
        for (Map.Entry<String, String> e : oldIndexes.entrySet()) {
            String shadowIndex = newIndexes.get(e.getValue());
            // only a name PostgreSQL gave the shadow's index (LIKE's, or one the change added unnamed): a name the change
            // gave it (ADD CONSTRAINT x) is the one the plain ALTER leaves
            if (shadowIndex != null && shadowIndex.startsWith(names.shadow())) {
                PgSql.execute(connection, "ALTER INDEX " + q(shadowIndex) + " RENAME TO " + PgSql.quote(e.getKey()));
                shadowIndexes.remove(shadowIndex);
            }
        }
        for (String index : shadowIndexes) {
            // one the change made that PostgreSQL named after the shadow ("_t_new_pkey" for an ADD PRIMARY KEY, LIKE's
            // names): the name a plain ALTER gives it, unless another index has that
            if (index.startsWith(names.shadow())) {
                String plain = names.table() + index.substring(names.shadow().length());
                plain = plain.substring(0, Math.min(63, plain.length()));
                if (PgSql.strings(connection, "SELECT 1 FROM pg_class WHERE relnamespace = ?::regnamespace AND relname = ?",
                        PgSql.quote(names.schema()), plain).isEmpty()) {
                    PgSql.execute(connection, "ALTER INDEX " + q(index) + " RENAME TO " + PgSql.quote(plain));
                }
            }
        }
        sequenceNames();
        statisticsNames();
        for (String clause : PgShadowTable.defaultsAtSwap(spec.clauses())) {
            // the default set after the column was added: the copied rows have the one it was added with
            PgSql.execute(connection, "ALTER TABLE " + q(names.table()) + " " + clause);
        }
        if (!clustered.isEmpty() && allIndexes(names.table()).contains(clustered.get(0))) {
            // the index CLUSTER uses, as a plain ALTER keeps it marked (LIKE does not)
            PgSql.execute(connection, "ALTER TABLE " + q(names.table()) + " CLUSTER ON " + PgSql.quote(clustered.get(0)));
        }
        PgDependents.rebuild(connection, names, dependents, spec.clauses());
    }

    /**
     * The new table's extended statistics ({@code CREATE STATISTICS}), which {@code LIKE} made under names of its own
     * ({@code _t_new_a_b_stat}), take the names and schemas of the old table's of the same kinds over the same columns,
     * the old ones giving theirs up first: a plain ALTER keeps them, and a later migration's {@code DROP STATISTICS
     * t_ab} failed where the change had run online.
     */
    private void statisticsNames() throws SQLException {
        String stats = "SELECT s.stxnamespace::regnamespace::text || '.' || quote_ident(s.stxname), s.stxnamespace::regnamespace::text,"
                + " quote_ident(s.stxname), s.stxkind::text || ':' || regexp_replace(regexp_replace(pg_get_statisticsobjdef(s.oid),"
                + " '^CREATE STATISTICS \\S+( \\([a-z, ]+\\))? ON ', ''), ' FROM \\S+$', '') FROM pg_statistic_ext s"
                + " WHERE s.stxrelid = " + PgInspector.REL + " ORDER BY 1";
        List<List<Object>> old = new ArrayList<>();
        for (List<Object> o : PgSql.rows(connection, new PgSql.Sql(stats, List.of(names.schema(), names.old())), 4)) {
            old.add(List.of(o.get(0), o.get(1), o.get(2), renamedColumns((String) o.get(3))));
        }
        if (old.isEmpty()) {
            return;
        }
        List<List<Object>> fresh = new ArrayList<>(PgSql.rows(connection, new PgSql.Sql(stats, List.of(names.schema(), names.table())), 4));
        for (List<Object> o : old) {
            PgSql.execute(connection, "ALTER STATISTICS " + o.get(0) + " RENAME TO " + parked(PgSql.unquote((String) o.get(2))));
        }
        for (List<Object> o : old) {
            for (List<Object> n : fresh) {
                if (n.get(3).equals(o.get(3))) {
                    String at = (String) n.get(0);
                    if (!n.get(1).equals(o.get(1))) {
                        PgSql.execute(connection, "ALTER STATISTICS " + at + " SET SCHEMA " + o.get(1));
                        at = o.get(1) + "." + n.get(2);
                    }
                    PgSql.execute(connection, "ALTER STATISTICS " + at + " RENAME TO " + o.get(2));
                    fresh.remove(n);
                    break;
                }
            }
        }
    }

    /**
     * The sequences the new table owns that PostgreSQL named after the shadow (an identity column's, which {@code LIKE}
     * made anew, and a serial or identity column's the change added: {@code _t_new_id_seq}) take the names a plain ALTER
     * leaves ({@code t_id_seq}), the old table's identity sequences giving theirs up first. Before, an online change left
     * {@code _t_new_id_seq}, and a later migration's {@code setval('t_id_seq', ...)} failed where the change had run
     * online and not where it had run plain.
     */
    private void sequenceNames() throws SQLException {
        String owned = "SELECT s.relname FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
                + " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN (%s)"
                + " AND d.refobjid = " + PgInspector.REL + " ORDER BY 1";
        for (String sequence : PgSql.strings(connection, owned.formatted("'i'"), names.schema(), names.old())) {
            PgSql.execute(connection, "ALTER SEQUENCE " + q(sequence) + " RENAME TO " + parked(sequence));
        }
        for (String sequence : PgSql.strings(connection, owned.formatted("'a', 'i'"), names.schema(), names.table())) {
            if (sequence.startsWith(names.shadow() + "_")) {
                String plain = names.table() + sequence.substring(names.shadow().length());
                if (plain.length() <= 63 && PgSql.strings(connection, "SELECT 1 FROM pg_class WHERE relnamespace = ?::regnamespace"
                        + " AND relname = ?", PgSql.quote(names.schema()), plain).isEmpty()) {
                    PgSql.execute(connection, "ALTER SEQUENCE " + q(sequence) + " RENAME TO " + PgSql.quote(plain));
                }
            }
        }
    }

    /**
     * The name an old table's index, sequence or statistics object {@code name} gives up its own for, quoted: derived
     * from it ({@code _t_v_o}) and cut to PostgreSQL's 63 bytes.
     */
    private static String parked(String name) {
        String parked = OnlineNames.derived(name, "o");
        return PgSql.quote(parked.substring(0, Math.min(63, parked.length())));
    }

    /** The names of {@code table}'s indexes. */
    private List<String> allIndexes(String table) throws SQLException {
        return PgSql.strings(connection, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = " + PgInspector.REL + " ORDER BY 1", names.schema(), table);
    }

    /** Index name by its definition without names (the first index of each definition). */
    private Map<String, String> indexes(String table) throws SQLException {
        Map<String, String> byName = new HashMap<>();
        Map<String, String> byDefinition = new HashMap<>();
        for (List<Object> r : PgSql.rows(connection, new PgSql.Sql("SELECT c.relname, CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END"
                + " || CASE WHEN i.indisprimary THEN 'PRIMARY ' ELSE '' END"
                + " || substring(pg_get_indexdef(i.indexrelid) from ' USING .*$') FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = " + PgInspector.REL + " ORDER BY c.relname", List.of(names.schema(), table)), 2)) {
            // the old table's as the change leaves it: a column it renames under its new name
            String definition = table.equals(names.shadow()) ? (String) r.get(1) : renamedColumns((String) r.get(1));
            if (byDefinition.putIfAbsent(definition, (String) r.get(0)) == null) {
                byName.put((String) r.get(0), definition);
            }
        }
        return table.equals(names.shadow()) ? invert(byName) : byName;
    }

    /** A name, a quoted one or a string literal in a definition as PostgreSQL writes it. */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|[A-Za-z_][\\w$]*");

    /**
     * {@code definition} (of an index or extended statistics of the old table, as the catalog writes it) with each column
     * the change renames under its new name: before, an index over a renamed column matched none of the new table's,
     * and a plain ALTER's {@code t_v} came out as {@code t_v_idx}.
     */
    String renamedColumns(String definition) {
        if (spec.renames().isEmpty()) {
            return definition;
        }
        java.util.regex.Matcher m = TOKEN.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String replacement = token;
            if (!token.startsWith("'")) {
                String name = PgSql.unquote(token);
                for (Map.Entry<String, String> r : spec.renames().entrySet()) {
                    if (r.getKey().equalsIgnoreCase(name)) {
                        String to = r.getValue();
                        replacement = to.matches("[a-z_][a-z0-9_$]*") ? to : PgSql.quote(to);
                    }
                }
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, String> invert(Map<String, String> m) {
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> out.put(v, k));
        return out;
    }

    /**
     * Sets each identity sequence of {@code to} to where the sequence of its column in {@code from} is: the column
     * {@code sourceOf} names (a renamed one by its old name), none for a column the change adds (its own sequence
     * numbered the copied rows, as the server's ALTER does). Asking {@code from} for a column it has not failed the
     * change: "column ... does not exist" for an identity column added or renamed.
     */
    static void carryIdentity(Connection c, String schema, String from, String to,
                              java.util.function.Function<String, java.util.Optional<String>> sourceOf) throws SQLException {
        String fromTable = PgSql.qualified(schema, from);
        String toTable = PgSql.qualified(schema, to);
        List<String> identities = new ArrayList<>(PgSql.strings(c, "SELECT attname FROM pg_attribute WHERE attidentity <> ''"
                + " AND attrelid = " + PgInspector.REL, schema, to));
        List<String> fromColumns = PgSql.strings(c, "SELECT attname FROM pg_attribute WHERE attnum > 0 AND NOT attisdropped"
                + " AND attrelid = " + PgInspector.REL, schema, from);
        for (String col : identities) {
            // as the copy finds a column: by its name in any case (an unquoted RENAME COLUMN ID TO x names id)
            java.util.Optional<String> sourceColumn = sourceOf.apply(col)
                    .flatMap(name -> fromColumns.stream().filter(name::equalsIgnoreCase).findFirst());
            if (sourceColumn.isEmpty()) {
                continue;
            }
            List<List<Object>> seqs = PgSql.rows(c, new PgSql.Sql("SELECT pg_get_serial_sequence(?, ?), pg_get_serial_sequence(?, ?)",
                    List.of(fromTable, sourceColumn.get(), toTable, col)), 2);
            Object source = seqs.get(0).get(0);
            Object target = seqs.get(0).get(1);
            if (source != null && target != null && !source.equals(target)) {
                PgSql.rows(c, new PgSql.Sql("SELECT setval(?::regclass, last_value, is_called) FROM " + source, List.of(target)), 1);
            }
        }
    }
}
