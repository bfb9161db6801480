/**
 * The fluent schema API for Java migrations (migratore's table API, made vendor-neutral):
 * {@code schema.table("users").addColumn("username", text().notNull())} in a {@link
 * dev.dbshift.fluent.FluentMigration}, whose down comes for free where each change knows its reverse.
 *
 * <h2>Why it is built this way</h2>
 * <ul>
 *   <li><b>Through the schema model and the vendors' {@code DdlWriter}s, not SQL templates.</b> A change
 *   is applied to the model read from the catalog, and the vendor's writer turns the one-step diff into
 *   DDL, so each vendor's knowledge stays in {@code db/<vendor>/} and SQLite gets the table rebuild its
 *   writer already does for what its ALTER TABLE cannot (a foreign key, a NOT NULL column without a
 *   default). Rejected: a second set of per-vendor SQL strings here, which would drift from the writers
 *   the diff and dump commands use and test. The catalog read costs a few bulk queries per migration.</li>
 *   <li><b>Record first, run after.</b> {@code up(Schema)} only records {@link dev.dbshift.fluent.Change}
 *   values; the statements are written afterwards. So the same recording gives the statements a dry run
 *   prints, the executor's transaction decision (PostgreSQL's {@code CREATE INDEX CONCURRENTLY} makes the
 *   migration run in autocommit, through the same policy as a script), the reverse for down, and whether
 *   down is possible at all, which the planner asks before anything runs (Alembic's operations that know
 *   their inverse). Rejected: executing as the calls are made (jOOQ-style), which could know none of
 *   these before the first statement ran.</li>
 *   <li><b>Refuse, do not guess, a reverse.</b> Dropping a column or a table loses data that no reverse
 *   can bring back; such a migration is not reversible and {@code down} names the change. A drop of an
 *   index or foreign key could be re-created from the catalog, but the definition would then depend on
 *   the database it ran on, not on the migration's text, so it is refused too.</li>
 *   <li><b>A foreign key brings its index.</b> MariaDB creates one for a foreign key implicitly and keeps
 *   it when the key is dropped, which would leave down's schema different from before up; an explicit
 *   index (which PostgreSQL and SQLite need anyway for fast deletes on the referenced table) makes up and
 *   down symmetric on every vendor.</li>
 *   <li><b>Its own top-level package:</b> it sits above {@code db/} and {@code schema/} (it finds the
 *   vendor by the connection's URL) and below nothing; the executor knows it only through {@link
 *   dev.dbshift.migration.JavaMigration#statements}, so any Java migration that can list its SQL gets
 *   the same dry run and transaction policy.</li>
 * </ul>
 */
package dev.dbshift.fluent;
