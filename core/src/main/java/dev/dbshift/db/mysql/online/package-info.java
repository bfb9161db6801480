/**
 * The MySQL/MariaDB online change engine: the {@code dev.dbshift.online.OnlineChange} SPI for InnoDB
 * ({@link dev.dbshift.db.mysql.online.MySqlOnlineChange}). Pure SQL builders
 * ({@link dev.dbshift.db.mysql.online.MySqlOnlineSql}, unit-tested as text) live apart from the
 * role classes that run them: {@code MySqlInspector} (information_schema, SHOW GLOBAL STATUS),
 * {@code MySqlCheckpoint} (the state table), {@code MySqlShadowTable} ({@code CREATE TABLE ... LIKE}
 * plus the user's ALTER; {@code ALGORITHM=INSTANT / INPLACE} probes), {@code MySqlTriggerCapture},
 * {@code MySqlChunker}, {@code MySqlCopier}, {@code MySqlReplayer}, {@code MySqlChecksummer},
 * {@code MySqlCutOver} (RENAME TABLE ... NOWAIT, no wait clause on Galera), {@code MySqlCleanup}, and {@code LockRetry} (which
 * server errors are lock conflicts, and the retry of an engine transaction that lost one). The
 * orchestration that decides when each runs is the vendor-neutral {@code dev.dbshift.online}.
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
 *   (since cut to three CREATE TRIGGERs, before the copy: the triggers have a capture and a sync
 *   mode switched by a control row, see {@code MySqlTriggerCapture#switchToSync}, and are dropped
 *   from the old table after the swap). Not on a Galera node: row locks are node-local there, so the
 *   control row's shared locks are no barrier for an UPDATE on another node (the merged tests saw the
 *   cluster stall); Galera gets capture triggers first and the synchronous ones by DDL, which runs
 *   cluster-wide (TOI).
 *   Triggers are created with a 1 s {@code lock_wait_timeout} and retried; the RENAME is tried
 *   with NOWAIT first (it never queues) and only after 40 failed tries with {@code WAIT 1}
 *   (MariaDB truncates fractional waits to zero, so 1 s is the shortest bounded wait). On Galera the
 *   RENAME has no wait clause: it runs in TOI, where each node's applier aborts the local holders of
 *   the table's metadata lock, but an applier told NOWAIT fails instead and Galera ignores a failed
 *   DDL on an applier, so that node would keep the old table (seen: the node then left the cluster).
 *   Since an applier may skip any DDL (seen: a made-up syntax error on a valid CREATE TRIGGER, and that node's deletes
 *   were lost by a run that said done), DDL in TOI is not taken on trust. {@code GaleraNodes} reads every node (its
 *   {@code wsrep_incoming_addresses}, the run's credentials, reads that wait for the node to catch up): before the
 *   capture triggers, each must have the change log and the shadow as this node has them; after any triggers are
 *   created, each must have them (a node that lacks one is given it through its own connection, else the change is
 *   abandoned naming the node); after the swap, a node that did not rename is exit 3. A node this machine cannot
 *   reach refuses the change before it begins. An abort sees the triggers gone, on this server and every node,
 *   before it drops the shadow they write into: MariaDB's DROP TRIGGER reports success when it cannot rewrite the
 *   table's trigger file, and the trigger runs on.
 *   One more wait came with building the shadow's deferred indexes beside the checksum (after the sync switch): the
 *   synchronous triggers write into the shadow meanwhile, InnoDB applies what they wrote to each new index at the end
 *   of its build, the last part under the index's latch, and commits under the shadow's exclusive metadata lock; the
 *   application's writes wait for it (60-120 ms in the 2M-row bench, the longest writes of a run). Building before the
 *   sync phase has no such wait but replays what the application wrote meanwhile, twice as slow under a writer.</li>
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
 * A transaction that loses its conflict on every try gives up with an error that says what the engine was doing and
 * lists the oldest open transactions then ({@code INNODB_TRX} with their sessions and {@code KILL}): the lock's
 * holder is what a DBA must find, and a bare "Lock wait timeout exceeded" names neither side.
 *
 * <h2>Replication lag by heartbeat</h2>
 * {@link dev.dbshift.db.mysql.online.MySqlReplicaLag} writes the primary's {@code NOW(6)} into
 * {@code dbshift_heartbeat} and reads the row each replica has applied; the lag is the primary's clock minus
 * that, so replica clocks never matter. {@code Seconds_Behind_Master} was rejected: NULL with a stopped
 * thread, 0 behind a stuck IO thread, jumps with long transactions, whole seconds, and a monitoring
 * privilege on the replica; its class documentation has the details.
 *
 */
package dev.dbshift.db.mysql.online;
