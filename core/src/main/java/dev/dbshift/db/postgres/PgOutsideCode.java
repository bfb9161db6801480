package dev.dbshift.db.postgres;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.db.Database;
import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementEffect;
import dev.dbshift.sql.StatementKind;
import dev.dbshift.sql.StatementWords;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PostgreSQL statement writes outside its transaction through code the database has: {@code SELECT my_sync()}
 * where {@code my_sync} calls {@code dblink_exec}, an {@code INSERT} into a table whose trigger calls it, a view or a
 * column default that calls it. The statement's text does not show it ({@link PgOutsideWrites} reads the text), so a kill
 * after the call, or a failure after it, ran it again: the remote row twice, as with the call written out.
 * <p>
 * Read from the catalog once per run: the functions (not C) whose body calls dblink so or runs {@code COPY ... PROGRAM}
 * (one query, which finds none in nearly every database), then, only when there are some, what calls them, until nothing
 * new is found: functions whose body names one (a text match, plpgsql bodies have no dependencies recorded), tables whose
 * triggers run one, views, rules and column defaults that depend on one, event triggers that run one (then every DDL
 * statement counts). Names are matched as words, without their schema: a namesake elsewhere counts too, which can make a
 * statement in doubt after a crash that was not, never the other way round. A table counts in any statement but a schema
 * change ({@code ALTER TABLE audited ADD COLUMN} fires no trigger: a team with an audit trigger that calls dblink
 * changes that table's shape as any other's); a function or a view in any statement that runs something.
 * <p>
 * A run's definitions are learned as they are asked about, in order: {@code CREATE FUNCTION} whose body writes outside
 * or calls what does, {@code CREATE TRIGGER ... ON t} that runs one (then {@code t}), {@code CREATE VIEW}, and
 * {@code ALTER ... RENAME TO} of one; a definition, or a change of one, runs nothing itself. A definition met before
 * what it calls (pg_dump orders functions by name) waits, and is read again once a writer is learned. {@code CREATE TABLE} or
 * {@code ALTER TABLE} naming a function that writes (a default that calls it, which {@code ADD COLUMN} runs for every
 * row) both counts and is learned.
 */
final class PgOutsideCode implements Database.OutsideWrites {
    /** PostgreSQL's quoting: a dollar-quoted body is one token, as the server reads it. */
    private static final LexicalRules LEX = new PostgresScriptDialect().lexicalForWords();

    /** What calls code that writes outside, by lower-case name, with what it calls ({@code my_sync(), which calls dblink_exec}). */
    private final Map<String, String> writers = new LinkedHashMap<>();
    /**
     * Those of {@link #writers} that are tables (a trigger, a rule or a default calls the code): a row change into one
     * runs it, a schema change of one does not ({@code ALTER TABLE audited ADD COLUMN ...} fires no trigger).
     */
    private final Set<String> tables = new HashSet<>();
    /** Set when an event trigger runs such code: every DDL statement then writes outside. */
    private String ddl;
    private Pattern named;
    /**
     * The run's definitions that named no such code when they were met ({@code CREATE FUNCTION}, {@code TRIGGER},
     * {@code VIEW}, {@code RULE}): asked again each time a writer is learned, since a caller may come before what it calls
     * (pg_dump orders functions by name: {@code audit()} before the {@code my_sync()} it calls). By text: a step asks
     * each statement more than once (the walk of its scripts, then its commit points), and each is kept once.
     */
    private final Map<String, SqlStatement> waiting = new LinkedHashMap<>();
    private boolean waking;

    private PgOutsideCode() {
    }

    /** A database with no such code yet: what it learns comes from the statements it is asked about. */
    static PgOutsideCode none() {
        return new PgOutsideCode();
    }

    /** The code {@code connection}'s database has that writes outside a transaction, read from its catalog. */
    static PgOutsideCode read(Connection connection) throws SQLException {
        PgOutsideCode code = new PgOutsideCode();
        Map<String, List<String>> bodies = CatalogQuery.grouped(connection, "SELECT p.proname, p.prosrc FROM pg_catalog.pg_proc p"
                + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang WHERE l.lanname NOT IN ('c', 'internal')"
                + " AND p.prosrc ~* '(dblink|program)'");
        bodies.forEach((name, overloads) -> overloads.stream().map(PgOutsideWrites::inCode).flatMap(Optional::stream)
                .findFirst().ifPresent(w -> code.writers.put(name.toLowerCase(Locale.ROOT), name + "(), which calls " + w)));
        List<String> fresh = new ArrayList<>(code.writers.keySet());
        fresh.add("dblink_exec"); // a SQL-standard body (BEGIN ATOMIC) keeps no text, its dependencies are recorded
        fresh.add("dblink_send_query");
        for (int round = 0; round < 50 && !fresh.isEmpty(); round++) {
            fresh = code.callersOf(connection, fresh);
        }
        code.named = StatementWords.anyOf(code.writers.keySet());
        return code;
    }

