/**
 * PostgreSQL's lint rules: what takes a lock that stops production (an index built without CONCURRENTLY, a
 * constraint validated under ACCESS EXCLUSIVE, a default that rewrites the table) or fails on the server, read from
 * the statement's tokens as PostgreSQL's own lexer would split them ({@link dev.dbshift.db.postgres.lint.PgText}), so
 * a string literal, a dollar-quoted body or a comment never fools a rule. Each rule is one {@link
 * dev.dbshift.db.postgres.lint.PgRule} entry: id, why, fix, level, and a check that returns messages; the entries are
 * grouped by what they look at (indexes, constraints, column types, locks and sessions) rather than one class per
 * rule, since most checks are a few lines.
 *
 * <p>"An existing table" is one the migration did not create before the statement: offline nothing else is known,
 * and a table created in the same migration is empty, so locking it costs nothing. Version-aware rules read
 * {@code ServerFacts.major()}; without a version they assume a supported server (12 or later) and say so only where
 * the answer differs. A column's current type is not among the facts, so {@code pg-varchar-shrink} judges a varchar
 * change only against a declaration earlier in the same migration, and is silent otherwise (growth is free, so
 * guessing would flag the safe change as often as the unsafe one).
 *
 * <p>The executor already runs a script that holds only statements PostgreSQL refuses in a transaction block
 * ({@code CREATE INDEX CONCURRENTLY}, {@code ALTER TYPE ... ADD VALUE}, ...) outside a transaction, and refuses a script
 * that mixes one with other statements without {@code -- dbshift:no-transaction}; the transaction rule reports
 * exactly that refusal (and an explicit {@code BEGIN} around such a statement), not "add no-transaction" to a script
 * that already runs fine.
 *
 * <p>{@code lint --fix} rewrites ({@link dev.dbshift.db.postgres.lint.PgRewrites}, by rule id, so the rule entries
 * stay one line each): CONCURRENTLY with {@code -- dbshift:no-transaction} only where the migration holds nothing but
 * SETs and index builds and drops (anything else would lose its transaction), NOT VALID with the VALIDATE in a
 * follow-up migration only for a named constraint (VALIDATE needs the name), and a {@code SET lock_timeout} header.
 */
package dev.dbshift.db.postgres.lint;
