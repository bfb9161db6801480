/**
 * The online ALTER benchmark: dbshift's copy engine against {@code ALTER TABLE ... ALGORITHM=COPY}
 * (fastest possible copy, blocks writes) and pt-online-schema-change, on fresh copies of one
 * 2,000,000-row {@code orders} table, idle and under one writer. The writer records
 * every write's latency, so the report has throughput, p99, the longest stall and failed writes,
 * next to rows/s. It is a closed loop by default (as fast as one session goes, which on two cores competes with the
 * change for the CPU) and an open loop at a given rate ({@code --writer-rate}: an application with a steady load,
 * latency counted from when each write was due, so a stall charges the writes queued behind it too). Each tool gets a fresh table copied from a seed table (a server-side
 * {@code INSERT ... SELECT}), so no run inherits another's fragmentation or buffer pool warmth
 * more than the others. {@code WriterProbe} runs that writer alone against the table as it is, which is how
 * {@code bench/online/trigger-cost-mariadb.sh} measures what a capture trigger costs the application; the bench's
 * {@code triggers} mode measures the writer beside each tool's own triggers with its copy held by its pause file, so
 * the triggers' share of what the writer loses is told from the copy's, for pt-online-schema-change too. See
 * {@code bench/README-online.md}.
 */
package dev.dbshift.bench.online;
