/**
 * The PostgreSQL online change engine: the {@code dev.dbshift.online.OnlineChange} SPI
 * ({@link dev.dbshift.db.postgres.online.PostgresOnlineChange}) for the same vendor-neutral
 * orchestration the MySQL engine runs under. Why it differs from the MySQL engine where it does:
 *
 * <h2>The lock queue, not the rewrite alone, is the danger</h2>
 * On PostgreSQL a statement waiting for a lock makes every later conflicting request queue behind
 * it: a {@code CREATE TRIGGER}, {@code DROP TRIGGER} or the swap's {@code LOCK TABLE} waiting
 * behind one long query stops every writer (and, for ACCESS EXCLUSIVE, every reader) of the table.
 * So every lock the engine takes on the live table is requested under a short {@code lock_timeout}
 * (safe DDL's, {@code PgDdl}) and tried again after a pause with jitter: an application statement
 * waits at most that long behind the engine. The copier session runs with a 50 ms lock_timeout: it
 * never waits long for an application row lock, it rolls back and tries again, so it never holds
 * the application up and never sits in a lock cycle long enough for the deadlock detector (1 s) to
 * choose the application's transaction.
 *
 * <h2>Native first</h2>
 * Whether PostgreSQL does the change without a rewrite is asked of PostgreSQL itself, on an empty
 * probe copy: a rewrite gives the table (or an index) a new relfilenode, even when it is empty. A
 * change without one (ADD COLUMN with a constant default, DROP COLUMN, RENAME, a binary-compatible
 * type change, SET DEFAULT) runs as a plain ALTER under the lock timeout ({@code --strategy auto});
 * clauses that scan the whole table under ACCESS EXCLUSIVE (SET NOT NULL, a validated CHECK or
 * foreign key, UNIQUE, PRIMARY KEY) take the copy. CREATE INDEX CONCURRENTLY is no ALTER TABLE:
 * a migration runs it as is (safe DDL leaves it without a lock timeout).
 *
 * <h2>A type change reads the column as the ALTER would</h2>
 * The shadow takes the ALTER while it is empty, so a {@code USING} expression there converts nothing: the copy and the
 * replay write the source column, or its {@code USING} expression ({@code AlterSpec.conversions}), into the shadow and
 * let the INSERT convert it by assignment, as the ALTER does (a value too long for a shorter {@code varchar} fails
 * the change as it fails the ALTER); the checksum reads the source through an explicit cast to the new type, which
 * gives the same value wherever the assignment succeeded. A cast alone made {@code USING price * 100} the price
 * unchanged, and an explicit cast in the copy cut 'name-50' to 'name-'; both said done.
 *
 * <h2>The copy</h2>
 * Shadow by {@code CREATE TABLE (LIKE t INCLUDING ALL)} plus the user's clauses on the empty
 * shadow; capture by plpgsql triggers appending keys to a change log; keyset chunks, each one
 * {@code INSERT ... SELECT} plus its checkpoint in its own short READ COMMITTED transaction (no
 * long transaction holds vacuum back; PostgreSQL reads the source from a snapshot without locking
 * it); replay of the logged keys; a sync trigger for the end phase; a checksum per chunk in one
 * REPEATABLE READ snapshot comparing md5 of the rows, the source read as the shadow's types hold
 * it; the swap by renames in one transaction ({@code PgSwap}) carrying sequence ownership, identity
 * sequences (followed through a renamed column, not for one the change adds) and index names, the sequences it made
 * named as a plain ALTER names them ({@code t_id_seq}, not the shadow's {@code _t_new_id_seq}); grants, owner and comments are copied when the shadow is built, and so are row
 * security and its policies (before the change's clauses, so PostgreSQL carries a policy through a renamed column and
 * refuses a change to a column one uses, as on the table). Every engine session runs with {@code row_security = off}
 * (a read row security would filter fails instead of copying less), and a table whose policies apply to the engine's
 * role is refused in preflight. The rest LIKE leaves behind is carried too (storage parameters, replica identity FULL
 * or NOTHING, column privileges, statistics targets and {@code n_distinct}, UNLOGGED, the tablespace, and at the swap
 * the CLUSTER mark and the extended statistics' names) or refused in preflight by name when the swap cannot carry it
 * (rules, a publication that covers the table, a replica identity by index, and what is bound to the table's object
 * id or its row type: a function of the row type, a {@code BEGIN ATOMIC} body, another table's policy or rule): each
 * was lost in silence, or left bound to the old table, by a change that said done.
 * A {@code NOT VALID} CHECK (the table's, which LIKE makes validated, or the change's) is added back {@code NOT VALID}
 * after the copy, with the deferred indexes: checked on the copy, the old rows it never checked failed the change.
 *
 * <h2>Foreign keys and views follow the new table ({@code PgDependents})</h2>
 * PostgreSQL binds foreign keys and views to the table's object id, so after the renames they
 * would point at the old table. The swap reads them before its renames (with the search path set to
 * the table's schema, so every definition names the table by the name the new table then takes)
 * and creates them again after, in the same transaction: keys {@code NOT VALID} (validating there
 * would scan the child under the swap's ACCESS EXCLUSIVE lock; a partitioned child's key cannot be, before
 * PostgreSQL 18, and is refused in preflight), views dropped and created (their column types may change, which CREATE
 * OR REPLACE VIEW refuses) with what dropping them drops: their rules, triggers, columns' defaults and comments. {@code VALIDATE CONSTRAINT} runs
 * after the swap, in the cleanup phase (SHARE UPDATE EXCLUSIVE: no writer waits); which keys are
 * left to validate is marked on the constraints themselves (a comment, restored afterwards),
 * because that mark commits with the swap: no state can say "swapped" while the keys say otherwise,
 * and resume after a kill anywhere validates what is still marked. Whether each view's definition
 * holds over the new shape is tried in preflight on a changed copy in a scratch schema, rolled back:
 * refusing there names the view before any trigger exists, where failing in the swap would not.
 * Still refused: the table's own triggers, materialized views over it, partitioned tables. The
 * swap locks the referencing tables and the views one after the other as its statements reach
 * them: an application transaction that holds one of them and then asks for the table closes a
 * cycle, which the deadlock detector (1 s, below the 2 s lock timeout) may end by failing the
 * application's transaction rather than the swap's; not measured yet. A type change the preflight
 * cannot see breaking a foreign key (column types without an equality operator between them)
 * fails the swap, which rolls back and leaves the change in its SWAP phase for abort.
 *
 * <h2>Replica lag</h2>
 * {@code --max-lag} uses {@link dev.dbshift.db.postgres.PostgresReplicaLag} (pg_stat_replication
 * on the primary, or the named standbys).
 *
 * <h2>Known limits</h2>
 * A change adding a unique key that the application violates in the end phase makes that
 * application write fail (the sync trigger's insert into the shadow), where MySQL's REPLACE
 * trigger would overwrite the other row; the copy and replay before it fail the change instead, as
 * on MySQL. A migration's ALTER TABLE is read as PostgreSQL reads it: {@code ONLY} and {@code *} around the name,
 * double-quoted names as written, unquoted ones in lower case ({@code OnlineChange#unquotedName}). A clause that drops
 * one of the table's own foreign keys skips the shadow and the preflight's copy (LIKE gave them none, and PostgreSQL
 * refused it there), and the swap does not carry that key ({@code PgDependents#forCopy}, {@code #drops}). The checksum
 * (md5 of each row's text) is the
 * longest phase on big tables; see {@code bench/README-pg-online.md}.
 */
package dev.dbshift.db.postgres.online;
