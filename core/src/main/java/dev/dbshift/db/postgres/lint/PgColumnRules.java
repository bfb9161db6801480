package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Rules on columns: defaults that rewrite a table, and column types a PostgreSQL schema should not start with. */
final class PgColumnRules {

    private PgColumnRules() {
    }

    static final PgRule ADD_COLUMN_REWRITE = new PgRule("pg-add-column-rewrite",
            "ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval, serial, identity,"
                    + " stored generated), or any default before PostgreSQL 11, rewrites the table under an ACCESS EXCLUSIVE lock",
            "add the column without the default (or with a constant one on 11+), SET DEFAULT for new rows, then backfill"
                    + " existing rows in batches",
            Level.ERROR, PgColumnRules::addColumnRewrite);

    static final PgRule JSON_TYPE = new PgRule("pg-json-type",
            "json keeps the text as written and cannot be indexed or compared; jsonb is what PostgreSQL optimises",
            "use jsonb", Level.INFO, (st, t) -> typed(t, Set.of("JSON"), "json, not jsonb"));

    static final PgRule INT_PRIMARY_KEY = new PgRule("pg-int-primary-key",
            "an int/serial primary key runs out at 2,147,483,647 rows, and widening it later rewrites the table and its indexes",
            "use bigint (bigint GENERATED ALWAYS AS IDENTITY, or bigserial)",
            Level.INFO, PgColumnRules::intPrimaryKey);

    static final PgRule TIMESTAMP_WITHOUT_TIME_ZONE = new PgRule("pg-timestamp-without-time-zone",
            "timestamp without time zone stores wall-clock time: its meaning changes with the writer's time zone setting",
            "use timestamptz (timestamp with time zone)", Level.INFO, PgColumnRules::timestampWithoutTimeZone);

    static final PgRule VARCHAR_SHRINK = new PgRule("pg-varchar-shrink",
            "lowering or adding a varchar limit rewrites the table under an ACCESS EXCLUSIVE lock (and fails on a longer"
                    + " value); raising or removing it is free",
            "keep the wider type and add CHECK (char_length(col) <= n) NOT VALID, then VALIDATE it in its own migration",
            Level.ERROR, PgColumnRules::varcharShrink);

    /** Functions whose value differs per row: a default calling one is evaluated for every existing row. */
    private static final Set<String> VOLATILE = Set.of("RANDOM", "GEN_RANDOM_UUID", "UUID_GENERATE_V1", "UUID_GENERATE_V4",
            "UUIDV7", "UUID_GENERATE_V7", "CLOCK_TIMESTAMP", "TIMEOFDAY", "NEXTVAL", "TXID_CURRENT");

    private static final Set<String> SERIAL = Set.of("SERIAL", "SERIAL4", "BIGSERIAL", "SERIAL8", "SMALLSERIAL", "SERIAL2");

    private static final Set<String> INT = Set.of("INT", "INTEGER", "INT4", "SMALLINT", "INT2", "SERIAL", "SERIAL4",
            "SMALLSERIAL", "SERIAL2");

    /** Words that can stand before a name without that name being a column's. */
    private static final Set<String> NOT_COLUMN = Set.of("TABLE", "CONSTRAINT", "COLUMN", "INDEX", "ON", "TO", "REFERENCES",
            "EXISTS", "ONLY", "KEY", "TYPE");

    /** Words that end a column's DEFAULT expression. */
    private static final Set<String> AFTER_DEFAULT = Set.of("NOT", "NULL", "CONSTRAINT", "CHECK", "REFERENCES", "UNIQUE",
            "PRIMARY", "GENERATED", "COLLATE");

    private static List<String> addColumnRewrite(LintStatement st, PgText t) {
        List<String> out = new ArrayList<>();
        t.alterTable().filter(a -> PgText.existing(st, a.table())).ifPresent(a -> {
            boolean before11 = st.migration().facts().major().filter(m -> m < 11).isPresent();
            for (int[] action : a.actions()) {
                int name = columnAdded(t, action);
                if (name < 0) {
                    continue;
                }
                String column = a.table() + "." + PgText.fold(t.tokens().get(name));
                int def = t.find("DEFAULT", name + 1, action[1]);
                int end = def < 0 ? -1 : defaultEnd(t, def + 1, action[1]);
                if (SERIAL.contains(t.word(name + 1))) {
                    out.add("adds " + column + " as " + t.word(name + 1).toLowerCase(Locale.ROOT) + ": every existing row gets a"
                            + " sequence value, a table rewrite");
                } else if (t.find("GENERATED", name + 1, action[1]) >= 0) {
                    out.add("adds generated column " + column + ": every existing row is computed, a table rewrite");
                } else if (def >= 0 && callsVolatile(t, def + 1, end)) {
                    out.add("adds " + column + " with a volatile default: every existing row is rewritten");
                } else if (def >= 0 && before11 && !(t.at(def + 1, "NULL") && end == def + 2)) {
                    out.add("adds " + column + " with a default: before PostgreSQL 11 that rewrites the table");
                }
            }
        });
        return out;
    }

