/**
 * One class per family of commands, each a thin layer over a {@link dev.dbshift.session.Project}:
 * {@link dev.dbshift.command.Migrate} (up, down, dry runs, init), {@link dev.dbshift.command.Status}
 * (status, current, history, schema state), {@link dev.dbshift.command.HistoryCommands} (stamp, skip,
 * repair, errors, trace), {@link dev.dbshift.command.Rebuild}, {@link dev.dbshift.command.Reset},
 * {@link dev.dbshift.command.Check}, {@link dev.dbshift.command.Tools} (offline SQL, squash, touch) and
 * {@link dev.dbshift.command.SchemaCommands}. Planning is pure ({@code plan/}), running is the
 * executor's ({@code execute/}), the history is read once per decision into a
 * {@link dev.dbshift.history.HistoryView}; a command lists the migrations once and passes the list on. The
 * everyday commands (status, check, up, down) list them on a second thread while they connect
 * ({@code ListingAhead}): the listing is local work and the connection and catalog reads mostly wait on the server;
 * the order in which they report errors is the order of a listing done first (up) or last (status, check).
 * {@code up} lists ahead only when connecting makes nothing, so a bad file never leaves a new database behind: a
 * server's database, or an embedded one whose file is there ({@code Database.opensExisting}).
 *
 * <p>Commands do not call each other through the facade: the few that build on another (a scratch schema
 * is built by {@link dev.dbshift.command.Reset} and {@link dev.dbshift.command.Migrate}; {@code up --backup}
 * dumps with {@link dev.dbshift.command.SchemaCommands}) make that command over their own project. A scratch build
 * runs committed migrations again, so it is a place nothing they name can reach the live schema from: a database of
 * its own where the vendor has one to spare (PostgreSQL, H2 in memory, a SQLite file), else a replay that refuses,
 * before running it, a script naming another database ({@code Database.replayGuard}, MySQL/MariaDB). What
 * the commands that run a plan share (run one plan as one run row, describe a plan, squashes as problems)
 * is {@code Execution}, package-private. A run that changed the schema on a node of a multi-primary cluster ends by
 * comparing every other node's schema with this server's ({@code PeerSchemas}: a Galera node's applier goes on without
 * a DDL statement that failed there, while the replicated history says applied), exit 3 naming a node that differs.
 * Results are public records here, since the CLI renders them.
 * Only {@link dev.dbshift.DbShift} uses this package (the CLI renders its result records).
 * {@link dev.dbshift.command.Lint} is {@code lint} and {@code lint --fix} (pending migrations only: an applied
 * script's checksum is history) and the lint gate of {@code up} on a critical target.
 * {@link dev.dbshift.command.Adopt} is {@code adopt}: another tool's history read through
 * {@code history.foreign}, planned by the pure {@link dev.dbshift.plan.Adoption}, written as {@code stamp} writes
 * its rows (one transaction, with the lock, the schema's checksum on the last).
 * {@link dev.dbshift.command.OnlineCommands} takes only what it needs (connections, the target's
 * {@code Database}), never the whole project, so it is constructed and tested alone.
 */
package dev.dbshift.command;
