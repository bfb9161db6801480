package dev.dbshift.execute;

import dev.dbshift.db.Database;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementClassifier;
import dev.dbshift.sql.StatementEffect;
import dev.dbshift.sql.StatementIterator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides, never guesses, whether the statement a dead run was running completed. Its run row says
 * how many statements of the migration were done (the mark); the one after the mark was running.
 * Asked with the migration lock held (a session lock is freed by the server only after it has
 * finished or rolled back the dead session's statement, so the statement is no longer running) by
 * {@code up}, and without it by {@code status}, which says what the next {@code up} will do.
 *
 * <ol>
 *   <li>A statement that ran in one transaction with its mark ({@link CommitPoints.How#WITH_MARK}, or
 *       inside the script's own transaction) did not complete: had it committed, so had its mark.</li>
 *   <li>A statement that is harmless to run again ({@link StatementEffect.Harmless}) is taken as not
 *       done, and runs again.</li>
 *   <li>A statement whose effect the catalog shows (a table that exists, a column that is gone) is
 *       decided by asking the catalog. An index half built by an interrupted CREATE INDEX
 *       CONCURRENTLY is neither: the user must drop it.</li>
 *   <li>Anything else is undecided: {@code up} stops (exit 3) and asks the user to check and record
 *       the answer with {@code repair --statement-done|--statement-not-done}. Where the database itself left an
 *       ALTER TABLE half done (H2's copy, drop and rename), the message says what is there and how to mend it.</li>
 * </ol>
 *
 * Under MySQL table locks no mark is written between LOCK TABLES and UNLOCK TABLES, so the
 * statement in doubt is that whole range; it is decided the same way, statement by statement.
 */
public final class InterruptedStatement {

    /** What the decision says. */
    public enum Outcome { DONE, NOT_DONE, UNDECIDED }

    /**
     * A decision about one interrupted run.
     *
     * @param first              the first statement that was in doubt (1-based)
     * @param last               the last one (the same unless under table locks)
     * @param statementsDone     how many statements to record as done: the mark, or through {@code last} when DONE
     * @param statementsChecksum the checksum of those statements' text
     * @param notDoneChecksum    the checksum of the statements through the mark (for a repair that says "not done")
     * @param doneChecksum       the checksum through {@code last} (for a repair that says "done")
     * @param message            what to record and show
     */
    public record Decision(RunRow run, String version, Outcome outcome, int first, int last, int statementsDone,
                           String statementsChecksum, String notDoneChecksum, String doneChecksum, String message) {
        public boolean undecided() {
            return outcome == Outcome.UNDECIDED;
        }

        Decision asUndecided() {
            return new Decision(run, version, Outcome.UNDECIDED, first, last, statementsDone, statementsChecksum, notDoneChecksum,
                    doneChecksum, message);
        }
    }

    private final Connection connection;
    private final Database database;
    private final String schema;
    private final Function<ScriptRef, StatementIterator> splitter;
    /** Whether a script's ALTER TABLEs go through the online change engine, whose own state table knows what finished. */
    private final java.util.function.Predicate<ScriptRef> online;
    /** The run's tables that keep rows and code that writes outside a transaction, read when a decision begins. */
    private RowsThatStay rows;

    InterruptedStatement(Connection connection, Database database, String schema, Function<ScriptRef, StatementIterator> splitter,
                         java.util.function.Predicate<ScriptRef> online) {
        this.connection = connection;
        this.database = database;
        this.schema = schema;
        this.splitter = splitter;
        this.online = online;
    }

    private record Numbered(ScriptRef script, SqlStatement statement, CommitPoints.How how, boolean markAfter, String checksum,
                            boolean rowsMayStay) {
    }

    /**
     * The prefix of a run's progress checksum when its mark counts the statements of a down script (the runs table has
     * no column for the direction, and a checksum of statement text never starts so).
     */
    public static final String DOWN_MARK = "down:";

    /**
     * The prefix of a run's progress checksum (after {@link #DOWN_MARK}) when its step began with row changes running
     * alone (each with its own mark, in doubt after a crash), as rows may land in tables that keep them through a
     * rollback (MySQL's MyISAM): the
     * schema read after a crash may no longer show it (the step dropped the last such table).
     */
    public static final String ROWS_MAY_STAY_MARK = "stay:";

    /**
     * The prefix of a run's progress checksum (after {@link #DOWN_MARK}) when the mark was committed before a step that
     * runs in one transaction and writes outside it ({@link Database#writesOutsideTransaction}: PostgreSQL's
     * {@code dblink_exec}); the checksum after it is that of all the step's statements. A crash in such a step rolls the
     * transaction back, but not what it wrote outside: the step is in doubt as a whole.
     */
    public static final String OUTSIDE_MARK = "outside:";

    /** Whether {@code run}'s mark was committed before a transactional step that writes outside it ({@link #OUTSIDE_MARK}). */
    public static boolean wholeStep(RunRow run) {
        String p = run.progressChecksum();
        return p != null && (p.startsWith(OUTSIDE_MARK) || p.startsWith(DOWN_MARK + OUTSIDE_MARK));
    }

    /** Whether {@code run}'s mark counts the statements of a down script. */
    public static boolean down(RunRow run) {
        return run.progressChecksum() != null && run.progressChecksum().startsWith(DOWN_MARK);
    }

    /** Decides about {@code run}, whose mark names {@code migration} (null when its scripts are gone). */
    public Decision decide(RunRow run, MigrationRef migration) throws SQLException {
        int k = run.progressStatements();
        String version = run.progressVersion();
        String named = MigrationRef.named(version); // "version 1.2", or "repeatable migration views"
        boolean down = down(run);
        String progress = down ? run.progressChecksum().substring(DOWN_MARK.length()) : run.progressChecksum();
        boolean markedRowsMayStay = progress != null && progress.startsWith(ROWS_MAY_STAY_MARK);
        if (markedRowsMayStay) {
            progress = progress.substring(ROWS_MAY_STAY_MARK.length());
        }
        String next = down ? "the next 'down'" : "the next 'up'";
        String who = "run #" + run.id() + " (" + run.command() + ", started " + run.startedAt() + " on " + run.host() + ")";
        if (migration == null) {
            return new Decision(run, version, Outcome.UNDECIDED, k + 1, k + 1, k, progress, progress,
                    null, "statement " + (k + 1) + " of " + named + " may or may not have completed (" + who
                    + " was interrupted while it ran, and its script is gone); " + repairHint(version));
        }
        if (migration.java() != null) {
            // its mark is written before the first statement that changes something (CommittedStatements)
            return new Decision(run, version, Outcome.UNDECIDED, 1, 1, 0, null, null, null, "version " + migration.label()
                    + " (Java migration " + migration.scriptName() + ") had begun to change the database"
                    + (down ? ", going down," : "") + " when " + who + " was interrupted; dbshift cannot see how far Java"
                    + " code got: check what it changed, then undo all of it and run 'dbshift repair --statement-not-done "
                    + version + "' (" + next + " runs it from its start), or finish it by hand and run 'dbshift repair"
                    + " --statement-done " + version + "' (it is recorded as " + (down ? "reverted" : "applied") + ")");
        }
        List<Numbered> all = new ArrayList<>();
        // as the step began (its mark says so), or the tables that keep rows through a rollback as they are now: at least
        // those the statement that was running met; other schemas the statements name, as they are now
        rows = new RowsThatStay(connection, database, schema);
        CommitPoints points = new CommitPoints(database, markedRowsMayStay || rows.may(), rows);
        StatementChecksum prefix = new StatementChecksum();
        String markChecksum = prefix.current();
        for (ScriptRef s : down ? migration.down() : migration.up()) {
            try (StatementIterator it = splitter.apply(s)) {
                while (it.hasNext()) {
                    SqlStatement st = it.next();
                    CommitPoints.How how = points.next(st);
                    prefix.add(st.sql());
                    all.add(new Numbered(s, st, how, points.canMark(), prefix.current(), points.rowsMayStay()));
                    if (all.size() == k) {
                        markChecksum = prefix.current();
                    }
                }
            }
        }
        if (wholeStep(run)) {
            return wholeStepInDoubt(run, version, migration, all, progress.substring(OUTSIDE_MARK.length()), who, next);
        }
        if (k >= all.size()) {
            return new Decision(run, version, Outcome.DONE, k, k, k, progress, progress,
                    progress, "interrupted: " + who + " stopped after all " + k + " statement(s) of "
                    + named + " had run; " + next + " records it");
        }
        Numbered in = all.get(k);
        String where = in.script().name() + ":" + in.statement().line();
        if (progress != null && !progress.equals(markChecksum)) {
            return new Decision(run, version, Outcome.UNDECIDED, k + 1, k + 1, k, progress, progress,
                    null, where + ": statement " + (k + 1) + " of " + named + " may or may not have completed (" + who
                    + " was interrupted while it ran, and the " + k + " statement(s) before it have been edited since);"
                    + " restore them, or " + repairHint(version));
        }
        int last = k;
        while (last < all.size() - 1 && !all.get(last).markAfter()) {
            last++; // under table locks: no mark until UNLOCK TABLES
        }
        List<Numbered> range = all.subList(k, last + 1);
        String what = range.size() == 1 ? "statement " + (k + 1) : "statements " + (k + 1) + " to " + (last + 1);
        String doneChecksum = all.get(last).checksum();
        Optional<Decision> kept = scriptTransactionKeepingRows(run, version, all, k, markChecksum, who);
        if (kept.isPresent()) {
            return kept.get();
        }
        // an online ALTER runs on the engine's own sessions, never in the mark's transaction, even where DDL is transactional
        boolean onlineIn = StatementClassifier.isAlterTable(in.statement().sql()) && online.test(in.script());
        if (!onlineIn && (in.how() == CommitPoints.How.WITH_MARK || in.how() == CommitPoints.How.IN_SCRIPT_TRANSACTION)) {
            return notDone(run, version, k, last + 1, markChecksum, doneChecksum, stopped(who, k, version, what, where)
                    + "; not done: it ran in one transaction with its progress mark, which did not commit; " + next
                    + " runs it again");
        }
        int verifiedDone = 0;
        int verifiedNotDone = 0;
        List<String> evidence = new ArrayList<>();
        // the catalog is read where the project's schema is; a script that moved unqualified names elsewhere first
        // (USE, SET search_path) made its objects there, and what the project's schema shows says nothing about them
        String moved = null;
        for (Numbered n : all.subList(0, k)) {
            if (database.scriptDialect().movesNames(n.statement().sql())) {
                moved = n.script().name() + ":" + n.statement().line();
            }
        }
        for (Numbered n : range) {
            if (StatementClassifier.isAlterTable(n.statement().sql()) && online.test(n.script())) {
                // the engine records the change in its state table: running the statement again resumes it from its
                // checkpoint, or finds it finished and does not run the ALTER again
                evidence.add("an online change: the engine's state table knows whether it finished");
                continue;
            }
            StatementEffect effect = StatementEffect.of(n.statement().sql());
            if (tableLeftUnderItsCopy(n)) {
                // the database left half of an ALTER behind (H2's copy of the table, its original dropped): neither a
                // column looked up on the table nor running it again tells; a person mends it, as the message says. A
                // copy beside the table says the ALTER did not complete, which the statement's own check finds too
                effect = new StatementEffect.Unknown();
            }
            Optional<String> outside = rows.writesOutside(database, n.statement());
            if (outside.isPresent()) {
                // a query by its first word, but what it wrote elsewhere neither the catalog nor running it again tells
                return undecided(run, version, k, last + 1, markChecksum, doneChecksum, n.script().name() + ":"
                        + n.statement().line() + ": " + what + " of " + named + " may or may not have completed ("
                        + who + " was interrupted while " + (range.size() == 1 ? "it" : "they") + " ran), and it writes"
                        + " outside its transaction (" + outside.get() + "), where what it wrote may have committed; check"
                        + " there and " + repairHint(version));
            }
            if (effect instanceof StatementEffect.Harmless h) {
                evidence.add("running it again is harmless: " + h.why());
                continue;
            }
            Optional<Boolean> done = verify(effect, evidence, moved);
            if (done.isEmpty()) {
                String invalid = evidence.isEmpty() ? null : evidence.get(evidence.size() - 1);
                if (invalid != null && invalid.startsWith("MOVED ")) {
                    return undecided(run, version, k, last + 1, markChecksum, doneChecksum, where + ": " + what + " of "
                            + named + " may or may not have completed (" + who + " was interrupted while "
                            + (range.size() == 1 ? "it" : "they") + " ran), and " + invalid.substring(6) + "; check the"
                            + " database and " + repairHint(version));
                }
                if (invalid != null && invalid.startsWith("MIXED ")) {
                    return undecided(run, version, k, last + 1, markChecksum, doneChecksum, where + ": " + what + " of "
                            + named + " was interrupted (" + who + "), and what its ALTER TABLE adds and drops is there only"
                            + " in part (" + invalid.substring(6) + "), which the server, applying it whole, does not leave:"
                            + " the table was changed since; check it and " + repairHint(version));
                }
                if (invalid != null && invalid.startsWith("INVALID ")) {
                    return undecided(run, version, k, last + 1, markChecksum, doneChecksum, where + ": " + what + " of " + named
                            + " was interrupted (" + who + ") and left " + invalid.substring(8) + " half built (INVALID): it is"
                            + " neither there nor gone. Drop it with 'DROP INDEX CONCURRENTLY " + invalid.substring(invalid.lastIndexOf(' ') + 1)
                            + "', then record it with 'dbshift repair --statement-not-done " + MigrationRef.argument(version) + "'");
                }
                return undecided(run, version, k, last + 1, markChecksum, doneChecksum, where + ": " + what + " of " + named
                        + " may or may not have completed (" + who + " was interrupted while "
                        + (range.size() == 1 ? "it" : "they") + " ran); " + leftBehind(range) + underTableLocks(range)
                        + "check the database and "
                        + repairHint(version));
            }
            if (done.get()) {
                verifiedDone++;
            } else {
                verifiedNotDone++;
            }
        }
        String because = String.join("; ", evidence);
        if (verifiedDone > 0 && verifiedNotDone > 0) {
            return undecided(run, version, k, last + 1, markChecksum, doneChecksum, where + ": " + what + " of " + named
                    + " completed in part (" + who + " was interrupted while they ran: " + because + "); finish or undo them"
                    + " by hand, then " + repairHint(version));
        }
        if (verifiedDone > 0) {
            return new Decision(run, version, Outcome.DONE, k + 1, last + 1, last + 1, doneChecksum, markChecksum, doneChecksum,
                    stopped(who, k, version, what, where) + "; done (" + because + "); " + next + " goes on after it");
        }
        return notDone(run, version, k, last + 1, markChecksum, doneChecksum, stopped(who, k, version, what, where)
                + "; not done (" + because + "); " + next + " runs it again");
    }

    /**
     * The script's own transaction (from the statement after the mark, its {@code BEGIN} or one in it, to its end) was
     * interrupted while rows could land in tables that keep them through a rollback: the server rolled the transaction
     * back, marks included, but what it wrote there stays, and running it again would write it twice. Undecided when the
     * transaction has a row change; empty otherwise.
     */
    private Optional<Decision> scriptTransactionKeepingRows(RunRow run, String version, List<Numbered> all, int k,
                                                            String markChecksum, String who) {
        Numbered in = all.get(k);
        boolean opens = k + 1 < all.size() && all.get(k + 1).how() == CommitPoints.How.IN_SCRIPT_TRANSACTION
                && in.how() != CommitPoints.How.IN_SCRIPT_TRANSACTION;
        if (!(in.how() == CommitPoints.How.IN_SCRIPT_TRANSACTION || opens)) {
            return Optional.empty();
        }
        int last = k;
        while (last + 1 < all.size() && all.get(last + 1).how() == CommitPoints.How.IN_SCRIPT_TRANSACTION) {
            last++;
        }
        boolean writes = false;
        for (Numbered n : all.subList(k, last + 1)) {
            writes |= n.rowsMayStay() && database.sharesTransactionWithMark(n.statement());
        }
        Optional<OutsideWrite> outside = firstOutsideWrite(all.subList(k, last + 1));
        if (!writes && outside.isEmpty()) {
            return Optional.empty();
        }
        String where = in.script().name() + ":" + in.statement().line();
        String stayed = outside.map(o -> "what " + o.place() + " (" + o.what() + ") wrote outside the transaction, which may"
                + " have committed").orElse("the rows of a table that keeps them through a rollback (MyISAM, Aria, MEMORY)");
        String arg = MigrationRef.argument(version);
        return Optional.of(undecided(run, version, k, last + 1, markChecksum, all.get(last).checksum(), where + ": statements "
                + (k + 1) + " to " + (last + 1) + " of " + MigrationRef.named(version) + " (the script's own transaction) were"
                + " interrupted (" + who + "); the server rolled back what they wrote, all but " + stayed + ": running them again"
                + " would write those twice. Remove them by hand and run 'dbshift repair --statement-not-done " + arg + "' (they"
                + " run again), or finish the transaction by hand and run 'dbshift repair --statement-done " + arg + "'"));
    }

    /**
     * A step that ran in one transaction and writes outside it ({@link #OUTSIDE_MARK}) was interrupted: the server rolled
     * the transaction back, but what it wrote outside may have committed. Undecided as a whole: a user says whether it is
     * done ({@code repair --statement-done} records it applied) or undone ({@code --statement-not-done}: it runs again
     * from its start). {@code marked} is the checksum of its statements when it began.
     */
    private Decision wholeStepInDoubt(RunRow run, String version, MigrationRef migration, List<Numbered> all, String marked,
                                      String who, String next) {
        String full = all.isEmpty() ? new StatementChecksum().current() : all.get(all.size() - 1).checksum();
        String writer = firstOutsideWrite(all).map(o -> " (" + o.what() + ", " + o.place() + ")").orElse("");
        boolean down = down(run);
        String arg = MigrationRef.argument(version);
        String kind = migration.version() == null ? "repeatable migration " : "version ";
        return new Decision(run, version, Outcome.UNDECIDED, 1, Math.max(all.size(), 1), 0, null, null, full, kind
                + migration.label() + " writes outside its transaction" + writer + (marked.equals(full) ? ""
                : ", and its scripts have been edited since it ran") + ": " + who + " was interrupted in it, the server rolled"
                + " the transaction back, but what it wrote outside may have committed; check it, then undo that and run"
                + " 'dbshift repair --statement-not-done " + arg + "' (" + next + " runs it from its start), or finish the"
                + " migration by hand and run 'dbshift repair --statement-done " + arg + "' (it is recorded as "
                + (down ? "reverted" : "applied") + ")");
    }

    /** A statement that writes outside its transaction: its place ({@code file:line}) and what in it does. */
    private record OutsideWrite(String place, String what) {
    }

    /** The first of {@code statements} that writes outside its transaction ({@link Database#writesOutsideTransaction}). */
    private Optional<OutsideWrite> firstOutsideWrite(List<Numbered> statements) {
        for (Numbered n : statements) {
            Optional<String> w = rows.writesOutside(database, n.statement());
            if (w.isPresent()) {
                return Optional.of(new OutsideWrite(n.script().name() + ":" + n.statement().line(), w.get()));
            }
        }
        return Optional.empty();
    }

    private static Decision notDone(RunRow run, String version, int k, int last, String markChecksum, String doneChecksum, String message) {
        return new Decision(run, version, Outcome.NOT_DONE, k + 1, last, k, markChecksum, markChecksum, doneChecksum, message);
    }

    private static Decision undecided(RunRow run, String version, int k, int last, String markChecksum, String doneChecksum, String message) {
        return notDone(run, version, k, last, markChecksum, doneChecksum, message).asUndecided();
    }

    private static String stopped(String who, int k, String version, String what, String where) {
        return "interrupted: " + who + " stopped after " + k + " statement(s) of " + MigrationRef.named(version) + " had run,"
                + " while " + what + " (" + where + ") ran";
    }

    /** What the database left half done in the range's ALTER TABLEs, each followed by "; " (none: empty). */
    private String leftBehind(List<Numbered> range) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (Numbered n : range) {
            Optional<StatementEffect.CatalogObject> table = StatementEffect.alteredTable(n.statement().sql());
            if (table.isPresent()) {
                database.interruptedAlter(connection, schema, table.get()).ifPresent(left -> out.append(left).append("; "));
            }
        }
        return out.toString();
    }

    /** Whether {@code n} is an ALTER TABLE whose table is gone and the database left a copy of it ({@link #leftBehind}). */
    private boolean tableLeftUnderItsCopy(Numbered n) throws SQLException {
        Optional<StatementEffect.CatalogObject> table = StatementEffect.alteredTable(n.statement().sql());
        return table.isPresent() && !leftBehind(List.of(n)).isEmpty()
                && database.presence(connection, schema, table.get()).orElse(Database.Presence.PRESENT) == Database.Presence.ABSENT;
    }

    /**
     * For a range under table locks ({@code LOCK TABLES} to {@code UNLOCK TABLES}, a dump's load of one table), what
     * is likely there, followed by "; ": each of its statements committed on its own, so the tables it locked may hold
     * part of what it wrote. Empty for any other range.
     */
    private static String underTableLocks(List<Numbered> range) {
        if (range.size() < 2 || range.get(1).how() != CommitPoints.How.UNDER_TABLE_LOCKS) {
            return "";
        }
        List<String> tables = new ArrayList<>();
        // FLUSH TABLES ... WITH READ LOCK names none: nothing can be written under it
        for (StatementEffect.CatalogObject t : StatementEffect.lockedTables(range.get(0).statement().sql())) {
            tables.add(t.schema() == null ? t.name() : t.schema() + "." + t.name());
        }
        if (tables.isEmpty()) {
            return "";
        }
        return "each of them committed on its own (no progress mark can be written under LOCK TABLES), so "
                + String.join(", ", tables) + " may hold part of what they wrote: remove it and record them not done (they run"
                + " again), or complete them by hand and record them done; ";
    }

    static String repairHint(String version) {
        String arg = MigrationRef.argument(version);
        return "record what happened with 'dbshift repair --statement-done " + arg + "' or 'dbshift repair --statement-not-done "
                + arg + "'";
    }

    /**
     * True: the statement's effect is there; false: it is not; empty: the catalog cannot tell (evidence says why). With
     * {@code moved} (where the script moved unqualified names before), an unqualified name is not looked up.
     */
    private Optional<Boolean> verify(StatementEffect effect, List<String> evidence, String moved) throws SQLException {
        if (effect instanceof StatementEffect.AllOf all) {
            // the server applied the statement whole or not at all (a kill does not stop an ALTER half way): every part
            // there is done, none is not done; a mix (someone changed the table since) is for a person to look at
            List<Boolean> seen = new ArrayList<>();
            List<String> found = new ArrayList<>();
            for (StatementEffect part : all.parts()) {
                Optional<Boolean> p = verify(part, found, moved);
                if (p.isEmpty()) {
                    evidence.addAll(found);
                    return Optional.empty();
                }
                seen.add(p.get());
            }
            if (seen.contains(true) && seen.contains(false)) {
                evidence.add("MIXED " + found.stream().map(f -> f.replaceFirst("^verified: ", ""))
                        .collect(java.util.stream.Collectors.joining(", ")));
                return Optional.empty();
            }
            evidence.addAll(found);
            return Optional.of(seen.get(0));
        }
        if (moved != null) {
            java.util.List<StatementEffect.CatalogObject> named = effect instanceof StatementEffect.Exists e ? List.of(e.object())
                    : effect instanceof StatementEffect.Absent a ? List.of(a.object())
                    : effect instanceof StatementEffect.Renamed r ? List.of(r.from(), r.to()) : List.of();
            for (StatementEffect.CatalogObject o : named) {
                if (o.schema() == null) {
                    evidence.add("MOVED " + moved + " changed where the session finds " + o + " before it, so the catalog of"
                            + " the project's schema cannot tell");
                    return Optional.empty();
                }
            }
        }
        if (effect instanceof StatementEffect.Exists e) {
            Optional<Database.Presence> p = database.presence(connection, schema, e.object());
            if (p.isEmpty()) {
                return Optional.empty();
            }
            if (p.get() == Database.Presence.INVALID) {
                evidence.add("INVALID " + e.object());
                return Optional.empty();
            }
            boolean there = p.get() == Database.Presence.PRESENT;
            evidence.add("verified: " + e.object() + (there ? " exists" : " does not exist"));
            return Optional.of(there);
        }
        if (effect instanceof StatementEffect.Absent a) {
            Optional<Database.Presence> p = database.presence(connection, schema, a.object());
            if (p.isEmpty()) {
                return Optional.empty();
            }
            boolean gone = p.get() == Database.Presence.ABSENT;
            evidence.add("verified: " + a.object() + (gone ? " is gone" : " still exists"));
            return Optional.of(gone);
        }
        if (effect instanceof StatementEffect.Renamed r) {
            Optional<Database.Presence> from = database.presence(connection, schema, r.from());
            Optional<Database.Presence> to = database.presence(connection, schema, r.to());
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.empty();
            }
            boolean renamed = from.get() == Database.Presence.ABSENT && to.get() == Database.Presence.PRESENT;
            boolean notYet = from.get() == Database.Presence.PRESENT && to.get() == Database.Presence.ABSENT;
            if (!renamed && !notYet) {
                return Optional.empty();
            }
            evidence.add("verified: " + (renamed ? r.to() + " exists and " + r.from() + " is gone" : r.from() + " still exists"));
            return Optional.of(renamed);
        }
        return Optional.empty();
    }
}
