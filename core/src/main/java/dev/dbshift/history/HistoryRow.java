package dev.dbshift.history;

import java.time.Instant;

/**
 * One row of the append-only history: one thing done (or tried) to one migration.
 *
 * @param id                 assigned by the database; 0 before insertion
 * @param version            null for repeatable migrations
 * @param kind               sql, java, repeatable, init or baseline
 * @param script             the script(s) run, e.g. {@code migrations/1.1/all.sql+migrations/1.1/prod.sql}
 * @param checksum           of the up script as it was when this row was written
 * @param schemaChecksum     the schema's checksum after the operation, when known
 * @param statementsDone     how many statements of the script succeeded (for a partly applied
 *                           migration on a database without transactional DDL); null when not counted
 * @param statementsChecksum checksum of the text of those statements, so a resumed run can tell that
 *                           the statements already run were not edited
 */
public record HistoryRow(long id, long runId, String version, String description, String kind, Operation operation,
                         String script, String checksum, String schemaChecksum, String environment,
                         String installedBy, Instant startedAt, Instant finishedAt, long durationMs, boolean success,
                         String errorMessage, String errorTrace, Integer statementsDone, String statementsChecksum) {

    /**
     * The prefix of a failed row's {@code statementsChecksum} when the rollback of the statements after the ones done
     * could not undo everything (MySQL's MyISAM rows, {@code Database#rollbackKeptRows}): what they wrote there stays,
     * and running them again would write it twice, so the next run stops until a user says what is there ({@code
     * repair --statement-not-done}) instead of resuming. A checksum of statement text never starts so.
     */
    public static final String ROWS_STAYED = "stayed:";

    /**
     * A failed row's {@code statementsChecksum} when an offline script ({@code dbshift sql}) wrote it before the
     * statements of a migration its database commits one by one, as a mark that it began it: a script that stops
     * inside it leaves this row the last, and what ran of it stays, as after {@link #ROWS_STAYED}; once it has run
     * them the script's successful row follows.
     */
    public static final String BEGUN_OFFLINE = ROWS_STAYED + "begun offline";

    /** True when this failed row is an offline script's mark that it began its migration ({@link #BEGUN_OFFLINE}). */
    public boolean begunOffline() {
        return !success && BEGUN_OFFLINE.equals(statementsChecksum);
    }

    /**
     * The step after which this row's schema checksum was taken, for messages: {@code 1.2}, {@code R views}, {@code
     * the rollback of 1.2} (a rollback row's schema is the one before that migration, not after it), or {@code the
     * failed attempt at 1.2} (the schema as the failure left it: "recorded after 1.2" read as though 1.2 were applied).
     */
    public String step() {
        String what = version == null ? "R " + description : version;
        String step = operation == Operation.ROLLBACK ? "the rollback of " + what : what;
        return success ? step : "the failed attempt at " + step;
    }

    /** True when this failed row says rows stayed through its rollback ({@link #ROWS_STAYED}). */
    public boolean rowsStayed() {
        return !success && statementsChecksum != null && statementsChecksum.startsWith(ROWS_STAYED);
    }

    /** What a row is about: the migration (or mark) and the script as it was. */
    public record Subject(String version, String description, String kind, Operation operation, String script,
                          String checksum) {
    }

    /** Who wrote a row: the run, its environment and the database user applying. */
    public record Origin(long runId, String environment, String installedBy) {
    }

    /** When a row's work ran, and how far it got in statements (null when not counted). */
    public record Timing(Instant startedAt, Instant finishedAt, long durationMs, Integer statementsDone,
                         String statementsChecksum) {
        /** Something recorded at one instant, without statements (a stamp, a skip, a baseline). */
        public static Timing at(Instant when) {
            return new Timing(when, when, 0, null, null);
        }
    }

    /** A row saying {@code subject} succeeded (the only way rows of success are made outside the store's reads). */
    public static HistoryRow applied(Origin origin, Subject subject, String schemaChecksum, Timing timing) {
        return of(origin, subject, schemaChecksum, timing, true, null, null);
    }

    /**
     * A row saying {@code subject} succeeded, with a {@code note} on how (safe DDL's lock tries; what another tool
     * recorded when {@code adopt} took its history over: its checksum, its row): kept in {@code error_message}, the
     * one free-text column, which a successful row uses for nothing else.
     */
    public static HistoryRow applied(Origin origin, Subject subject, String schemaChecksum, Timing timing, String note) {
        return of(origin, subject, schemaChecksum, timing, true, note, null);
    }

    /** A row saying {@code subject} was tried and did not complete: {@code error} says why, {@code trace} where. */
    public static HistoryRow failed(Origin origin, Subject subject, String schemaChecksum, Timing timing, String error,
                                    String trace) {
        return of(origin, subject, schemaChecksum, timing, false, error, trace);
    }

    private static HistoryRow of(Origin origin, Subject subject, String schemaChecksum, Timing t, boolean success,
                                 String error, String trace) {
        return new HistoryRow(0, origin.runId(), subject.version(), subject.description(), subject.kind(),
                subject.operation(), subject.script(), subject.checksum(), schemaChecksum, origin.environment(),
                origin.installedBy(), t.startedAt(), t.finishedAt(), t.durationMs(), success, error, trace,
                t.statementsDone(), t.statementsChecksum());
    }

    /** The same row under another id (a row derived in memory, never written, takes a negative one). */
    public HistoryRow withId(long newId) {
        return new HistoryRow(newId, runId, version, description, kind, operation, script, checksum, schemaChecksum,
                environment, installedBy, startedAt, finishedAt, durationMs, success, errorMessage, errorTrace,
                statementsDone, statementsChecksum);
    }
}
