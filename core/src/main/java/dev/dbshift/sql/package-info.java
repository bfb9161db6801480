/**
 * Cutting a script into the statements the database's own client would send, one at a time.
 *
 * <h2>Why it is built this way</h2>
 *
 * <p><b>Do what the vendor's client does.</b> A user's script works with {@code mariadb <},
 * {@code psql -f}, {@code sqlite3} or H2's RUNSCRIPT before it ever meets dbshift, so the client is
 * the specification: DELIMITER and {@code \G} are mysql client commands, COPY data and
 * {@code \restrict} are psql's, a {@code ;} inside parentheses or inside {@code BEGIN ATOMIC} ends
 * nothing because psql says so. A client command is skipped with its line only where it changes nothing that runs
 * (the dialect sees its arguments: psql's {@code \set ON_ERROR_STOP on} is what dbshift does anyway, {@code off}
 * is not), and refused, naming its line, where it would. We depart from the client in one documented place: a MySQL stored
 * program (CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT) or MariaDB anonymous block written
 * <i>without</i> DELIMITER is kept whole, as Flyway does, because the client would cut it into pieces
 * the server rejects; no script that works with the client splits differently. With a DELIMITER
 * other than {@code ;} the script is cut exactly at that delimiter, nothing is guessed.
 *
 * <p><b>One shared scanner, vendor facts as data and hooks.</b> {@link dev.dbshift.sql.ScriptScanner}
 * knows how to skip quoted text and comments, track lines and columns, replace placeholders and stream;
 * each vendor's {@code db/<vendor>/*ScriptDialect} supplies a {@link dev.dbshift.sql.ScriptRules}:
 * {@link dev.dbshift.sql.LexicalRules} (which comments, quotes, escapes and client commands exist), a
 * {@link dev.dbshift.sql.BlockTracker} for compound statements, classification, and an
 * {@code afterStatement} hook for the statements that change how the rest is read
 * ({@code SET standard_conforming_strings}, {@code SET sql_mode}, {@code COPY ... FROM stdin}), and
 * refusals where a statement is read: what dbshift cannot honour ({@code unsupported}: mysql's
 * {@code source}, XA) and, in a script whose file is not UTF-8, what would make the server read other
 * bytes than the file's ({@code notAsWritten}: the client sends the file's bytes, the driver the decoded
 * text as UTF-8). Rejected: one hand-written scanner per vendor (four copies of the hard parts, each with its own
 * bugs); a regular-expression splitter (it cannot follow nested comments, dollar quotes or blocks);
 * and a parser that builds a token object per word and keeps per-statement state, as Flyway's does
 * (20 to 100 times slower on the same dumps, and its heap grows with the script: see
 * {@code bench/README-split.md}). Rejected too: a real SQL grammar; the client does not parse SQL, and
 * neither need we.
 *
 * <p><b>Fast and streaming.</b> The scanner reads the {@link java.io.Reader} in 64K chunks into one
 * growable {@code char[]}; a table lookup per character decides whether it can change the lexical
 * state, so the inner loop over ordinary text does nothing else. Words are only looked at while a
 * block tracker listens (the first word or two of most statements, the whole body of a stored
 * program). Memory is bounded by the longest statement, not the script: a 1 GB dump of INSERTs splits
 * with a few MB of heap. The one exception is PostgreSQL COPY data, which
 * {@link dev.dbshift.sql.SqlStatement#copyData()} holds as a string (the contract's choice; a dump of
 * one huge table therefore needs that table's text in memory once).
 *
 * <p><b>Byte for byte.</b> Every statement carries its {@code raw} text, from the end of the previous
 * one through its terminator, so the raw texts and the iterator's trailing text give back the script
 * exactly (property-tested). Checksums and error messages can rely on positions that are never off.
 *
 * <p><b>Splitting directives</b> for scripts no client wrote: {@code -- dbshift:statement-begin} /
 * {@code -- dbshift:statement-end} keep the text between as one statement (goose's and sql-migrate's
 * {@code StatementBegin/End}, Liquibase's {@code splitStatements:false}), {@code -- dbshift:delimiter X}
 * sets the terminator for the rest of the script (Liquibase's {@code endDelimiter}). They are comments so
 * a script stays valid for the vendor's client, and the scanner obeys them only between statements: one
 * met inside a statement is an error rather than a guess at what the author meant. A block is still
 * lexed (placeholders, positions, raw text stay right); only the terminator ends nothing in it.
 *
 * <p><b>Placeholders</b> {@code ${name}} and {@code ${name:default}} are replaced in SQL text only,
 * never in comments, quoted identifiers or dollar-quoted bodies (a PL/pgSQL body is a literal), and in
 * string literals only when asked ({@code placeholder_literals = true}: a literal is data, and a
 * {@code ${...}} in data must not change unless the project says so); {@code $${} stands for a literal {@code ${}. With replacement on, {@code $${} is always
 * that escape, even where PostgreSQL would read {@code $$} as a dollar quote; with it off, nothing of
 * {@code ${...}} is touched. An unknown name is an error naming file, line and column.
 *
 * <p><b>Errors</b> are {@link dev.dbshift.sql.ScriptSyntaxException}s that point where the unterminated
 * literal, comment or placeholder starts, or at the rejected client command. Nothing else escapes the
 * scanner for any input (property-tested), and it cannot loop: every step consumes input.
 *
 * <p>A server error is reported against the script too: {@link dev.dbshift.sql.ScriptPosition} maps an
 * offset or line inside a statement (PostgreSQL's error position, MariaDB's "at line N") to the
 * script's line and column; {@code db/postgres/PostgresScriptErrors} and {@code db/mysql/MySqlScriptErrors}
 * read those numbers from the vendors' exceptions.
 *
 * <p><b>Transactions.</b> Classification marks statements the server refuses in a transaction block;
 * {@link dev.dbshift.sql.TransactionPolicy} turns that and the script's
 * {@link dev.dbshift.sql.ScriptDirectives} into the mode the executor uses, as a pure function; a
 * script with its own transaction control runs without dbshift's transaction.
 *
 * <p><b>What a statement sets in its session.</b> {@link dev.dbshift.sql.SessionStatements} reads, from the text
 * alone, whether a statement only sets something of the session that runs it ({@code SET}, {@code USE}, SQLite's
 * session pragmas), and whether what it sets came from the data. A migration resumed on a new session sets the first
 * kind again and refuses to read the second; by the dialect ({@link dev.dbshift.sql.ScriptDialect#sessionEffect}),
 * since a dump's {@code SET}s hide in MySQL's executable comments and a {@code RESET} is the session's on PostgreSQL
 * but the server's ({@code RESET MASTER}) on MySQL. An executable comment whose version no server reaches
 * (mariadb-dump's {@code /*M!999999\- enable the sandbox mode *}{@code /}) is a comment to the words a statement is
 * classified by ({@link dev.dbshift.sql.LexicalRules#NEVER_RUN_VERSION}); the splitter keeps it in the statement's text,
 * so the checksums of statements that ran do not change.
 *
 * <p><b>What a statement leaves behind.</b> {@link dev.dbshift.sql.StatementEffect} reads the head of a
 * statement the way a DBA would after a crash: harmless to run again, or "table t must now exist",
 * "column c must be gone", or unknown. Pure and conservative: anything it does not recognise (an ALTER
 * action no rule reads, routines, DML) is unknown, which makes {@code up} ask rather than guess. An ALTER
 * TABLE is read action by action ({@code AllOf}): the server applies it whole, so the columns, named
 * indexes, primary key and named constraints it adds, drops or renames are all there or none is (a
 * phpMyAdmin export's {@code ADD PRIMARY KEY (id), ADD KEY u (u)} stopped every kill in it before), and
 * actions that only set a state ({@code MODIFY}, {@code AUTO_INCREMENT=}) are harmless beside them. The
 * same reader names what other code needs from a statement's head and nothing more: the tables a
 * {@code LOCK TABLES} locks, and the other schemas a row change or {@code USE} sends rows into (whose
 * tables may keep them through a rollback), with those of the routines it calls; a trigger's or routine's
 * body is read the same way, by what its row changes write into, not by every name it reads (a routine
 * reading {@code performance_schema} is no reason to run a run's rows alone), a view's definition by every
 * name. Names keep their case and quotes; the vendor folds them as its server does.
 */
package dev.dbshift.sql;
