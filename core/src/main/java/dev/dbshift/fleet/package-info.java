/**
 * {@code dbshift fleet}: one command on many databases (tenant schemas, tenant databases, servers), each target an
 * ordinary dbshift database with its own lock, history and runs table, so that a target migrated by the fleet is
 * exactly one migrated by {@code dbshift up}, and any single command works on it afterwards.
 *
 * <p>Why it is built this way. A target is a {@link dev.dbshift.DbShift} aimed at it
 * ({@link dev.dbshift.DbShift#forTarget}), and the command is the facade's own method: no second engine, no forked
 * process per target (a JVM start costs more than a no-op {@code up}), and the migrations are listed once per
 * environment ({@link dev.dbshift.migration.ListedOnce}) rather than once per target. This package sits above the
 * facade, like the CLI: it reads the reports commands return, and nothing below it knows fleets exist.
 *
 * <p>Bounded: a fixed pool of {@code parallel} threads runs targets, and one dispatcher (the caller's thread) starts
 * the next queued target whose server is under {@code per_server}; a running target holds one connection, so a
 * fleet holds at most {@code parallel} connections to targets, plus one to the directory database while it writes
 * the report table. Rejected: a thread per target (a thousand threads and a thousand connections: the server's
 * {@code max_connections} is the first thing a fleet meets), and a semaphore per server taken inside the worker (a
 * thread waiting for a busy server is a thread not running a target on an idle one).
 *
 * <p>Waves ({@link dev.dbshift.fleet.Waves}, pure): a canary wave that must succeed whole, then waves of N or P% of
 * the fleet. The failure budget ({@code --max-failures}, default 0) is checked as each target finishes: once over it,
 * no target starts (those running finish: a migration is never cut off by the fleet), and the rest are reported
 * {@code not started}. The fleet report ({@code ReportStore}: a JSON file and/or a table in the directory database)
 * keeps each target's last outcome by command and goal, the goal written with a digest of the migrations; a rerun
 * skips targets done for the same goal and runs the rest, so a fixed tenant is picked up and a new migration makes
 * every target due again. The file is rewritten at most every 250 ms: a fleet killed in between runs a few finished
 * targets again, which for {@code up} is a no-op on a database that records what it applied.
 *
 * <p>Targets ({@link dev.dbshift.fleet.FleetTargets}) are all read and checked before the first one is touched: an
 * unknown environment or URL form is bad input naming its source (file and line, or the dbshift.toml key).
 */
package dev.dbshift.fleet;
