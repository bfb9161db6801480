package dev.dbshift.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

/**
 * What must be true of the database after a statement has run, as far as its text says: the
 * question asked of a statement that was running when its run died, and that the server may or may
 * not have committed. A pure function of the statement's text; the catalog is asked elsewhere
 * ({@code Database.presence}).
 *
 * <ul>
 *   <li>{@link Harmless}: running it again changes nothing that running it once did not
 *       ({@code CREATE ... IF NOT EXISTS}, {@code DROP ... IF EXISTS}, {@code CREATE OR REPLACE},
 *       {@code SELECT} without {@code INTO}, {@code SET}, a {@code PRAGMA} that reads, transaction control, {@code LOCK TABLES},
 *       {@code TRUNCATE}, {@code GRANT}, {@code COMMENT ON}, temporary tables, an ALTER TABLE that only sets a
 *       state). A {@code SELECT} that calls a function with lasting side effects is taken at its word: it is a
 *       query.</li>
 *   <li>{@link Exists} / {@link Absent}: a named table, view, index or sequence (or a column, a table's primary key,
 *       a named constraint) is there, or gone, exactly when the statement ran.</li>
 *   <li>{@link Renamed}: the old name is gone and the new one there.</li>
 *   <li>{@link AllOf}: an ALTER TABLE of several actions (a rename is two: the old name gone, the new one there), each of
 *       which adds, drops or renames a column or a named index, or adds or drops the primary key or a named constraint
 *       (actions that only set a state, {@code MODIFY}, {@code AUTO_INCREMENT=}, {@code ENGINE=}, are left out): the
 *       server applies it whole, so every part is there or none is.</li>
 *   <li>{@link Unknown}: nothing in the catalog tells (DML, an ALTER TABLE action no rule reads, routines...).</li>
 * </ul>
 *
 * <p>Names are kept as written (quotes included); the vendor folds or unquotes them as its server does.
 */
public sealed interface StatementEffect {

    /** Running it again is harmless; {@code why} says which rule said so. */
    record Harmless(String why) implements StatementEffect {
    }

    /** After the statement, this object exists (for an index built CONCURRENTLY: and is valid). */
    record Exists(CatalogObject object) implements StatementEffect {
    }

    /** After the statement, this object no longer exists. */
    record Absent(CatalogObject object) implements StatementEffect {
    }

    /** After the statement, {@code from} is gone and {@code to} exists. */
    record Renamed(CatalogObject from, CatalogObject to) implements StatementEffect {
    }

    /** The catalog cannot tell whether it ran. */
    record Unknown() implements StatementEffect {
    }

    /**
     * A statement the server applies whole or not at all (an ALTER TABLE with several actions): it ran when every part is
     * true, it did not when none is; anything between, or a part the catalog cannot tell, leaves it undecided.
     */
    record AllOf(List<StatementEffect> parts) implements StatementEffect {
    }

    /**
     * A named object, names as written in the script (quoted or bare).
     *
     * @param type   TABLE, VIEW, INDEX, SEQUENCE, COLUMN, or a table's PRIMARY KEY, FOREIGN KEY, CHECK or CONSTRAINT (a
     *               named constraint of any kind)
     * @param schema the schema it was qualified with, or null for the current one
     * @param table  for an index (MySQL names indexes per table), a column or a constraint: its table, else null
     * @param name   the object's own name
     */
    record CatalogObject(String type, String schema, String table, String name) {
        @Override
        public String toString() {
            String t = type.toLowerCase(Locale.ROOT);
            if (type.equals("PRIMARY KEY")) {
                return "the primary key of " + table;
            }
            if (Set.of("FOREIGN KEY", "CHECK", "CONSTRAINT").contains(type)) {
                return t + " " + name + " of " + table;
            }
            return t + " " + (type.equals("COLUMN") ? table + "." + name : (schema == null ? "" : schema + ".") + name);
        }
    }

    Set<String> OBJECTS = Set.of("TABLE", "VIEW", "INDEX", "SEQUENCE");