    /** What calls the code named {@code names} and is not known yet, learned; returns the new names. */
    private List<String> callersOf(Connection connection, List<String> names) throws SQLException {
        StringBuilder words = new StringBuilder();
        for (String n : names) {
            words.append(words.length() == 0 ? "" : "|").append(n.replaceAll("([^A-Za-z0-9_])", "\\\\$1"));
        }
        Object[] arg = names.toArray();
        List<String[]> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT 'f', p.proname, p.prosrc FROM pg_catalog.pg_proc p"
                + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang WHERE l.lanname NOT IN ('c', 'internal')"
                + " AND p.prosrc ~* ?"
                + " UNION ALL SELECT 't', c.relname, f.proname FROM pg_catalog.pg_trigger t"
                + " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid"
                + " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND f.proname = ANY (?)"
                + " UNION ALL SELECT CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 'r' ELSE 'd' END,"
                + " COALESCE(c.relname, g.proname), f.proname FROM pg_catalog.pg_depend d"
                + " JOIN pg_catalog.pg_proc f ON d.refclassid = 'pg_catalog.pg_proc'::regclass AND f.oid = d.refobjid"
                + " LEFT JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND r.oid = d.objid"
                + " LEFT JOIN pg_catalog.pg_attrdef a ON d.classid = 'pg_catalog.pg_attrdef'::regclass AND a.oid = d.objid"
                + " LEFT JOIN pg_catalog.pg_class c ON c.oid = COALESCE(r.ev_class, a.adrelid)"
                + " LEFT JOIN pg_catalog.pg_proc g ON d.classid = 'pg_catalog.pg_proc'::regclass AND g.oid = d.objid"
                + " WHERE f.proname = ANY (?) AND COALESCE(c.relname, g.proname) IS NOT NULL"
                + " UNION ALL SELECT 'e', e.evtname, f.proname FROM pg_catalog.pg_event_trigger e"
                + " JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid WHERE e.evtenabled <> 'D' AND f.proname = ANY (?)")) {
            ps.setString(1, "\\m(" + words + ")\\M");
            Array a = connection.createArrayOf("text", arg);
            ps.setArray(2, a);
            ps.setArray(3, a);
            ps.setArray(4, a);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        List<String> fresh = new ArrayList<>();
        for (String[] r : found) {
            String name = r[1].toLowerCase(Locale.ROOT);
            String why = switch (r[0]) {
                case "f" -> r[1] + "(), which calls " + calledIn(r[2], names);
                case "t" -> r[1] + ", whose trigger calls " + r[2] + "()";
                case "d", "r" -> r[1] + ", which calls " + r[2] + "()";
                default -> null;
            };
            if (r[0].equals("e")) {
                ddl = ddl != null ? ddl : "event trigger " + r[1] + ", which calls " + r[2] + "()";
            } else if (why != null && !writers.containsKey(name)) {
                writers.put(name, why);
                fresh.add(name);
                if (r[0].equals("t") || r[0].equals("r")) {
                    tables.add(name);
                }
            }
        }
        return fresh;
    }

    /** Which of {@code names} {@code body} calls, as a user reads it ({@code g()}). */
    private String calledIn(String body, List<String> names) {
        for (String n : names) {
            if (StatementWords.anyOf(List.of(n)).matcher(body).find()) {
                return writers.containsKey(n) ? n + "()" : n;
            }
        }
        return names.get(0);
    }

    @Override
    public Optional<String> in(SqlStatement statement) {
        String sql = statement.sql();
        boolean maybe = PgOutsideWrites.maybe(sql); // the quick look, once: most statements end here
        Optional<String> written = maybe ? PgOutsideWrites.in(sql) : Optional.empty();
        if (written.isPresent()) {
            return written;
        }
        // under an event trigger that writes elsewhere, a schema change does too; what it defines is still learned
        Optional<String> event = ddl != null && statement.kind() == StatementKind.DDL ? Optional.of(ddl) : Optional.empty();
        String calls = null;
        String first = null;
        for (Matcher m = named == null ? null : named.matcher(sql); calls == null && m != null && m.find(); ) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            first = first == null ? name : first;
            if (!tables.contains(name) || statement.kind() != StatementKind.DDL) {
                calls = writers.get(name); // a table counts in what may write into it, not in a change of its shape
            }
        }
        if (first != null && statement.kind() == StatementKind.DDL) {
            renamed(sql);
        }
        String body = calls != null ? calls : maybe ? PgOutsideWrites.inCode(sql).orElse(null) : null;
        if (body == null) {
            if (!waking && statement.kind() == StatementKind.DDL && waits(StatementEffect.firstWords(sql, 5))) {
                waiting.putIfAbsent(sql, statement);
            }
            return event;
        }
        List<String> words = StatementWords.ofKeepingCase(sql, LEX, 40);
        List<String> upper = words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
        String what = body.replaceFirst(",.*", "");
        if (upper.size() > 3 && upper.get(0).equals("CREATE") && upper.get(1).equals("EVENT") && ddl == null) {
            ddl = "event trigger " + StatementWords.unquote(words.get(3)) + ", which calls " + what;
        }
        Made made = made(words, upper);
        if (made != null && !writers.containsKey(made.name())) {
            writers.put(made.name(), made.name() + switch (made.kind()) {
                case "FUNCTION", "PROCEDURE" -> "(), which calls ";
                case "TRIGGER", "RULE" -> ", whose " + made.kind().toLowerCase(Locale.ROOT) + " calls ";
                default -> ", which calls ";
            } + what);
            if (Set.of("TRIGGER", "RULE", "TABLE").contains(made.kind())) {
                tables.add(made.name());
            }
            named = StatementWords.anyOf(writers.keySet());
            wake();
        }
        // a definition runs nothing; CREATE TABLE ... DEFAULT f() and ALTER TABLE ... ADD COLUMN ... DEFAULT f() may
        return PgOutsideWrites.definition(upper.subList(0, Math.min(4, upper.size()))) || calls == null
                ? event : Optional.of(calls);
    }

    /** A definition that may come to call a writer learned later: a function, a procedure, a trigger, a view, a rule. */
    private static boolean waits(List<String> first) {
        int at = first.size() > 2 && first.get(1).equals("OR") ? 3 : 1;
        return first.size() > at && first.get(0).equals("CREATE")
                && Set.of("FUNCTION", "PROCEDURE", "TRIGGER", "CONSTRAINT", "VIEW", "RULE", "EVENT").contains(first.get(at));
    }

    /** Asks the waiting definitions again, until none learns anything more. */
    private void wake() {
        if (waking) {
            return; // a definition learned while waking: the loop below asks them all again
        }
        waking = true;
        try {
            for (int known = -1; known != learned(); ) {
                known = learned();
                waiting.values().removeIf(st -> {
                    int before = learned();
                    in(st);
                    return learned() != before;
                });
            }
        } finally {
            waking = false;
        }
    }

    /** How much is known: the writers, and the event trigger that makes every DDL one. */
    private int learned() {
        return writers.size() + (ddl == null ? 0 : 1);
    }

    /**
     * {@code ALTER FUNCTION|PROCEDURE|VIEW|TABLE name ... RENAME TO other} of a writer: {@code other} is the same writer.
     */
    private void renamed(String sql) {
        List<String> words = StatementWords.ofKeepingCase(sql, LEX, 40);
        List<String> upper = words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
        int rename = StatementWords.indexOf(upper, "RENAME", 0);
        Made made = upper.isEmpty() || !upper.get(0).equals("ALTER") || rename < 0 ? null : made(words, upper);
        if (made == null || !writers.containsKey(made.name()) || rename + 2 >= words.size()
                || !upper.get(rename + 1).equals("TO")) {
            return; // not a writer, or RENAME COLUMN / CONSTRAINT
        }
        String to = StatementWords.unquote(words.get(rename + 2)).toLowerCase(Locale.ROOT);
        writers.putIfAbsent(to, writers.get(made.name()).replaceFirst("(?i)" + Pattern.quote(made.name()), to));
        if (tables.contains(made.name())) {
            tables.add(to);
        }
        named = StatementWords.anyOf(writers.keySet());
    }

    /** What a statement defines: its name (lower case unless quoted) and its kind ({@code FUNCTION}, {@code TRIGGER}...). */
    private record Made(String name, String kind) {
    }

    private static final Set<String> BEFORE_KIND = Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "MATERIALIZED",
            "RECURSIVE", "CONSTRAINT", "GLOBAL", "LOCAL");

    private static final Set<String> BEFORE_NAME = Set.of("IF", "NOT", "EXISTS", "ONLY");

    /**
     * What the statement defines that may run the code it names: a function or procedure, a view, a table (its defaults),
     * or the table a trigger or rule is on (its name, as the statement's kind); null for any other statement.
     */
    private static Made made(List<String> words, List<String> upper) {
        if (upper.isEmpty() || !(upper.get(0).equals("CREATE") || upper.get(0).equals("ALTER"))) {
            return null;
        }
        int at = 1;
        while (at < upper.size() && BEFORE_KIND.contains(upper.get(at))) {
            at++;
        }
        if (at >= upper.size()) {
            return null;
        }
        String kind = upper.get(at);
        int name = switch (kind) {
            case "FUNCTION", "PROCEDURE", "VIEW", "TABLE" -> at + 1;
            case "TRIGGER" -> StatementWords.indexOf(upper, "ON", at + 2) + 1;
            case "RULE" -> StatementWords.indexOf(upper, "TO", at + 2) + 1;
            default -> -1;
        };
        while (name > 0 && name < upper.size() && BEFORE_NAME.contains(upper.get(name))) {
            name++;
        }
        if (name <= 0 || name >= upper.size()) {
            return null;
        }
        while (name + 2 < words.size() && words.get(name + 1).equals(".")) {
            name += 2; // schema.name: the name
        }
        String n = words.get(name);
        return new Made(StatementWords.unquote(n).toLowerCase(Locale.ROOT), kind);
    }
}
