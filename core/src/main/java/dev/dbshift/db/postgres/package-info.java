/**
 * PostgreSQL: transactional DDL, so a migration and its history row share a transaction. The lock
 * is a session advisory lock polled with pg_try_advisory_lock (the blocking form cannot time out
 * without statement_timeout games); COPY FROM stdin blocks go through the driver's copy API as psql
 * sends them. Safe DDL's {@code lock_timeout} ({@link dev.dbshift.db.postgres.PostgresDdlLocks}) names the
 * sessions holding a statement's tables from {@code pg_locks}; the tables are read from the statement's words
 * and resolved by {@code to_regclass}, so a word that is no table costs nothing and needs no SQL parser.
 * A standby's lag ({@link dev.dbshift.db.postgres.PostgresReplicaLag}) is read from the replay positions and
 * times PostgreSQL keeps (no heartbeat table: a standby cannot be written, and the primary already tracks
 * each standby's {@code replay_lag}); positions are compared first, so an idle primary is not taken for lag.
 * The schema reader fetches the catalog by batches, which the driver does only inside a transaction: the caller's, or
 * one of its own per query, so that no lock a catalog function keeps ({@code pg_get_viewdef}'s on a view's tables)
 * outlives its query, as in autocommit. Row security policies are read and spelled in one place ({@link
 * dev.dbshift.db.postgres.PostgresPolicies}) for the reader, the DDL writer and the online engine's shadow, which must
 * get a table's policies exactly; the reader asks for policies and rules only when its first query says a table has
 * some, and for the definitions of domains and composite types only when the enum query (which names the domains) or
 * the first query (a composite type is a {@code pg_class} row) says the schema has one: most schemas have none, and
 * that query cost every status 2 ms at 1,000 tables. Likewise an index's constraint (an exclusion's operators, a
 * deferrable unique constraint's timing) is looked up only for an index {@code pg_index} marks as an exclusion or as
 * not checked at once: a lookup for every unique index doubled the index query's time at 1,000 of them. The
 * extensions installed in the schema come in the enum query's round trip too; what an extension made (a table, a view,
 * a sequence, an enum type) is marked by one condition on {@code pg_depend} ({@code PostgresSchemaReader.EXTENSIONS_OWN},
 * which the dump's extras ask alike), kept in the model for the checksum's older versions and left to {@code CREATE
 * EXTENSION} by the DDL. Tables' and columns' comments are one query over {@code pg_description} (~1 ms warm at 1,000
 * tables), not a lookup per column.
 *
 * <p>The schema is read in UTC (set with the search path, in the same round trip): the catalog prints a
 * {@code timestamptz} constant in the session's zone, which the driver takes from the JVM, so a checksum depended
 * on the machine. A rule's statement leaves out the schema {@code pg_get_ruledef} always names its table with.
 * A scratch replay is a database of its own ({@code CREATE DATABASE}, the live encoding where the template's
 * differs), whose schemas have the live ones' names, so a pg_dump file replays and a qualified name names the copy;
 * without {@code CREATEDB} it is a scratch schema of the live database whose guard refuses what names another schema.
 * What the whole server shares (roles, databases, settings, other sessions) is never replayed from a migration.
 *
 * <p>Every statement PostgreSQL allows in a transaction block rolls back with its progress mark, except what writes
 * outside the transaction ({@link dev.dbshift.db.postgres.PgOutsideWrites}: dblink's remote statements, a COPY's
 * program), read from the statement's text: the catalog cannot say what another database or a program did, so such a
 * statement is in doubt after a crash instead of "not done: it ran with its mark" (which ran dblink's INSERT twice).
 * What the text does not show, the code the statement calls does ({@link dev.dbshift.db.postgres.PgOutsideCode}: a
 * function that calls {@code dblink_exec}, a table whose trigger calls one), read from the catalog once per run and
 * learned from the run's own definitions (one met before what it calls, as in a dump, is read again once that is
 * learned): by name, as a word of the statement, since a plpgsql body records no
 * dependencies; a namesake counts too, which can only make a statement in doubt that was not.
 */
package dev.dbshift.db.postgres;
