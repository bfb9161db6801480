/**
 * Online table change: ALTER a large table while the application keeps writing.
 *
 * <h2>The vendor seam</h2>
 * This package is vendor-neutral: the order of the phases, throttling, chunk sizing, checkpoints,
 * resume, failure handling and the control commands ({@link dev.dbshift.online.OnlineMigrator} and
 * its phase classes {@link dev.dbshift.online.Preflight}, {@link dev.dbshift.online.CopyRun},
 * {@link dev.dbshift.online.Verification}, {@link dev.dbshift.online.Completion};
 * {@link dev.dbshift.online.OnlineControl}). Every statement they cause is sent by the vendor's
 * engine, the SPI {@link dev.dbshift.online.OnlineChange} and the role interfaces it hands out
 * ({@link dev.dbshift.online.Inspector}, {@link dev.dbshift.online.Checkpoint},
 * {@link dev.dbshift.online.ShadowTable}, {@link dev.dbshift.online.ChangeCapture},
 * {@link dev.dbshift.online.Chunker}, {@link dev.dbshift.online.Copier},
 * {@link dev.dbshift.online.Replayer}, {@link dev.dbshift.online.Checksummer}); a database offers
 * its engine through {@code Database.online()}. Every connection the orchestration opens is put in autocommit (an
 * application's pool may lend them without: the control session's state row then kept one snapshot, and what it
 * created stayed invisible to the copier) and readied by the engine first ({@code OnlineChange.prepareSession}, both
 * applied by {@code Job}'s factory): PostgreSQL turns row security off
 * there, so a read it would filter fails instead of copying fewer rows. For the same reason the table's engine lock
 * (one per table, on the control connection) is given back when a change ends, not left to that connection's end: a
 * pool's session outlives its {@code close()}, and held it for every later change of the table. MySQL/MariaDB's is {@code db/mysql/online}, PostgreSQL's
 * {@code db/postgres/online} (the second vendor: the SPI held, with default methods added for the
 * default schema, the views over a table and how an unquoted name reads), and
 * nothing here imports a vendor package. The SPI hands out role objects bound to a connection rather
 * than SQL text: what makes a step safe is vendor behaviour (which errors are lock conflicts, NOWAIT,
 * consistent snapshots, how a swap is atomic), not just its SQL. A narrower SPI of SQL builders was
 * rejected for that reason: a PostgreSQL engine will differ in those behaviours, not only in syntax.
 * What the engines do alike over JDBC is here once, in {@code EngineSql}: bound statements, rows, and the
 * engine transaction rolled back and run again after a lost lock conflict, the conflict test being the
 * vendor's (each engine had written its own copy of the loop); and in {@code StateRows}, the reading of the
 * state table, whose columns are the same on every vendor.
 * The description below is the design both follow; where it names MySQL facts, the MySQL engine's
 * package documentation has the measurements.
 *
 * <h2>How it works</h2>
 * <ol>
 *   <li><b>Preflight</b> ({@link dev.dbshift.online.Inspector}, {@link dev.dbshift.online.OnlineMigrator}):
 *   refuse, with the reason, a table without a primary key or NOT NULL unique key, with foreign keys
 *   in or out or views over it unless the engine carries them across its swap
 *   ({@code OnlineChange.refuseDependents}: PostgreSQL's does, refusing only a view its change breaks), with triggers of its own, a change adding a unique key (unless {@code allowUnique} and
 *   a duplicate check finds none), a new NOT NULL column without default, too little free disk. The
 *   user's spec is applied to an empty {@code CREATE TABLE ... LIKE} copy, so the server, not a
 *   parser of ours, decides what the new table is; the same trick on a probe table tells whether
 *   {@code ALGORITHM=INSTANT} or {@code INPLACE, LOCK=NONE} would do it natively
 *   ({@code --strategy auto} then lets the server do it). On a node of a synchronous cluster
 *   ({@code Inspector.clusterDdl}, Galera's {@code wsrep_OSU_method}) an INPLACE ALTER is not online: in TOI it runs
 *   on every node while the whole cluster's writes wait, so auto copies instead and native is refused; RSU (DDL on
 *   one node only) is refused, since the shadow, triggers and RENAME would not replicate: by {@code online alter}
 *   and {@code up} before anything is made ({@code Database.writeRefusal}), and by the engine's preflight as well.
 *   The copy and the trigger
 *   writes are ordinary replicated transactions; the plan warns that the cut-over RENAME is a short TOI stop.</li>
 *   <li><b>Capture</b> ({@link dev.dbshift.online.ChangeCapture}; on MySQL triggers): AFTER INSERT/UPDATE/DELETE triggers
 *   append the touched key (old and new key on a key update) to a change log table {@code _t_chg}
 *   (its only key is its own sequence, so the append cannot conflict or fail).</li>
 *   <li><b>Copy</b> ({@link dev.dbshift.online.Chunker}, {@link dev.dbshift.online.ChunkSizer},
 *   {@link dev.dbshift.online.Copier}, {@link dev.dbshift.online.Checkpoint}): keyset chunks in key
 *   order, each one {@code INSERT INTO _t_new SELECT ... WHERE key in (after, end]} in a READ
 *   COMMITTED transaction together with its checkpoint row. Each shadow column is filled as the server's own ALTER
 *   fills it ({@link dev.dbshift.online.ColumnMapping}, {@link dev.dbshift.online.CopyLayout}): from the column it was
 *   renamed from or has the name of, none for one the change drops and adds again (new, its default), a stored
 *   generated column made plain with its values, PostgreSQL's {@code USING} expression, converted by the INSERT's
 *   assignment; {@code OnlineAlterParityTest} runs changes both ways on twin tables and compares; chunk size follows a target chunk
 *   time (0.5 s). Before each chunk the {@link dev.dbshift.online.Throttler} may hold the copy; after each, with
 *   a nice ratio R (gh-ost's {@code --nice-ratio}), it rests the copy R times the chunk's time, between transactions
 *   and looking at the state row every second. The ratio rests only the copy: measured at 2M rows
 *   ({@code bench/results/online-2026-12-04.md}), the application's writer keeps 51-55 % of its rate at R = 1 and
 *   52-59 % at R = 3 (39-40 % without), because the capture triggers, the replay, the checksum and the index build
 *   take the rest, and no rest of the copy gives that back.
 *   The shadow is filled without its plain secondary indexes ({@code ShadowTable.deferIndexes}; both engines, not
 *   on a Galera node); they are built after the copy, one sort each ({@code restoreIndexes}, idempotent on resume;
 *   MySQL's then checks the shadow's definition against a plain ALTER's). Where the engine's build takes writes
 *   ({@code ShadowTable.buildsIndexesUnderWrites}: InnoDB's online build, when the copy's writes would fill at most a
 *   quarter of its row log) it runs beside the checksum, after the sync switch ({@link dev.dbshift.online.IndexBuild}):
 *   the build keeps one core of the server busy, the checksum the other. Else, and on PostgreSQL (whose
 *   {@code CREATE INDEX} would block the sync triggers' writes), before the sync phase, while capture only logs. A
 *   build beside the checksum that outgrows what the server keeps of the writes ({@code ShadowTable.outgrewWrites}) stops
 *   the checksum at its next chunk and sends the change back to the end of the copy, COPY recorded before capture switches back to the log
 *   ({@code ChangeCapture.switchBackToCapture}), so hours of copy are not abandoned for a burst; a run resumed at a
 *   finished copy switches capture back too, in case it was killed between the two.</li>
 *   <li><b>Replay</b> ({@link dev.dbshift.online.Replayer}): between chunks, logged keys up to the
 *   copied position are re-read from the table and rewritten in the shadow; the log entries go in
 *   the same transaction.</li>
 *   <li><b>Sync</b>: once copied, capture switches to writing straight to the shadow, and the log
 *   written before the switch is replayed under NOWAIT shared locks. From here on both tables
 *   change in the same transactions. On MySQL the switch is no DDL: the triggers were created
 *   with both modes before the copy and read a control row; the switch is one UPDATE of it, which
 *   waits (blocking nobody) for the transactions that captured before it (not on Galera, whose row
 *   locks are node-local: there the synchronous triggers are created by DDL, which runs cluster-wide).
 *   Trigger DDL on the live
 *   table at this point, right after the copy when the disk is busiest, was the source of the
 *   longest writer stalls. The triggers are dropped only after the swap, from the old table,
 *   where that DDL blocks nobody.</li>
 *   <li><b>Verify</b> ({@link dev.dbshift.online.Checksummer}): chunk by chunk, in one consistent
 *   snapshot per chunk, count + BIT_XOR(CRC32) of both tables, the source's columns read as the
 *   shadow's types hold them ({@code CAST(amount AS DECIMAL(12,3))}: a type change must compare
 *   {@code 1.230} with {@code 1.230}, not with {@code 1.23}, or it never verifies; a NULL marker only for a column
 *   that may read NULL on either side, {@link dev.dbshift.online.CopyLayout#mayBeNull}: the others cost a sixth of
 *   the server's time and told nothing); a mismatching
 *   range is copied again under locks and checked again; no swap while anything differs. Differences in most of the
 *   table are not re-copied: in a snapshot where the synchronous capture keeps both equal, they mean writes the
 *   capture missed, and a re-copy would match for a moment and swap, losing the missed writes after it; the change
 *   stops and says to abort and find the cause.</li>
 *   <li><b>Swap</b> ({@link dev.dbshift.online.OnlineChange#swap}) one {@code RENAME TABLE t TO _t_old, _t_new TO t},
 *   then the cleanup ({@link dev.dbshift.online.OnlineChange#cleanupAfterSwap}): triggers first, then change log and old table.
 *   Where DDL replicates to servers that may skip it (a Galera node's applier ignores a DDL that fails on it), the
 *   engine checks its tables, its triggers, the swap and an abort's drops on each of them
 *   ({@link dev.dbshift.online.OnlineChange#checkedServers}); a swap it cannot see everywhere is exit 3, the server
 *   named, also when a resume finds it done ({@link dev.dbshift.online.OnlineChange#checkSwapped}).</li>
 * </ol>
 * Every phase is written to the state table {@code dbshift_online}; a run killed at any point is
 * continued by {@code resume} from there (each step is idempotent: CREATE ... IF NOT EXISTS,
 * triggers created only when missing, the swap detected by which tables exist).
 *
 * <h2>Failures and crashes are handled differently, on purpose</h2>
 * A failure the engine sees (a duplicate for a new unique key, the swap's lock never obtained, a lost
 * connection) abandons the change before the swap:
 * triggers first, then change log and shadow are dropped on a fresh connection and the row says
 * ABORTED with the cause. Leaving the triggers for a later resume was rejected: nobody may come
 * back, and meanwhile every application write pays for them and the change log grows without
 * bound. A kill (SIGKILL, host crash) gives the engine no chance to clean up, so that case keeps
 * everything consistent for {@code resume} instead. The state row is written (phase PREPARE) before
 * the shadow is created, so a kill while it is built leaves a row saying whose shadow it is and
 * {@code resume} starts over, rather than a nameless leftover table that blocks every later try.
 * One failure keeps everything instead: a checksum that stops before the swap, because the application
 * held rows of a range to re-copy past {@code rowLockWait} or a range still differs after its re-copies.
 * The copy is done by then (abandoning would throw hours of it away), on MariaDB the triggers could not
 * be dropped while the holding transaction has the table anyway, and the error names the sessions and
 * both ways on ({@code online resume}, {@code online abort}).
 * An {@code online abort} is a flag in the state row that the running engine looks at: before each copy chunk, in the
 * sync phase, every few checksum chunks and after the checksum, and while it waits for the cut-over; after its last
 * look it swaps. The command waits for the engine and then says what it did: aborted, or swapped before the request
 * took effect (exit 2), never "aborted" for a table that changed.
 *
 * <h2>Migrations: exactly once across crashes</h2>
 * For a {@code -- dbshift:online} migration the executor passes an {@link dev.dbshift.online.ChangeOwner}:
 * the statement (migration, script, ordinal) and the history's highest row id at the start; both
 * are stored in the state row. The next {@code up} after a crash finds a row of the same statement
 * and spec and resumes it, or, when it is DONE (finished by {@code online resume} or
 * {@code cutover}), reports it done without running the ALTER again. The engine's state table is
 * what knows whether the ALTER happened; the executor's per-statement progress mark cannot, since
 * the kill lands inside the statement. A row is only taken as this application's when the
 * migration has no successful history row newer than the row's mark: after a {@code down} the
 * same statement's old DONE row belongs to the earlier application and the ALTER runs anew.
 * Matching on the statement alone (not a run id) is what lets a fresh {@code up} adopt the change.
 * A native ALTER of a migration gets a row too (phase NATIVE) with digests of the table's
 * definition before and after (the after one from the probe table): MariaDB finishes an ALTER whose
 * client was killed (measured: an INPLACE ADD INDEX completed seconds after the SIGKILL), and the
 * dead session holds the engine lock until then, so the next run waits for the lock and reads the
 * definition: after, done; before, run it; neither, stop (exit 3) rather than guess. A run killed before
 * its state row (in the preflight) leaves its session holding the lock the same way, with no row to say
 * whose it is: the next {@code up} (which holds the migration lock, so no other {@code up} runs) waits for
 * the lock or for a row, two minutes at most; a lock still held is reported with the session that holds
 * it, what it runs, and how to end it.
 *
 * <h2>Writer stalls and lock waits</h2>
 * Why the copy never writes a table the application's triggers write, reads under READ COMMITTED,
 * and never waits for a row lock: measured against pt-online-schema-change on MariaDB, in the
 * package documentation of {@code dev.dbshift.db.mysql.online}.
 *
 * <h2>Alternatives rejected</h2>
 * <ul>
 *   <li><b>pt-osc's synchronous triggers during the whole copy</b>: the stalls above.</li>
 *   <li><b>Binlog tailing (gh-ost, spirit)</b>: no trigger cost at all, but needs binlog_format=ROW,
 *   replication privileges and a binlog client in the tool; the capture triggers cost one narrow
 *   insert per write and work on any server with the binlog off (as this one). A binlog
 *   {@code Capture} could replace {@code TriggerCapture} behind the same replay.</li>
 *   <li><b>gh-ost's two-session cut-over</b> (LOCK TABLES, queue a RENAME, drain, UNLOCK): on MariaDB
 *   10.11 RENAME TABLE is refused under LOCK TABLES, and after UNLOCK the queued application
 *   statements won the race against the queued RENAME (measured), writing into the old table
 *   after the final drain. Switching to synchronous triggers for the short end phase removes the
 *   need for a final drain under a lock: the swap is a single atomic RENAME.</li>
 *   <li><b>Copying rows through the client</b> (SELECT then batched INSERT): moves every row over the
 *   network twice and needs memory per chunk; {@code INSERT ... SELECT} stays in the server, keeps
 *   the heap flat and was faster here.</li>
 *   <li><b>Deferring the shadow's secondary indexes</b> and adding them after the copy (sorted
 *   build): measured slower here (copy without indexes + index build 16.3 s versus 13.5 s for the
 *   plain copy of 2M rows), so not done.</li>
 *   <li><b>{@code INSERT IGNORE} / {@code REPLACE} in the copy</b>: would hide a conflict (a duplicate
 *   of a new unique key) by dropping or overwriting a row. The chunk range is empty in the shadow
 *   by construction, so a plain INSERT is safe and fails loudly on a real conflict. The sync
 *   triggers do use REPLACE / DELETE IGNORE, because an application write must never fail.</li>
 *   <li><b>A checksum of the whole table in one snapshot</b>: holds back purge for the whole
 *   scan under write load; one snapshot per chunk is as exact (both tables are compared at the
 *   same instant) without that cost.</li>
 * </ul>
 *
 * <h2>Known limits</h2>
 * A new unique key that the application violates during the change: the copy or a replay fails
 * (the change is abandoned as above, nothing is lost; fix the data and run it again); in the sync
 * phase MySQL's trigger REPLACE would replace the conflicting row, as pt-osc's does, while on
 * PostgreSQL the application's write fails with the unique violation. On MySQL/MariaDB
 * foreign keys are refused, not rebuilt (PostgreSQL's engine rebuilds them NOT VALID in its swap). The disk check needs the server's data directory visible from the engine's host.
 *
 * <h2>Replication lag</h2>
 * {@code --max-lag} ({@link dev.dbshift.online.LagLimit}) is one more reason in the same composite
 * {@link dev.dbshift.online.Throttler}, so the user sees the one that holds the copy. How lag is measured is
 * the vendor's ({@link dev.dbshift.online.ReplicaLag}, from {@link dev.dbshift.online.OnlineChange#replicaLag}):
 * measuring differs in substance (MariaDB's heartbeat row versus PostgreSQL's replay positions), not in SQL
 * text. What to do with a reading is decided here, once: a lag over the limit waits; a lag that cannot be
 * measured waits too and, after {@code unmeasuredTimeout}, stops the change (fail closed) with the replica
 * and the reason, because a copy that goes on blind can leave a replica hours behind and the operator cannot
 * tell. A reading is never "zero because unknown": every vendor reports an unreachable replica, a stopped
 * receiver or a missing heartbeat as unmeasurable. Only the copy (and the checksum and sync phases, which
 * call the same check) is held; a native ALTER is one statement the replica applies in one piece. Connections
 * to replicas go through {@link dev.dbshift.online.Connections#open(String)}, so the command layer gives
 * them the settings' credentials without this package seeing a password.
 */
package dev.dbshift.online;
