/**
 * The history table (an append-only log of operations) and the runs table (one row per writing
 * command). Applied state is derived from the log by {@link dev.dbshift.history.AppliedState},
 * never stored: a migration is applied when its latest successful row is not a rollback. Keeping
 * a mutable "current state" row (as many tools do) was rejected because it loses failures and
 * because two writers can disagree about it; a log can always be replayed.
 *
 * <p>The runs table is the one place rows are updated: a run's end, and, on databases without
 * transactional DDL, its progress through a migration statement by statement, so that a process
 * killed mid-migration leaves a record the next run turns into a failed history row and resumes
 * from. The runs table gains a row with every {@code up} (no-op ones too) and nothing prunes it, so what
 * {@code up}, {@code status} and {@code repair} read of it, the unfinished runs, the server filters
 * ({@code unfinishedRuns}); reading every run cost 55-60 ms per command at 20,000 runs. Table names are qualified with the schema read at connect time, so scripts
 * that change {@code search_path} or {@code USE} another database do not move the history.
 *
 * <p>Every write of the store passes the lock's fence ({@link dev.dbshift.db.Locker#fence()}, set when the
 * session takes the lock) in the write's own transaction: in the migration's transaction for its history
 * row, inside a script's own {@code BEGIN ... COMMIT} in that transaction (the driver does not see a SQL {@code BEGIN},
 * and a transaction of the store's own there failed on SQLite), else in a short transaction of its own. So a run
 * whose H2/SQLite lease was taken over while it
 * stalled stops before it writes, and the executor, which writes only through this store, needs no
 * knowledge of leases. Session locks (PostgreSQL, MySQL) have no fence, and their writes stay as they were. During a
 * step whose script may change the session (a role, a search path, the character sets), the same place first sets
 * the run's starting settings for the write ({@code ownWritesAs}), so a script's {@code SET ROLE} never decides who
 * writes the history nor its {@code SET NAMES} how the history's text is read, and puts the script's back after it.
 *
 * <p>Commands read the log once per decision into a {@link dev.dbshift.history.HistoryView}: the rows as
 * stored, the unfinished runs, the squash markers the source read when it listed the migrations
 * ({@link dev.dbshift.history.SquashedHistory}, pure), and the failed tries a takeover of interrupted runs
 * would record. Those are built with {@link dev.dbshift.history.HistoryRow#failed} and kept apart from the
 * stored rows (no id, never returned by {@code rows()}): a row with a made-up id handed around as if read
 * from the table was what this replaced. Rows are built only through the named factories
 * ({@code applied}, {@code failed}, {@code RunRow.start}); the canonical constructors are for this package
 * (reading rows, the squashed view).
 *
 * <p>A successful row may carry a note in {@code error_message} (built by the five-argument
 * {@link dev.dbshift.history.HistoryRow#applied}): a successful row has no error, so the column is free, and adding
 * a column to every history table was rejected. Two writers use it: a row {@code adopt} writes (operation
 * {@code baseline}) keeps the other tool's applied-at and user, and what that tool recorded (its checksum, its row);
 * an applied row says how many of safe DDL's tries gave up waiting for a lock. The other tools' tables are read in
 * {@code dev.dbshift.history.foreign}, never written.
 *
 * <p>A failed row's {@code statements_checksum} may carry a prefix ({@link dev.dbshift.history.HistoryRow#ROWS_STAYED}):
 * its rollback could not undo everything (MySQL's MyISAM rows), so nothing resumes it until a user records the rows
 * removed; the runs table's {@code progress_checksum} carries {@code down:} and {@code stay:} the same way. A checksum
 * of statement text never starts so, and adding columns to every history and runs table was rejected, as above.
 *
 * <p>Rows of kind {@code init} (the init scripts {@code reset} runs) are logged but belong to no
 * migration, so the applied state ignores them.
 *
 * <p>Times ({@code started_at}, {@code finished_at}) are UTC's wall clock in a column without time zone, whatever the
 * zone of the JVM or the server session: written and read as {@code LocalDateTime} where the driver maps it exactly
 * (PostgreSQL, MariaDB, H2), through a UTC {@code Calendar} on SQLite, whose driver stores them its own way. A
 * {@code Calendar} everywhere cost a MariaDB {@code status} 30 ms of set-up.
 */
package dev.dbshift.history;
