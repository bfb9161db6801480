package dev.dbshift.db.mysql.online;

import dev.dbshift.online.Checkpoint;
import dev.dbshift.online.Chunker;
import dev.dbshift.online.Copier;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.KeyRange;
import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Copies one chunk with a single {@code INSERT INTO _t_new SELECT ... FROM t WHERE key range} in a
 * READ COMMITTED transaction, together with the checkpoint row. Under READ COMMITTED InnoDB reads
 * the source chunk as a consistent snapshot and takes no locks on it (under REPEATABLE READ, or with
 * pt-osc's LOCK IN SHARE MODE, it takes shared next-key locks on every row of the chunk until
 * commit: each application write to the chunk waits for the whole chunk). Correctness does not
 * rest on locks: a write the snapshot missed committed after it, so its change-log entry is
 * replayed after this chunk (see {@link Replayer}).
 *
 * <p>The shadow receives plain INSERTs (no IGNORE): the chunk range is empty in the shadow by
 * construction, so a duplicate means a real conflict (e.g. a new unique key) and must fail, not
 * silently drop a row.
 */
public final class MySqlCopier implements Copier {

    private final Connection connection;
    private final CopyLayout layout;
    private final Checkpoint checkpoint;
    private final Chunker chunker;
    private final LockRetry retry = new LockRetry(100, "copying a chunk");

    public MySqlCopier(Connection connection, CopyLayout layout, Checkpoint checkpoint) {
        this.connection = connection;
        this.layout = layout;
        this.checkpoint = checkpoint;
        this.chunker = new MySqlChunker(connection, layout);
    }

    /** Copies the chunk of about {@code rows} rows after {@code after} (null: from the start). */
    public Chunk copyNext(List<Object> after, int rows) throws SQLException {
        long start = System.nanoTime();
        OnlineNames n = layout.names();
        return retry.run(connection, () -> {
            Optional<List<Object>> end = chunker.nextEnd(after, rows);
            KeyRange range = new KeyRange(after, end.orElse(null));
            long copied = Statements.update(connection, MySqlOnlineSql.copyChunk(n.schema(), n.table(), n.shadow(),
                    layout.keyIndex(), layout.key(), layout.mapping().copied(), range));
            List<Object> position = end.orElse(after);
            checkpoint.chunkCopied(connection, n.table(), position, end.isEmpty(), copied);
            return new Chunk(position, end.isEmpty(), rows, copied, System.nanoTime() - start);
        });
    }
}