    /** The effect of one statement (its SQL as sent to the server). */
    static StatementEffect of(String sql) {
        List<String> first = firstWords(sql, 1);
        if (first.isEmpty() || Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "UPSERT", "COPY", "LOAD", "CALL", "DO")
                .contains(first.get(0))) {
            return new Unknown(); // rows or code: the catalog cannot tell (and a long INSERT need not be read again)
        }
        return new Reader(Tokens.of(sql, Integer.MAX_VALUE)).effect();
    }

    /** The table an {@code ALTER TABLE} statement changes (names as written), or empty for any other statement. */
    static Optional<CatalogObject> alteredTable(String sql) {
        List<String> first = firstWords(sql, 2);
        if (!first.equals(List.of("ALTER", "TABLE"))) {
            return Optional.empty();
        }
        return new Reader(Tokens.of(sql, Integer.MAX_VALUE)).alteredTable();
    }

    /** The tables a {@code LOCK TABLE[S]} statement locks (names as written), in order; empty for any other statement. */
    static List<CatalogObject> lockedTables(String sql) {
        List<String> first = firstWords(sql, 2);
        if (first.size() < 2 || !first.get(0).equals("LOCK") || !(first.get(1).equals("TABLES") || first.get(1).equals("TABLE"))) {
            return List.of();
        }
        return new Reader(Tokens.of(sql, Integer.MAX_VALUE)).lockedTables();
    }

    /** Where the names a row change may write into end: none of them comes after the first of these words. */
    Set<String> END_OF_WRITTEN_NAMES = Set.of("VALUES", "VALUE", "SET", "SELECT", "WHERE");

    /**
     * The schemas, other than the session's, that a statement may send rows into, unquoted, in order: for {@code INSERT},
     * {@code REPLACE}, {@code UPDATE} and {@code DELETE} the first part of each qualified name ({@code s.t}, {@code s.t.c})
     * before its {@code VALUES}, {@code SET}, {@code SELECT} or {@code WHERE}: a schema, or a table or alias that
     * qualifies a column, which the caller's catalog query finds no tables in; and of each routine of another schema it
     * calls ({@code VALUES (other.f(1))}: its body may write there). For {@code USE} the schema it makes the session's.
     * Empty for any other statement. Reads at most the first 256 tokens (a multi-row INSERT's rows are not read).
     */
    static List<String> schemasForRows(String sql) {
        List<String> first = firstWords(sql, 1);
        if (first.isEmpty() || !Set.of("INSERT", "REPLACE", "UPDATE", "DELETE", "USE").contains(first.get(0))) {
            return List.of();
        }
        if (first.get(0).equals("USE")) {
            List<String> t = Tokens.of(sql, 2);
            return t.size() > 1 && (Tokens.quoted(t.get(1)) || Tokens.word(t.get(1)))
                    ? List.of(StatementWords.unquote(t.get(1))) : List.of();
        }
        return qualifiers(Tokens.of(sql, 256), true);
    }

    /**
     * The first part of every qualified name in {@code code} ({@code s} of {@code s.t} and of {@code s.t.c}), unquoted,
     * in order, without a trigger's {@code NEW} and {@code OLD}: for a view's definition, the schemas rows written into
     * the view may land in, or a table or alias, which the caller's catalog query finds no tables in. Names inside
     * strings and comments are not read.
     */
    static List<String> schemasNamed(String code) {
        return qualifiers(Tokens.of(code, Integer.MAX_VALUE), false);
    }

    /**
     * The schemas a trigger's or a routine's body may write into: the first part of each qualified name a row change in
     * it writes into (after {@code INSERT}, {@code REPLACE}, {@code UPDATE}, {@code DELETE}, up to its {@code VALUES},
     * {@code SET}, {@code SELECT}, {@code WHERE} or {@code ;}), and of each routine of another schema it calls
     * ({@code other.f(...)}, {@code CALL other.p}), whose schema the caller asks in turn. A name it only reads
     * ({@code SELECT ... FROM performance_schema.threads}) is not one: a schema of tables that keep rows read by a
     * routine made every row change of the run run alone.
     */
    static List<String> schemasWrittenBy(String code) {
        return qualifiers(Tokens.of(code, Integer.MAX_VALUE), true);
    }

    /**
     * The schemas the code a statement makes may write into, where it makes code that row changes run: a trigger or a
     * routine (a trigger or a row's value may call it) by {@link #schemasWrittenBy}, a view (rows written into it land in
     * its tables) by {@link #schemasNamed} ({@code CREATE [OR REPLACE] [DEFINER=...] [ALGORITHM=...] [SQL SECURITY ...]
     * TRIGGER|VIEW|PROCEDURE|FUNCTION}, {@code ALTER ... VIEW}); and where it makes a table like another of another
     * schema ({@code CREATE TABLE t LIKE other.m}, which takes {@code m}'s engine), that schema: rows written into the new
     * table stay where {@code m}'s would. Empty for any other statement.
     */
    static List<String> schemasCodeMadeMayWriteInto(String sql) {
        List<String> head = firstWords(sql, 1); // every statement of a MySQL run is asked: most end here, one word read
        if (head.isEmpty() || !(head.get(0).equals("CREATE") || head.get(0).equals("ALTER"))) {
            return List.of();
        }
        List<String> w = firstWords(sql, 16);
        for (String word : w.subList(1, w.size())) {
            if (word.equals("VIEW")) {
                return schemasNamed(sql);
            }
            if (Set.of("TRIGGER", "PROCEDURE", "FUNCTION").contains(word)) {
                return schemasWrittenBy(sql);
            }
            if (word.equals("TABLE")) {
                return schemaCopiedLike(Tokens.of(sql, 20));
            }
            if (Set.of("INDEX", "(", "AS", "BEGIN").contains(word)) {
                return List.of();
            }
        }
        return List.of();
    }

    /** For {@code CREATE TABLE [IF NOT EXISTS] t [(]LIKE s.m}, unquoted {@code s}; else empty (none, or unqualified). */
    private static List<String> schemaCopiedLike(List<String> t) {
        for (int i = 0; i + 3 < t.size(); i++) {
            if (!Tokens.quoted(t.get(i)) && t.get(i).equalsIgnoreCase("LIKE")) {
                return t.get(i + 2).equals(".") ? List.of(StatementWords.unquote(t.get(i + 1))) : List.of();
            }
        }
        return List.of();
    }

    /**
     * The first part of each qualified name in {@code t} (not a bare {@code NEW} or {@code OLD} outside what a row change
     * writes into), or with {@code writtenOnly} of those a row change writes into and of the routines called.
     */
    private static List<String> qualifiers(List<String> t, boolean writtenOnly) {
        List<String> out = new ArrayList<>();
        boolean writing = false;
        for (int i = 0; i + 2 < t.size(); i++) {
            String s = t.get(i);
            String up = Tokens.quoted(s) ? "" : s.toUpperCase(Locale.ROOT);
            if (Set.of("INSERT", "REPLACE", "UPDATE", "DELETE").contains(up)) {
                writing = true;
                continue;
            }
            if (s.equals(";") || END_OF_WRITTEN_NAMES.contains(up)) {
                writing = false;
            }
            // a trigger's NEW.a and OLD.a are values, never written into; a schema named old is, after INSERT INTO
            boolean name = Tokens.quoted(s) || Tokens.word(s) && (writing || !Set.of("NEW", "OLD").contains(up));
            if (!name || !t.get(i + 1).equals(".") || i > 0 && t.get(i - 1).equals(".")) {
                continue;
            }
            boolean called = i + 3 < t.size() && t.get(i + 3).equals("(") || i > 0 && t.get(i - 1).equalsIgnoreCase("CALL");
            if (!writtenOnly || writing || called) {
                String schema = StatementWords.unquote(s);
                if (!out.contains(schema)) {
                    out.add(schema);
                }
            }
        }
        return out;
    }

    /** The first {@code n} tokens of a statement, words upper-cased (comments skipped, MySQL executable comments read). */
    static List<String> firstWords(String sql, int n) {
        List<String> out = new ArrayList<>();
        for (String token : Tokens.of(sql, n)) {
            out.add(Tokens.quoted(token) ? token : token.toUpperCase(Locale.ROOT));
        }
        return out;
    }

    /** Reads the leading words of one statement. */
    final class Reader {
        private final List<String> t;

        private Reader(List<String> tokens) {
            this.t = tokens;
        }

        private String up(int i) {
            if (i >= t.size()) {
                return "";
            }
            String s = t.get(i);
            return Tokens.quoted(s) ? "" : s.toUpperCase(Locale.ROOT);
        }

        private boolean at(int i, String... words) {
            for (int k = 0; k < words.length; k++) {
                if (!up(i + k).equals(words[k])) {
                    return false;
                }
            }
            return true;
        }

        private boolean isName(int i) {
            return i < t.size() && (Tokens.quoted(t.get(i)) || Tokens.word(t.get(i)));
        }

        StatementEffect effect() {
            String first = up(0);
            switch (first) {
                case "SELECT":
                    return contains("INTO") ? unknown() : new Harmless("a query");
                case "VALUES": case "SHOW": case "DESCRIBE": case "DESC":
                    return new Harmless("a query");
                case "EXPLAIN":
                    return contains("ANALYZE") ? unknown() : new Harmless("a query");
                case "SET": case "RESET": case "USE":
                    return new Harmless("session state only");
                case "BEGIN": case "COMMIT": case "ROLLBACK": case "SAVEPOINT": case "RELEASE": case "END": case "ABORT":
                    return at(0, "BEGIN", "NOT", "ATOMIC") ? unknown() : new Harmless("transaction control");
                case "START":
                    return at(1, "TRANSACTION") ? new Harmless("transaction control") : unknown();
                case "LOCK": case "UNLOCK":
                    return new Harmless("locks only");
                case "PRAGMA":
                    // SQLite: PRAGMA name reads; PRAGMA name = value and PRAGMA name(value) may set
                    return contains("=") || contains("(") ? unknown() : new Harmless("a pragma that reads");
                case "ANALYZE": case "VACUUM": case "REINDEX": case "CLUSTER": case "OPTIMIZE": case "CHECKPOINT":
                    return new Harmless("maintenance only");
                case "TRUNCATE":
                    return new Harmless("emptying a table twice leaves it empty");
                case "GRANT": case "REVOKE":
                    return new Harmless("granting twice grants once");
                case "COMMENT":
                    return new Harmless("setting the same comment again");
                case "CREATE":
                    return create();
                case "DROP":
                    return drop();
                case "ALTER":
                    return at(1, "TABLE") ? alterTable() : unknown();
                case "RENAME":
                    return renameTable();
                default:
                    return unknown();
            }
        }

        private boolean contains(String word) {
            for (int i = 0; i < t.size(); i++) {
                if (up(i).equals(word)) {
                    return true;
                }
            }
            return false;
        }

        private StatementEffect create() {
            int i = 1;
            if (at(i, "OR", "REPLACE")) {
                return new Harmless("CREATE OR REPLACE");
            }
            while (Set.of("UNIQUE", "FULLTEXT", "SPATIAL", "UNLOGGED", "GLOBAL", "LOCAL", "MATERIALIZED", "CACHED", "MEMORY")
                    .contains(up(i))) {
                i++;
            }
            if (up(i).equals("TEMPORARY") || up(i).equals("TEMP")) {
                return new Harmless("a temporary object ends with its session");
            }
            String type = up(i);
            if (!OBJECTS.contains(type)) {
                return ifNotExistsWithin(i, 3) ? new Harmless("CREATE ... IF NOT EXISTS") : unknown();
            }
            i++;
                if (type.equals("INDEX") && up(i).equals("CONCURRENTLY")) {
                i++; // the vendor reports such an index half built (invalid) as neither there nor gone
            }
            if (at(i, "IF", "NOT", "EXISTS")) {
                return new Harmless("CREATE ... IF NOT EXISTS");
            }
            if (type.equals("INDEX") && up(i).equals("ON")) {
                return unknown(); // an index without a name: the server names it
            }
            int[] end = new int[1];
            String[] name = qualified(i, end);
            if (name == null) {
                return unknown();
            }
            if (!type.equals("INDEX")) {
                return new Exists(new CatalogObject(type, name[0], null, name[1]));
            }
            int on = end[0];
            if (!up(on).equals("ON")) {
                return unknown();
            }
            on++;
            if (up(on).equals("ONLY")) {
                on++;
            }
            String[] table = qualified(on, end);
            if (table == null) {
                return unknown();
            }
            // PostgreSQL schema-qualifies an index with its table's schema
            return new Exists(new CatalogObject("INDEX", name[0] != null ? name[0] : table[0], table[1], name[1]));
        }

        private boolean ifNotExistsWithin(int from, int window) {
            for (int i = from; i < from + window + 3 && i < t.size(); i++) {
                if (at(i, "IF", "NOT", "EXISTS")) {
                    return true;
                }
            }
            return false;
        }

        private StatementEffect drop() {
            int i = 1;
            if (up(i).equals("TEMPORARY")) {
                return new Harmless("a temporary object ends with its session");
            }
            if (up(i).equals("MATERIALIZED")) {
                i++;
            }
            String type = up(i);
            for (int k = i; k < i + 4 && k < t.size(); k++) {
                if (at(k, "IF", "EXISTS")) {
                    return new Harmless("DROP ... IF EXISTS");
                }
            }
            if (!OBJECTS.contains(type)) {
                return unknown();
            }
            i++;
            if (up(i).equals("CONCURRENTLY")) {
                i++;
            }
            int[] end = new int[1];
            String[] name = qualified(i, end);
            if (name == null) {
                return unknown();
            }
            int next = end[0];
            if (next < t.size() && t.get(next).equals(",")) {
                return unknown(); // several objects: some may be gone, some not
            }
            String table = null;
            if (type.equals("INDEX") && up(next).equals("ON")) {
                String[] tn = qualified(next + 1, end);
                if (tn == null) {
                    return unknown();
                }
                table = tn[1];
                if (name[0] == null) {
                    name[0] = tn[0];
                }
            }
            return new Absent(new CatalogObject(type, name[0], table, name[1]));
        }

        /** {@code LOCK TABLES a [AS x] READ, s.b WRITE, ...}: each name, before its alias and lock type. */
        List<CatalogObject> lockedTables() {
            List<CatalogObject> out = new ArrayList<>();
            int[] end = new int[1];
            for (int i = 2; i < t.size(); i = end[0]) {
                String[] table = qualified(i, end);
                if (table == null) {
                    break;
                }
                out.add(new CatalogObject("TABLE", table[0], null, table[1]));
                while (end[0] < t.size() && !t.get(end[0]).equals(",")) {
                    end[0]++;
                }
                end[0]++;
            }
            return out;
        }

        Optional<CatalogObject> alteredTable() {
            int i = 2;
            if (at(i, "IF", "EXISTS")) {
                i += 2;
            }
            if (up(i).equals("ONLY")) {
                i++;
            }
            String[] table = qualified(i, new int[1]);
            return table == null ? Optional.empty() : Optional.of(new CatalogObject("TABLE", table[0], null, table[1]));
        }

        private StatementEffect alterTable() {
            int i = 2;
            if (at(i, "IF", "EXISTS")) {
                i += 2;
            }
            if (up(i).equals("ONLY")) {
                i++;
            }
            int[] end = new int[1];
            String[] table = qualified(i, end);
            if (table == null) {
                return unknown();
            }
            i = end[0];
            String action = up(i);
            if (at(i, "ENABLE", "KEYS") || at(i, "DISABLE", "KEYS")) {
                return new Harmless("index maintenance switch");
            }
            if (action.equals("RENAME") && !at(i + 1, "COLUMN") && !at(i + 1, "CONSTRAINT") && !at(i + 1, "INDEX")
                    && !at(i + 1, "KEY")) {
                int n = i + 1;
                if (up(n).equals("TO") || up(n).equals("AS")) {
                    n++;
                }
                String[] to = qualified(n, end);
                if (to == null || end[0] < t.size()) {
                    return unknown();
                }
                return new Renamed(new CatalogObject("TABLE", table[0], null, table[1]),
                        new CatalogObject("TABLE", to[0] != null ? to[0] : table[0], null, to[1]));
            }
            // each action, up to a comma outside parentheses: the server applies the statement whole or not at all
            List<StatementEffect> parts = new ArrayList<>();
            String harmless = null;
            int from = i;
            int depth = 0;
            for (int k = i; k <= t.size(); k++) {
                String s = k < t.size() ? t.get(k) : ",";
                if (s.equals("(")) {
                    depth++;
                } else if (s.equals(")")) {
                    depth--;
                } else if (s.equals(",") && depth == 0) {
                    StatementEffect part = action(from, k, table);
                    if (part instanceof Unknown) {
                        return part;
                    }
                    if (part instanceof AllOf renamed) {
                        parts.addAll(renamed.parts());
                    } else if (part instanceof Harmless h) {
                        harmless = harmless == null ? h.why() : harmless;
                    } else {
                        parts.add(part);
                    }
                    from = k + 1;
                }
            }
            if (parts.isEmpty()) {
                return harmless == null ? unknown() : new Harmless(harmless);
            }
            return parts.size() == 1 ? parts.get(0) : new AllOf(List.copyOf(parts));
        }

        /** Table options and column changes that set a state: applied again, they leave the same one. */
        private static final Set<String> SETS_A_STATE = Set.of("MODIFY", "AUTO_INCREMENT", "ENGINE", "COMMENT", "ALGORITHM",
                "LOCK", "ROW_FORMAT", "KEY_BLOCK_SIZE", "STATS_PERSISTENT", "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES",
                "PACK_KEYS", "CHECKSUM", "MAX_ROWS", "MIN_ROWS", "FORCE", "CHARSET", "COLLATE");

        /**
         * The effect of one action of an ALTER TABLE of {@code table}, tokens {@code [from, to)}: a column, index or named
         * constraint added (it exists after) or dropped (it is gone after), a state set ({@link #SETS_A_STATE}, a column's
         * default), or unknown.
         */
        private StatementEffect action(int from, int to, String[] table) {
            if (from >= to) {
                return unknown();
            }
            String action = up(from);
            if (SETS_A_STATE.contains(action) || action.equals("DEFAULT") && Set.of("CHARSET", "CHARACTER", "COLLATE").contains(up(from + 1))
                    || at(from, "CHARACTER", "SET")) {
                return new Harmless("an ALTER TABLE that sets a state (" + action + ")");
            }
            if (action.equals("ALTER")) {
                int c = up(from + 1).equals("COLUMN") ? from + 2 : from + 1;
                if (at(c + 1, "SET", "DEFAULT") || at(c + 1, "DROP", "DEFAULT")) {
                    return new Harmless("an ALTER TABLE that sets a state (a column's default)");
                }
                return unknown();
            }
            if (action.equals("RENAME") || action.equals("CHANGE")) {
                return renamed(from, to, table);
            }
            if (!action.equals("ADD") && !action.equals("DROP")) {
                return unknown();
            }
            boolean add = action.equals("ADD");
            int c = from + 1;
            String what = up(c);
            if (add && at(c, "IF", "NOT", "EXISTS") || !add && at(c, "IF", "EXISTS")
                    || Set.of("COLUMN", "INDEX", "KEY", "CONSTRAINT").contains(what)
                    && (add && at(c + 1, "IF", "NOT", "EXISTS") || !add && at(c + 1, "IF", "EXISTS"))) {
                return new Harmless(action + " ... IF " + (add ? "NOT " : "") + "EXISTS");
            }
            CatalogObject object;
            if (at(c, "PRIMARY", "KEY")) {
                object = new CatalogObject("PRIMARY KEY", table[0], table[1], "PRIMARY");
            } else if (!add && at(c, "FOREIGN", "KEY")) {
                object = named("FOREIGN KEY", c + 2, to, table);
            } else if (what.equals("CONSTRAINT")) {
                if (!add) {
                    object = named("CONSTRAINT", c + 1, to, table);
                } else if (at(c + 2, "PRIMARY", "KEY")) {
                    object = new CatalogObject("PRIMARY KEY", table[0], table[1], "PRIMARY");
                } else if (at(c + 2, "FOREIGN", "KEY") && isName(c + 1)) {
                    object = new CatalogObject("FOREIGN KEY", table[0], table[1], t.get(c + 1));
                } else if (up(c + 2).equals("CHECK") && isName(c + 1)) {
                    object = new CatalogObject("CHECK", table[0], table[1], t.get(c + 1));
                } else if (up(c + 2).equals("UNIQUE") && isName(c + 1) && c + 3 < to && t.get(c + 3).equals("(")) {
                    object = new CatalogObject("INDEX", table[0], table[1], t.get(c + 1)); // its index has its name
                } else {
                    return unknown();
                }
            } else if (Set.of("INDEX", "KEY").contains(what)
                    || Set.of("UNIQUE", "FULLTEXT", "SPATIAL").contains(what) && add) {
                int n = Set.of("UNIQUE", "FULLTEXT", "SPATIAL").contains(what)
                        && Set.of("INDEX", "KEY").contains(up(c + 1)) ? c + 2 : c + 1;
                object = named("INDEX", n, to, table); // MySQL: unnamed, its name is made from its first column
            } else {
                if (what.equals("COLUMN")) {
                    c++;
                }
                if (c >= to || !isName(c) || t.get(c).equals("(") || Set.of("PARTITION", "PERIOD", "SYSTEM", "CHECK",
                        "FOREIGN", "UNIQUE", "FULLTEXT", "SPATIAL", "DEFAULT").contains(up(c))) {
                    return unknown();
                }
                object = new CatalogObject("COLUMN", table[0], table[1], t.get(c));
            }
            if (object == null) {
                return unknown();
            }
            return add ? new Exists(object) : new Absent(object);
        }

        /**
         * {@code RENAME COLUMN a TO b}, {@code RENAME INDEX|KEY a TO b}, {@code CHANGE [COLUMN] a b ...}: the old name gone
         * and the new one there. A {@code CHANGE} that keeps the name changes the column's type, which no rule reads here.
         */
        private StatementEffect renamed(int from, int to, String[] table) {
            String type;
            int old;
            int renamedTo;
            if (up(from).equals("RENAME")) {
                type = up(from + 1).equals("COLUMN") ? "COLUMN" : Set.of("INDEX", "KEY").contains(up(from + 1)) ? "INDEX" : null;
                old = from + 2;
                if (type == null || !up(old + 1).equals("TO")) {
                    return unknown();
                }
                renamedTo = old + 2;
            } else {
                type = "COLUMN";
                old = up(from + 1).equals("COLUMN") ? from + 2 : from + 1;
                renamedTo = old + 1;
            }
            if (renamedTo >= to || !isName(old) || !isName(renamedTo) || t.get(old).equals("(") || t.get(renamedTo).equals("(")
                    || up(old).equals("IF")
                    || StatementWords.unquote(t.get(old)).equalsIgnoreCase(StatementWords.unquote(t.get(renamedTo)))) {
                return unknown();
            }
            return new AllOf(List.of(new Absent(new CatalogObject(type, table[0], table[1], t.get(old))),
                    new Exists(new CatalogObject(type, table[0], table[1], t.get(renamedTo)))));
        }

        /** {@code type} named by the token at {@code n} (before {@code to}) on {@code table}; null when none is named there. */
        private CatalogObject named(String type, int n, int to, String[] table) {
            if (n >= to || !isName(n) || t.get(n).equals("(") || Set.of("USING", "IF").contains(up(n))) {
                return null;
            }
            return new CatalogObject(type, table[0], table[1], t.get(n));
        }

        private StatementEffect renameTable() {
            if (!at(1, "TABLE")) {
                return unknown();
            }
            int[] end = new int[1];
            String[] from = qualified(2, end);
            if (from == null || !up(end[0]).equals("TO")) {
                return unknown();
            }
            String[] to = qualified(end[0] + 1, end);
            if (to == null || end[0] < t.size()) {
                return unknown(); // several pairs: RENAME TABLE is atomic, but keep to the simple case
            }
            return new Renamed(new CatalogObject("TABLE", from[0], null, from[1]),
                    new CatalogObject("TABLE", to[0], null, to[1]));
        }

        /** {@code name} or {@code schema.name} at {@code i}: [schema or null, name]; end[0] = the index after it. */
        private String[] qualified(int i, int[] end) {
            if (!isName(i) || isKeyword(i)) {
                return null;
            }
            if (i + 2 < t.size() && t.get(i + 1).equals(".") && isName(i + 2)) {
                end[0] = i + 3;
                return new String[]{t.get(i), t.get(i + 2)};
            }
            end[0] = i + 1;
            return new String[]{null, t.get(i)};
        }

        private boolean isKeyword(int i) {
            return Set.of("IF", "ON", "ONLY", "(", "AS").contains(up(i));
        }

        private static StatementEffect unknown() {
            return new Unknown();
        }
    }

    /** Tokens with the case and quotes of names kept, read leniently enough for any vendor's statement head. */
    final class Tokens {
        /** Comments of every vendor, MySQL executable comments read as SQL, every quote style. */
        private static final LexicalRules LENIENT = LexicalRules.standard().withHashComments().withExecutableComments()
                .withBacktickIdentifiers().withBracketIdentifiers().withBackslashEscapes();

        private Tokens() {
        }

        static boolean quoted(String token) {
            char c = token.charAt(0);
            return c == '"' || c == '`' || c == '[';
        }

        static boolean word(String token) {
            return StatementWords.isWordChar(token.charAt(0));
        }

        static List<String> of(String sql, int max) {
            return StatementWords.ofKeepingCase(sql, LENIENT, max);
        }
    }
}