    /** The index of the new column's name in {@code ADD [COLUMN] [IF NOT EXISTS] name type ...}, or -1. */
    private static int columnAdded(PgText t, int[] action) {
        int i = action[0];
        if (!t.at(i, "ADD")) {
            return -1;
        }
        i++;
        if (Set.of("CONSTRAINT", "CHECK", "FOREIGN", "PRIMARY", "UNIQUE", "EXCLUDE").contains(t.word(i))) {
            return -1;
        }
        if (t.at(i, "COLUMN")) {
            i++;
        }
        if (t.at(i, "IF", "NOT", "EXISTS")) {
            i += 3;
        }
        return t.isName(i) && i + 1 < action[1] ? i : -1;
    }

    private static int defaultEnd(PgText t, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            String s = t.tokens().get(i);
            depth += s.equals("(") ? 1 : s.equals(")") ? -1 : 0;
            if (depth == 0 && i > from && AFTER_DEFAULT.contains(t.word(i))) {
                return i;
            }
        }
        return to;
    }

    private static boolean callsVolatile(PgText t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (VOLATILE.contains(t.word(i)) && i + 1 < t.tokens().size() && t.tokens().get(i + 1).equals("(")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when token {@code i} of a CREATE TABLE / ALTER TABLE stands where a column's type does: after
     * {@code TYPE}, or after a column's name that follows "(", ",", ADD or ADD COLUMN [IF NOT EXISTS].
     */
    static boolean typePosition(PgText t, int i) {
        if (!(t.at(0, "CREATE") || t.at(0, "ALTER", "TABLE")) || i < 2) {
            return false;
        }
        if (t.at(i - 1, "TYPE")) {
            return true;
        }
        if (!t.isName(i - 1) || NOT_COLUMN.contains(t.word(i - 1))) {
            return false;
        }
        String before = t.tokens().get(i - 2);
        return before.equals("(") || before.equals(",") || t.at(i - 2, "ADD") || t.at(i - 2, "COLUMN")
                || t.at(i - 4, "IF", "NOT", "EXISTS");
    }

    /** The column a type at {@code i} belongs to, for messages. */
    private static String columnOf(PgText t, int i) {
        return t.at(i - 1, "TYPE") ? "a column" : "column " + PgText.fold(t.tokens().get(i - 1));
    }

    private static List<String> typed(PgText t, Set<String> types, String what) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.tokens().size(); i++) {
            if (types.contains(t.word(i)) && typePosition(t, i)) {
                out.add(columnOf(t, i) + " is " + what);
            }
        }
        return out;
    }

    private static List<String> timestampWithoutTimeZone(LintStatement st, PgText t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.tokens().size(); i++) {
            if (!t.word(i).equals("TIMESTAMP") || !typePosition(t, i)) {
                continue;
            }
            int next = i + 1 < t.tokens().size() && t.tokens().get(i + 1).equals("(") ? t.close(i + 1) + 1 : i + 1;
            if (!t.at(next, "WITH", "TIME", "ZONE")) {
                out.add(columnOf(t, i) + " is timestamp without time zone");
            }
        }
        return out;
    }

    /** A single-column primary key of an int type: declared on the column, or as the table's PRIMARY KEY (col). */
    private static List<String> intPrimaryKey(LintStatement st, PgText t) {
        int open = -1;
        if (t.createdTable().isPresent()) {
            open = t.tokens().indexOf("(");
        }
        List<int[]> parts = open >= 0 ? t.split(open + 1, t.close(open))
                : t.alterTable().map(PgText.AlterTable::actions).orElse(List.of());
        Map<String, Integer> intColumns = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (int[] p : parts) {
            int name = t.at(p[0], "ADD") ? (t.at(p[0] + 1, "COLUMN") ? p[0] + 2 : p[0] + 1) : p[0];
            if (INT.contains(t.word(name + 1)) && typePosition(t, name + 1)) {
                String column = PgText.fold(t.tokens().get(name));
                intColumns.put(column, name + 1);
                if (t.find("PRIMARY", name + 2, p[1]) >= 0) {
                    out.add("primary key " + column + " is " + t.word(name + 1).toLowerCase(Locale.ROOT) + ", not bigint");
                }
            }
        }
        for (int[] p : parts) {
            int pk = t.find("PRIMARY", p[0], p[1]);
            int c = pk + 3;
            if (pk >= 0 && t.at(pk + 1, "KEY") && pk + 2 < p[1] && t.tokens().get(pk + 2).equals("(")
                    && t.isName(c) && c + 1 < p[1] && t.tokens().get(c + 1).equals(")")
                    && intColumns.containsKey(PgText.fold(t.tokens().get(c)))) {
                String column = PgText.fold(t.tokens().get(c));
                out.add("primary key " + column + " is " + t.word(intColumns.get(column)).toLowerCase(Locale.ROOT) + ", not bigint");
            }
        }
        return out;
    }

    /**
     * {@code ALTER [COLUMN] c [SET DATA] TYPE varchar(n)} where the migration declared c, before, wider (a larger
     * limit, or none: text, varchar). Offline nothing else tells the column's current type, and a limit raised is free,
     * so a change from an unknown type is left alone.
     */
    private static List<String> varcharShrink(LintStatement st, PgText t) {
        List<String> out = new ArrayList<>();
        t.alterTable().ifPresent(a -> {
            for (int[] action : a.actions()) {
                int col = t.at(action[0], "ALTER", "COLUMN") ? action[0] + 2 : action[0] + 1;
                int type = t.at(col + 1, "SET", "DATA", "TYPE") ? col + 4 : col + 2;
                if (!t.at(action[0], "ALTER") || !t.isName(col) || !t.at(type - 1, "TYPE")) {
                    continue;
                }
                String column = PgText.fold(t.tokens().get(col));
                Integer limit = limit(t, type);
                Integer before = declaredBefore(st, a.table(), column);
                if (limit != null && before != null && limit < before) {
                    out.add("changes " + a.table() + "." + column + " from " + (before == Integer.MAX_VALUE ? "unlimited text"
                            : "varchar(" + before + ")") + " to varchar(" + limit + "): a rewrite under lock");
                }
            }
        });
        return out;
    }

    /** A character type's limit at {@code i}: n of varchar(n), MAX_VALUE for text or varchar, null for another type. */
    private static Integer limit(PgText t, int i) {
        int open;
        if (t.at(i, "VARCHAR")) {
            open = i + 1;
        } else if (t.at(i, "CHARACTER", "VARYING")) {
            open = i + 2;
        } else {
            return t.at(i, "TEXT") ? Integer.MAX_VALUE : null;
        }
        if (open + 2 < t.tokens().size() && t.tokens().get(open).equals("(") && t.tokens().get(open + 2).equals(")")
                && t.tokens().get(open + 1).matches("\\d+")) {
            return Integer.valueOf(t.tokens().get(open + 1));
        }
        return Integer.MAX_VALUE;
    }

    /** The character limit the migration last gave {@code table.column} before {@code st}, or null when it did not. */
    private static Integer declaredBefore(LintStatement st, String table, String column) {
        Integer found = null;
        List<dev.dbshift.sql.SqlStatement> all = st.migration().statements();
        for (int k = 0; k < st.ordinal() - 1 && k < all.size(); k++) {
            PgText w = PgText.of(all.get(k).sql());
            boolean ofTable = w.createdTable().filter(table::equals).isPresent()
                    || w.alterTable().filter(a -> a.table().equals(table)).isPresent();
            if (!ofTable) {
                continue;
            }
            for (int i = 2; i < w.tokens().size(); i++) {
                if (typePosition(w, i) && column.equals(w.at(i - 1, "TYPE") ? columnBeforeType(w, i - 1)
                        : PgText.fold(w.tokens().get(i - 1)))) {
                    found = limit(w, i);
                }
            }
        }
        return found;
    }

    /** The column of {@code ALTER [COLUMN] c [SET DATA] TYPE} whose TYPE is at {@code type}. */
    private static String columnBeforeType(PgText t, int type) {
        int col = t.at(type - 2, "SET", "DATA") ? type - 3 : type - 1;
        return t.isName(col) ? PgText.fold(t.tokens().get(col)) : "";
    }
}
