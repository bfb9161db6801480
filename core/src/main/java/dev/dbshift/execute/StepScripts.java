package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.sql.ScriptDirectives;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;
import dev.dbshift.sql.TransactionMode;
import dev.dbshift.sql.TransactionPolicy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The scripts of one step, read and split with the database's dialect and the project's
 * placeholders. A step walks its scripts more than once (to decide the transaction mode, to count
 * its statements, to run them), so that syntax errors and refused statements surface before
 * anything runs; a script of up to {@link #IN_MEMORY} is read from disk once and split once, its
 * statements remembered as the first walk reads them and replayed by the later ones. A larger one
 * (a data dump) is streamed from its file on every walk, so it never sits in memory. Made for one
 * step and closed after it.
 */
final class StepScripts implements AutoCloseable {
    /** Scripts up to this size are split once per step and remembered; larger ones stream from the file each walk. */
    static final long IN_MEMORY = 4L * 1024 * 1024;

    private final Database database;
    private final CommitPoints.OtherSchemas writes;
    private final MigrationSource source;
    private final ScriptOptions.Placeholders placeholders;
    private final Map<ScriptRef, String> texts = new HashMap<>();
    private final Map<ScriptRef, Split> splits = new HashMap<>();
    /**
     * Scripts whose every statement {@link #inTransaction} read, each with whether one writes outside the transaction
     * ({@link #anyWritesOutside} then needs no walk of its own: a dump streamed from its file was parsed a third
     * time for it).
     */
    private final Map<ScriptRef, Boolean> writesOutsideByScript = new HashMap<>();

    /**
     * @param writes what writes outside a transaction, with the database's code (the run's {@link RowsThatStay}); asked of
     *               the statements in the order they run
     */
    StepScripts(Database database, MigrationSource source, ScriptOptions.Placeholders placeholders,
                CommitPoints.OtherSchemas writes) {
        this.database = database;
        this.writes = writes;
        this.source = source;
        this.placeholders = placeholders;
    }

    /** The script's leading directives ({@code -- dbshift:no-transaction}, {@code -- dbshift:online}). */
    ScriptDirectives directives(ScriptRef s) {
        try (Reader r = reader(s)) {
            return ScriptDirectives.read(s.name(), r);
        } catch (IOException e) {
            throw cannotRead(s, e);
        }
    }

    /** True when any of {@code scripts} carries {@code -- dbshift:online}. */
    boolean online(List<ScriptRef> scripts) {
        return scripts.stream().anyMatch(s -> directives(s).online());
    }

    /**
     * Decides the transaction mode from the whole migration before running any of it, so syntax
     * errors and a statement that cannot run in a transaction surface before anything changes.
     */
    boolean inTransaction(List<ScriptRef> scripts) {
        boolean directive = false;
        for (ScriptRef s : scripts) {
            directive |= directives(s).noTransaction();
        }
        boolean noTransaction = false;
        for (ScriptRef s : scripts) {
            try (StatementIterator it = statements(s)) {
                boolean[] outside = {false};
                Iterable<SqlStatement> statements = () -> new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public SqlStatement next() {
                        SqlStatement st = it.next();
                        // every statement, in order: a definition after the first such write is learned too
                        outside[0] |= writes.writesOutside(database, st).isPresent();
                        return st;
                    }
                };
                boolean refused = TransactionPolicy.decide(s.name(), statements, directive) == TransactionMode.NO_TRANSACTION;
                noTransaction |= refused;
                if (!refused) {
                    writesOutsideByScript.put(s, outside[0]); // "in a transaction" is answered after the last statement only
                }
            }
        }
        return !noTransaction;
    }

    /** How many statements {@code scripts} have (a whole walk: a syntax error anywhere surfaces here). */
    int count(List<ScriptRef> scripts) {
        int n = 0;
        for (ScriptRef s : scripts) {
            try (StatementIterator it = statements(s)) {
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * True when {@code scripts} may change their session for what runs after them: a word that can ({@code SET},
     * {@code RESET}, {@code USE}, a call, a {@code DO} block, a {@code SELECT} of {@code set_config}, ...) anywhere in
     * the text, comments too; a script too large to keep is taken to.
     */
    boolean mayChangeSession(List<ScriptRef> scripts) {
        return anyNames(scripts, SESSION_WORDS);
    }

    /**
     * Whether {@code scripts} may change what dbshift's own writes in their step need (a role, a search path, the
     * character set the server reads): whether they have one of the vendor's {@code words}; true when one cannot be
     * read. Narrower than {@link #mayChangeSession}: it is asked before
     * every history row and progress mark of the step, each then one round trip more.
     */
    boolean mayChangeOwnWrites(List<ScriptRef> scripts, java.util.regex.Pattern words) {
        return anyNames(scripts, words);
    }

    /** True when the text of one of {@code scripts} has a match of {@code words}, or cannot be kept to be read. */
    private boolean anyNames(List<ScriptRef> scripts, java.util.regex.Pattern words) {
        for (ScriptRef s : scripts) {
            String text = text(s);
            if (text == null || words.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern SESSION_WORDS = java.util.regex.Pattern.compile(
            "\\b(SET|RESET|USE|CALL|DO|EXECUTE|EXEC|SELECT|PERFORM|DISCARD|PREPARE|SOURCE|PRAGMA)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** What may release the session's locks: the statements themselves, or a call of a function, procedure or block. */
    private static final java.util.regex.Pattern RELEASE_WORDS = java.util.regex.Pattern.compile(
            "\\b(DISCARD|CALL|DO|PERFORM|EXECUTE|EXEC|SELECT)\\b|ADVISORY_UNLOCK|RELEASE_ALL_LOCKS|RELEASE_LOCK",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** True when {@code scripts} may release the session's locks (a word above anywhere); a script too large to keep is taken to. */
    boolean mayReleaseLock(List<ScriptRef> scripts) {
        return anyNames(scripts, RELEASE_WORDS);
    }

    private static final java.util.regex.Pattern SESSION_OBJECT_WORDS = java.util.regex.Pattern.compile(
            "\\b(TEMP|TEMPORARY|PREPARE|DECLARE|ATTACH)\\b|(?<![@\\w$])@[\\w$`'\"]",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * A user variable ({@code @name}, MySQL's and H2's), bare or quoted; not a system variable ({@code @@name}), an
     * operator ({@code @>}, {@code @@}) or the {@code @} of an address in a string or comment ({@code ops@example.com}).
     */
    private static final java.util.regex.Pattern USER_VARIABLE = java.util.regex.Pattern.compile(
            "(?<![@\\w$])@(?:`((?:[^`]|``)+)`|'((?:[^'\\\\]|'')+)'|\"((?:[^\"\\\\]|\"\")+)\"|([\\w$.]+))");

    /** {@code SET [SESSION|LOCAL] a.b}, {@code RESET a.b}, {@code set_config('a.b', ...)}: a custom setting set. */
    private static final java.util.regex.Pattern SETS_CUSTOM = java.util.regex.Pattern.compile(
            "\\b(?:SET|RESET)\\s+(?:SESSION\\s+|LOCAL\\s+)?((?:\"[^\"]+\"|[A-Za-z_][\\w$]*)\\s*\\.\\s*(?:\"[^\"]+\"|[A-Za-z_][\\w$]*))"
                    + "|\\bset_config\\s*\\(\\s*'([^'.]+\\.[^']+)'", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** {@code CREATE TEMPORARY TABLE [IF NOT EXISTS] name}, the name bare, quoted or qualified. */
    private static final java.util.regex.Pattern CREATES_TEMPORARY_TABLE = java.util.regex.Pattern.compile(
            "\\bCREATE\\s+(?:LOCAL\\s+|GLOBAL\\s+)?TEMP(?:ORARY)?\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "((?:`[^`]+`|\"[^\"]+\"|[\\w$]+)(?:\\s*\\.\\s*(?:`[^`]+`|\"[^\"]+\"|[\\w$]+))?)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * True when {@code scripts} may leave objects in their session (a temporary table, a prepared statement, a cursor, an
     * attached database: the word anywhere); a script too large to keep is taken to.
     */
    boolean mayLeaveSessionObjects(List<ScriptRef> scripts) {
        return anyNames(scripts, SESSION_OBJECT_WORDS);
    }

    /**
     * What {@code scripts} name that may outlive them in their session, as written: the temporary tables they create by
     * name, and the user variables they mention anywhere (unquoted, each once whatever its case, as the server compares
     * them); those of a script too large to keep are not read.
     */
    Database.SessionState.Named named(List<ScriptRef> scripts) {
        List<String> tables = new java.util.ArrayList<>();
        java.util.Map<String, String> variables = new java.util.LinkedHashMap<>();
        for (ScriptRef s : scripts) {
            String text = text(s);
            if (text != null) {
                java.util.regex.Matcher m = CREATES_TEMPORARY_TABLE.matcher(text);
                while (m.find()) {
                    if (!tables.contains(m.group(1))) {
                        tables.add(m.group(1));
                    }
                }
                m = USER_VARIABLE.matcher(text);
                while (m.find()) {
                    String name = m.group(1) != null ? m.group(1).replace("``", "`")
                            : m.group(2) != null ? m.group(2).replace("''", "'")
                            : m.group(3) != null ? m.group(3).replace("\"\"", "\"") : m.group(4);
                    if (name.length() <= 64) { // MySQL's longest: a longer run after an @ is no name it takes
                        variables.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name);
                    }
                }
            }
        }
        return new Database.SessionState.Named(tables, List.copyOf(variables.values()), customSettings(scripts));
    }

    /** The custom settings (a dotted name) {@code scripts} set or reset, as the server folds them (lower case). */
    private List<String> customSettings(List<ScriptRef> scripts) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (ScriptRef s : scripts) {
            String text = text(s);
            if (text != null) {
                java.util.regex.Matcher m = SETS_CUSTOM.matcher(text);
                while (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2);
                    names.add(name.replace("\"", "").replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * Whether a statement of {@code scripts} writes outside the transaction it runs in
     * ({@link Database#writesOutsideTransaction}): as {@link #inTransaction} found when it read them all, else read now.
     */
    boolean anyWritesOutside(List<ScriptRef> scripts) {
        if (scripts.stream().allMatch(writesOutsideByScript::containsKey)) {
            return scripts.stream().anyMatch(writesOutsideByScript::get);
        }
        for (ScriptRef s : scripts) {
            try (StatementIterator it = statements(s)) {
                while (it.hasNext()) {
                    if (writes.writesOutside(database, it.next()).isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The checksum of all the statements of {@code scripts}, as a mark counting them all records it. */
    String checksum(List<ScriptRef> scripts) {
        StatementChecksum all = new StatementChecksum();
        for (ScriptRef s : scripts) {
            try (StatementIterator it = statements(s)) {
                while (it.hasNext()) {
                    all.add(it.next().sql());
                }
            }
        }
        return all.current();
    }

    /** The statements of {@code s}, from the one split of this step when the script is small, else streamed. */
    StatementIterator statements(ScriptRef s) {
        Split split = splits.get(s);
        if (split != null) {
            return split.replay();
        }
        String text = text(s);
        if (text == null) {
            return split(s, reader(s));
        }
        split = new Split(split(s, new StringReader(text)));
        splits.put(s, split);
        return split.replay();
    }

    private StatementIterator split(ScriptRef s, Reader r) {
        return database.scriptDialect().split(r, placeholders.forScript(s.name(), source.encoding()));
    }

    /** The script's text when it is small enough to keep for the step (read once), else null. */
    private String text(ScriptRef s) {
        String text = texts.get(s);
        if (text != null) {
            return text;
        }
        try {
            long size = s.path() == null ? Long.MAX_VALUE : Files.size(s.path());
            if (size > IN_MEMORY) {
                return null;
            }
            text = source.text(s);
        } catch (IOException e) {
            throw cannotRead(s, e);
        }
        texts.put(s, text);
        return text;
    }

    private Reader reader(ScriptRef s) {
        String text = text(s);
        if (text != null) {
            return new StringReader(text);
        }
        try {
            return source.reader(s);
        } catch (IOException e) {
            throw cannotRead(s, e);
        }
    }

    private static DbShiftException cannotRead(ScriptRef s, IOException e) {
        return new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        splits.values().forEach(Split::close);
        splits.clear();
        texts.clear();
        writesOutsideByScript.clear();
    }

    /**
     * One split of a small script, remembered as it is read: each walk replays what the walks before
     * it read, then reads on. A syntax error is remembered too, and every later walk meets it at the
     * same statement, as a new split would.
     */
    private static final class Split {
        private final StatementIterator source;
        private final List<SqlStatement> read = new ArrayList<>();
        private RuntimeException failure;
        private boolean exhausted;

        Split(StatementIterator source) {
            this.source = source;
        }

        /** True when statement {@code i} exists, reading it from the script if no walk has yet. */
        private boolean has(int i) {
            while (read.size() <= i) {
                if (failure != null) {
                    throw failure;
                }
                if (exhausted) {
                    return false;
                }
                try {
                    if (source.hasNext()) {
                        read.add(source.next());
                    } else {
                        exhausted = true;
                        source.close();
                    }
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return true;
        }

        StatementIterator replay() {
            return new StatementIterator() {
                private int next;

                @Override
                public boolean hasNext() {
                    return has(next);
                }

                @Override
                public SqlStatement next() {
                    if (!has(next)) {
                        throw new NoSuchElementException();
                    }
                    return read.get(next++);
                }

                @Override
                public String trailing() {
                    return source.trailing();
                }

                @Override
                public void close() {
                    // the split stays open for the step's next walk; the step closes it
                }
            };
        }

        void close() {
            source.close();
        }
    }
}
