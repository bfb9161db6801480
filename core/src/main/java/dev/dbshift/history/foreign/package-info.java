/**
 * Other tools' history tables, read (never written) for {@code dbshift adopt}: one class per tool
 * (Flyway, Liquibase, golang-migrate, goose, dbmate, sqlx, Alembic, Atlas, Sqitch), each turning its
 * table into the list of migrations that tool says are applied ({@link dev.dbshift.history.foreign.ForeignRow}).
 *
 * <p>Why readers and not converters: the other tool's table stays exactly as it was, so a team can go
 * back to that tool, or run both side by side while switching; and what dbshift records is decided in one
 * pure place ({@link dev.dbshift.plan.Adoption}), matched to the migrations dbshift reads, with dbshift's own
 * checksums. Each reader knows only what its tool means by its rows (the latest goose row of a version
 * decides, golang-migrate keeps only the current version, Alembic only heads whose ancestors come from the
 * revision files, Sqitch's {@code changes} holds what is deployed now), and refuses, with the tool's own
 * way out, exactly what the tool itself would refuse to go on from: a failed Flyway row, a dirty
 * golang-migrate or sqlx one, a partial Atlas one. Tables are found by name in any case through
 * {@link dev.dbshift.history.foreign.TargetTables}, which only reads; which tool a target has is
 * decided from which tables exist (golang-migrate and dbmate share {@code schema_migrations}; the
 * {@code dirty} column tells them apart).
 *
 * <p>Rejected: matching by the other tool's checksum (each tool hashes differently, and some, like
 * golang-migrate, record none); a dbshift-only copy of the other table (two logs that could disagree).
 */
package dev.dbshift.history.foreign;
