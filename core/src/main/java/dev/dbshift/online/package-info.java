/**
 * Online table change for MySQL/MariaDB: ALTER a large table while the application keeps writing.
 *
 * <h2>How it works</h2>
 * <ol>
 *   <li><b>Preflight</b> ({@link dev.dbshift.online.Inspector}, {@link dev.dbshift.online.OnlineMigrator}):
 *   refuse, with the reason, a table without a primary key or NOT NULL unique key, with foreign keys
 *   in or out, with triggers of its own, a change adding a unique key (unless {@code allowUnique} and
 *   a duplicate check finds none), a new NOT NULL column without default, too little free disk. The
 *   user's spec is applied to an empty {@code CREATE TABLE ... LIKE} copy, so the server, not a
 *   parser of ours, decides what the new table is; the same trick on a probe table tells whether
 *   {@code ALGORITHM=INSTANT} or {@code INPLACE, LOCK=NONE} would do it natively
 *   ({@code --strategy auto} then lets the server do it).</li>
 *   <li><b>Capture</b> ({@link dev.dbshift.online.TriggerCapture}): AFTER INSERT/UPDATE/DELETE triggers
 *   append the touched key (old and new key on a key update) to a change log table {@code _t_chg}
 *   (its only key is its own sequence, so the append cannot conflict or fail).</li>
 *   <li><b>Copy</b> ({@link dev.dbshift.online.Chunker}, {@link dev.dbshift.online.ChunkSizer},
 *   {@link dev.dbshift.online.Copier}, {@link dev.dbshift.online.Checkpoint}): keyset chunks in key
 *   order, each one {@code INSERT INTO _t_new SELECT ... WHERE key in (after, end]} in a READ
 *   COMMITTED transaction together with its checkpoint row; chunk size follows a target chunk
 *   time (0.5 s). Before each chunk the {@link dev.dbshift.online.Throttler} may hold the copy.</li>
 *   <li><b>Replay</b> ({@link dev.dbshift.online.Replayer}): between chunks, logged keys up to the
 *   copied position are re-read from the table and rewritten in the shadow; the log entries go in
 *   the same transaction.</li>
 *   <li><b>Sync</b>: once copied, triggers that write straight to the shadow are added, and the log
 *   written before them is replayed under NOWAIT shared locks. From here on both tables change in
 *   the same transactions (later log entries are redundant and discarded; the capture triggers
 *   are dropped only after the swap, from the old table, where that DDL blocks nobody).</li>
 *   <li><b>Verify</b> ({@link dev.dbshift.online.Checksummer}): chunk by chunk, in one consistent
 *   snapshot per chunk, count + BIT_XOR(CRC32) of both tables, the source's columns read as the
 *   shadow's types hold them ({@code CAST(amount AS DECIMAL(12,3))}: a type change must compare
 *   {@code 1.230} with {@code 1.230}, not with {@code 1.23}, or it never verifies); a mismatching
 *   range is copied again under locks and checked again; no swap while anything differs.</li>
 *   <li><b>Swap</b> ({@link dev.dbshift.online.CutOver}) one {@code RENAME TABLE t TO _t_old, _t_new TO t},
 *   then {@link dev.dbshift.online.Cleanup}: triggers first, then change log and old table.</li>
 * </ol>
 * Every phase is written to the state table {@code dbshift_online}; a run killed at any point is
 * continued by {@code resume} from there (each step is idempotent: CREATE ... IF NOT EXISTS,
 * triggers created only when missing, the swap detected by which tables exist).
 *
 * <h2>Failures and crashes are handled differently, on purpose</h2>
 * A failure the engine sees (a duplicate for a new unique key, a checksum that re-copies cannot
 * repair, the swap's lock never obtained, a lost connection) abandons the change before the swap:
 * triggers first, then change log and shadow are dropped on a fresh connection and the row says
 * ABORTED with the cause. Leaving the triggers for a later resume was rejected: nobody may come
 * back, and meanwhile every application write pays for them and the change log grows without
 * bound. A kill (SIGKILL, host crash) gives the engine no chance to clean up, so that case keeps
 * everything consistent for {@code resume} instead. The state row is written (phase PREPARE) before
 * the shadow is created, so a kill while it is built leaves a row saying whose shadow it is and
 * {@code resume} starts over, rather than a nameless leftover table that blocks every later try.
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
 * definition: after, done; before, run it; neither, stop (exit 3) rather than guess.
 *
 * <h2>Where pt-online-schema-change's writer stalls come from, and what this design does instead</h2>
 * pt-osc copies each chunk with {@code INSERT LOW_PRIORITY IGNORE INTO _new SELECT ... FROM t
 * ... LOCK IN SHARE MODE} and its triggers write straight into {@code _new} ({@code REPLACE} /
 * {@code DELETE IGNORE}). Sampling InnoDB's lock waits every 5 ms while pt-osc ran under one
 * writer (bench, {@code --sample-locks true}; numbers in {@code bench/README-online.md}):
 * <ul>
 *   <li><b>The table-level AUTO-INC lock on the shadow: 90% of all samples.</b> With
 *   {@code innodb_autoinc_lock_mode=1} (this server's setting) an {@code INSERT ... SELECT} is a
 *   "bulk insert" and holds the AUTO-INC lock of {@code _new} until the statement ends, so every
 *   application write, whose trigger REPLACEs into {@code _new}, waits for the rest of the chunk
 *   (0.5 s): writer p99 600-770 ms, 3-14% of its idle throughput. Trigger and copy writing the
 *   same table is also where pt-osc's deadlocks come from, and the trigger's statement (the
 *   application's write) is what fails. Here nothing the application does writes to a table a
 *   bulk insert writes: during the copy the capture triggers only append to the change log
 *   (single-row "simple inserts", a mutex in mode 1), and the shadow is written by the engine
 *   alone. Sampled the same way, dbshift caused no InnoDB row-lock wait at all.</li>
 *   <li><b>Shared next-key locks on the source chunk</b> (pt-osc's LOCK IN SHARE MODE, also what a
 *   REPEATABLE READ INSERT ... SELECT takes): a write to a row of the chunk being copied, or an
 *   insert past the end of the table during the last chunk, waits for the chunk. Rare with random
 *   keys (a chunk is ~1-2% of this table) and hidden behind the AUTO-INC waits above, but a
 *   hot-spot workload (recent rows) hits it every time. Here the copy reads under READ
 *   COMMITTED, which InnoDB serves as a consistent snapshot without locks; a write the snapshot
 *   missed is repaired by its change-log replay after the chunk.</li>
 *   <li><b>Row locks in the shadow</b>: the copy holds X locks on the rows it inserted until commit;
 *   a trigger's REPLACE/DELETE of the same key waits. Gone for the same reason as the first.</li>
 *   <li><b>The trigger's own cost</b>: pt-osc's update trigger is a DELETE IGNORE plus a REPLACE
 *   into a table with every secondary index; the capture trigger is one append to a narrow
 *   table. (Writer throughput under dbshift: 97-138% of idle in the bench.)</li>
 *   <li><b>Metadata locks</b> when triggers are created and at the swap: a DDL statement waiting for
 *   its metadata lock makes every later statement on the table queue behind it. The only waits the
 *   sampler saw dbshift cause were these, ~190 ms in total over the trigger DDL on the live table
 *   (since cut to six CREATE TRIGGERs: the capture triggers are dropped after the swap).
 *   Triggers are created with a 1 s {@code lock_wait_timeout} and retried; the RENAME is tried
 *   with NOWAIT first (it never queues) and only after 40 failed tries with {@code WAIT 1}
 *   (MariaDB truncates fractional waits to zero, so 1 s is the shortest bounded wait).</li>
 * </ul>
 *
 * <h2>The engine never waits for a row lock</h2>
 * The engine's data session runs with {@code innodb_lock_wait_timeout = 0}: a statement that would
 * wait for a lock fails at once, its transaction is rolled back and retried after a pause. So no
 * lock cycle can contain an engine transaction, and InnoDB can never resolve one by failing an
 * application write because of the engine (found the hard way: a replay that waited on a change-log
 * row while holding a gap lock in the shadow made InnoDB roll back the application's write).
 * Application statements may wait for an engine transaction, but those hold their locks for
 * milliseconds. Deadlocks between two application transactions through the sync triggers (both
 * writing the shadow in the end phase) remain possible, as with pt-osc for its whole run.
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
 * phase the trigger's REPLACE would replace the conflicting row, as pt-osc's does. Foreign keys are refused,
 * not rebuilt. The disk check needs the server's data directory visible from the engine's host.
 * Replication lag is not throttled on yet ({@code Throttler} is where it goes).
 */
package dev.dbshift.online;
