/**
 * Runs a plan on one locked connection and records every step.
 *
 * <p>Where DDL is transactional (PostgreSQL, SQLite) a migration's statements and its history row
 * commit together: after a crash the database is either before or after the migration, and the
 * history agrees. Where it is not (MySQL/MariaDB; H2, which commits at most DDL statements; or a
 * script marked {@code -- dbshift:no-transaction}), statements run in autocommit and the run's row
 * records after each one but the last how many are done and a checksum of their text (after the
 * last, the history row follows at once). A failure (or a crash, found by the next run) becomes a
 * failed history row with that count (with, on its message, what the refused statement left that the server does not
 * undo, as the vendor cleaned it up: {@code Database.leftByFailure}); the next {@code up} skips the statements that ran, after
 * proving by their checksum that they were not edited, and says so. It runs the rest on a new session, so the
 * settings the skipped statements made in the old one ({@code SET search_path}, {@code USE},
 * {@code SET FOREIGN_KEY_CHECKS = 0}) are made again first, in their order; a user variable one of them set from the
 * data is never set again (the data may have changed since), and a statement that reads it is not run. This is the behaviour Flyway
 * lacks (it asks the user to clean up by hand) and it costs one small UPDATE per statement, only on
 * databases that need it.
 *
 * <p>An {@code ALTER TABLE} of a {@code -- dbshift:online} script is the one statement whose
 * completion the progress mark cannot know: it takes minutes and a kill lands inside it. The
 * executor names it to the online engine ({@code online.ChangeOwner}: migration, script,
 * ordinal, the history's highest row id), whose state table then knows: the next run resumes the
 * engine from its checkpoint, or finds the change finished and does not run it again.
 *
 * <p>A lost lock ({@link dev.dbshift.db.LockLost}, from the history store's fence) is not a failed migration:
 * the step's transaction is rolled back and the exception goes up unrecorded (exit 4), since the run that
 * took the lock over owns the history now. A step that could not start for a lock another process holds (an online
 * statement meeting a running change of its table) is a failed migration, recorded as one, but its result says
 * {@code LOCKED} ({@link dev.dbshift.execute.StepResult#exitCode()}) so that the run exits 4 too: waiting and running
 * again is the way out, not fixing the script.
 *
 * <p><b>Exactly once after a crash.</b> The mark is written before the first statement too ("0
 * done"), so the statement a dead run was running is always the one after its mark. A down script is marked the same
 * way, its checksum prefixed ({@code InterruptedStatement.DOWN_MARK}: the runs table has no column for the direction),
 * so the decision reads the down script and records a partly reverted migration, which the next down resumes, and a
 * rebuild's revert and apply of one version in one run are told apart; before, a down left no marks and a kill in it
 * left the next down to run again what had run. A repeatable migration is marked too, named by {@code R:} and its
 * description ({@code MigrationRef.key}, which no version can be, as the runs table's {@code progress_version} is text),
 * and a failed or killed one resumes as a version does; before, it had no marks and ran again from its start. Where the
 * database can roll a statement back ({@code Database.sharesTransactionWithMark}: row changes on
 * MariaDB/InnoDB and H2, anything allowed in a transaction on SQLite and PostgreSQL; on MySQL not while a table of the
 * schema, one a statement of the run may have made, or one of another database a row change names ({@code INSERT
 * INTO other.log}, {@code USE other}, {@code VALUES (other.f(1))}) or the schema's triggers, routines or updatable
 * views write into (a kill in a group left such a row and the next up wrote it again) keeps its rows
 * through a rollback, {@code RowsThatStay}, asked of each database once per run, said by the step's marks ({@code InterruptedStatement.ROWS_MAY_STAY_MARK}: the
 * schema read again after a crash may no longer show it) and read again then, when there are at least as many) the statement and its
 * mark (the last statement: its history row) commit in one transaction, so it is never in doubt; such statements in a
 * row share the transaction and one mark, committed every 1,000 statements or 200 ms (a commit per row made a data
 * script of 20,000 INSERTs take 8.4 s on MariaDB, 2.2 s so), and a failure rolls the group back and records the
 * statements before it, unless the server says the rollback could not undo everything ({@code
 * Database.rollbackKeptRows}: a MyISAM row, in any database, in the group or in the script's own transaction): then
 * the failed row is marked ({@code HistoryRow.ROWS_STAYED}) and nothing resumes it until a user says the rows were
 * removed, since running the statements again would write them twice. A script's own transaction interrupted where rows
 * may stay is undecided for the same reason. PostgreSQL's counterpart is a write outside the transaction
 * ({@code Database.writesOutsideTransaction}: {@code dblink_exec}, {@code COPY ... PROGRAM}; or a function or trigger of
 * the database that calls one, {@code Database.outsideWrites}, which the run's {@code RowsThatStay} reads before each
 * step and asks in the order statements run, so that it learns the run's own definitions): such a statement runs
 * alone and is in doubt after a crash; a step that runs in one transaction and has one commits a mark before it begins
 * ({@code InterruptedStatement.OUTSIDE_MARK}), so that a crash in it is undecided as a whole (it has no marks between
 * its statements, and a later mark cannot be committed without the statements before it); a failure after one is
 * marked as rows that stayed, and safe DDL does not try its transaction again. For
 * the rest, {@link dev.dbshift.execute.InterruptedStatement} decides after the crash, with the lock
 * held (a session lock outlives the dead session's last statement): harmless to run again, or checked
 * in the catalog ({@code sql/StatementEffect} says what should exist, {@code Database.presence} looks),
 * or undecided: {@code up} stops with exit 3 and {@code repair --statement-done|--statement-not-done}
 * records the user's answer. {@link dev.dbshift.execute.CommitPoints} is the one walk of a script that
 * both the executor and the decision use, so they cannot disagree about how a statement ran: with its
 * mark, inside the script's own BEGIN ... COMMIT (marks join that transaction; a failure inside it
 * rolls it back), or alone (under MySQL LOCK TABLES no mark can be written until UNLOCK TABLES, so the
 * statements in between are in doubt together). Rejected: guessing from the error or from timing; a
 * second connection for the marks (it cannot see the first one's uncommitted work, and on MySQL a
 * mark committed apart from its statement is exactly the hole); skipping the catalog check and always
 * asking (a killed CREATE TABLE is the common case and the catalog answers it). When the connection
 * is lost mid-statement the executor writes nothing more (it cannot know either) and exits non-zero;
 * the next run decides. A failed row is otherwise always written: after releasing table locks, or on
 * a new connection when the session cannot write. Tidying a lost connection (autocommit put back, a
 * rollback) never replaces the step's own result: the report names the migration, file, line and the
 * server's error, and says what the next run does, where a throw from a {@code finally} once printed only
 * the driver's "connection closed".
 *
 * <p><b>Java migrations outside a transaction.</b> A Java migration is one step to dbshift: its code cannot be resumed
 * from its middle. On MariaDB and H2 it runs in a transaction (its rows commit with its history row, as Flyway runs it:
 * a data migration of single-row INSERTs had paid a commit per row, 4.4 times Flyway's time), whose schema changes
 * commit as the server does; a PostgreSQL one that runs CONCURRENTLY, or an SQLite rebuild in its own transaction, runs
 * in autocommit. Either way a failure or a kill could leave some of its statements committed, which the
 * next {@code up} then ran again from its start (a seed row inserted twice). It now runs on a connection that watches
 * its statements ({@link dev.dbshift.execute.CommittedStatements}): the first one that changes something is preceded by
 * the mark "0 done", so a kill after it is undecided (exit 3, with the way out), and a kill before it leaves nothing to
 * decide; a failure records how many statements committed and lists them, and the planner refuses to run it again
 * until the user undoes them and runs {@code repair}, or finishes it by hand and stamps it. In dbshift's transaction the
 * same watch catches a migration that commits that transaction itself: the mark, written in it, commits with it. The
 * watching connection is also the driver's own public interfaces, so Flyway-era code that casts it (a {@code COPY}
 * through {@code BaseConnection}) runs; what goes through those methods is not seen, so each such call counts as a
 * statement that may change something: a watch that let casts fail was safe but refused code Flyway runs, one that let
 * them through unseen would run a committed {@code COPY} twice. Rejected: marks after every
 * statement (a data migration of a million single-row INSERTs would write a million marks, and a count is no place to
 * resume Java code from); recomputing a fluent migration's statements to resume it (they are computed from the live
 * schema, which its first statements changed).
 *
 * <p>A step walks its scripts more than once (to decide the transaction mode; where statements run
 * one by one, to count them; then to execute), so syntax errors and refused statements surface
 * before anything runs. A script of up to 4 MB is read from disk once per step and split once
 * ({@link dev.dbshift.execute.StepScripts} remembers the statements as the first walk reads them, and
 * a syntax error with them); a larger one is streamed from its file on every walk, so a huge data
 * script never sits in memory. Rejected: always splitting into a list up front (a data dump would sit
 * in memory), and looking ahead one statement instead of counting (a large script would meet its
 * syntax error after its first statements ran, with no transaction to undo them).
 *
 * <p>Shape. The {@code Executor} runs a plan (and {@code --on-failure rollback-run}) and keeps no
 * state between steps. Each step gets a short-lived {@link dev.dbshift.execute.StepRunner} that holds
 * that step's state, so nothing of one step leaks into the next; its two kinds,
 * {@code InTransactionStep} and {@code StatementByStatementStep}, share one skeleton (Java migration,
 * applied row, notes, failure, lost lock) and differ only in how statements commit.
 * {@code StepRecorder} writes a step's history rows; {@code OnlineHandOff} is the one call into the
 * online change engine. The engine's account of a change is a note on the step's result and the
 * listener's output, never the history's {@code error_message}: a successful row has no error.
 *
 * <p>{@link dev.dbshift.execute.OfflineScript} writes a plan as one script for the vendor's own
 * client instead of running it, for databases dbshift cannot reach: the same splitter, the same
 * placeholders and transaction decision, each statement as the client reads it
 * ({@code Database.clientStatement}: {@code DELIMITER} around MySQL compound statements, inline
 * COPY data for psql), and the history rows {@code up} would have written. Generating the script
 * from a recording of a real run was rejected: it needs a database, which is what is missing.
 * The script cannot ask the history before it acts the way {@code up} does, so it carries the question:
 * each migration is guarded by a statement that fails when the history says it is applied already (or,
 * going down, not applied), or was begun by a run that stopped inside it ({@code Database.clientStop},
 * each vendor's own way to fail with a message), and the client is told to stop at the first error
 * ({@code Database.clientPreamble}); where each statement commits, the script records the migration begun
 * before its statements. A DBA who runs it twice gets a stop naming the way on, never a committed
 * statement run again. Writing a mark per statement, as {@code up} does, was rejected: it would have to
 * reproduce the executor's commit points in SQL text, and a mark that disagrees with them misleads the
 * next run's decision about the statement that was running.
 *
 * <p><b>Safe DDL</b> ({@link dev.dbshift.db.SafeDdl}, {@code StepRunner.withLockRetries}). Where the
 * vendor offers it ({@code Database.ddlLocks()}: PostgreSQL), each DDL statement runs with a short lock
 * timeout, because a DDL statement waiting for its lock queues every later reader and writer of the table
 * behind it. A try that gives up is undone and run again after a growing pause with jitter: the whole
 * transaction of a transactional migration (a rolled-back transaction holds nothing, so starting over is
 * exact), or the one statement with its mark in a statement-by-statement one (it did nothing). Inside a
 * script's own BEGIN ... COMMIT nothing is limited: the aborted transaction could not go on. Retrying the
 * statement alone inside a transaction (a savepoint per DDL statement) was rejected: the locks taken by
 * the statements before it stay held while it waits, which is the queue this exists to avoid.
 *
 * <p><b>Session settings</b> ({@code Database.sessionState}). A run applies its migrations on one connection,
 * but each migration starts from the settings the run began with (captured after the {@code beforeMigrate}
 * callbacks): after a step whose text may change them, they are set back, every setting the server lists where it
 * lists them (PostgreSQL, MariaDB), and what the step left in the session (temporary tables, prepared statements,
 * attached databases; by the names in its text where the server lists none, as MySQL) is ended, as the database's own
 * client ends its session with each file. What no server lists, a user variable or a PostgreSQL custom setting
 * ({@code SET app.tenant}), is read by the names in the step's text before the step and set back to that after it
 * ({@code Database.keep}): ending them instead (NULL, {@code RESET ALL}) also ended what a callback had set for the
 * whole run, which the next migration then read empty. A migration then
 * does the same applied alone or in a batch (a {@code SET FOREIGN_KEY_CHECKS = 0} no longer lets the next one
 * insert what its foreign key refuses, a {@code SET sql_log_bin = 0} no longer keeps the rest of the run from the
 * replicas). The word scans over the step's text decide, so pure DDL steps pay nothing. A new connection per
 * migration was not taken: it costs a connect per step. Within a step whose text may change what dbshift's own writes
 * need (the vendor's words, {@code SessionState#ownWriteWords}: a role or a search
 * path on PostgreSQL, the character sets on MySQL), each write of the history store first sets the run's starting
 * settings (on PostgreSQL for its transaction only) and puts the script's back after
 * ({@code Database.SessionState#forOwnWrite}): a script's {@code SET ROLE app_owner} made the history row be written
 * as that role, which may not, and a {@code SET NAMES latin1} stored {@code 1__café.sql}'s description as
 * {@code cafÃ©}. One round trip per write, paid only by such steps.
 */
package dev.dbshift.execute;
