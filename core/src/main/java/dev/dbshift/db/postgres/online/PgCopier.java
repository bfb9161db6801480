package dev.dbshift.db.postgres.online;

import dev.dbshift.online.Checkpoint;
import dev.dbshift.online.Copier;
import dev.dbshift.online.KeyRange;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One chunk: {@code INSERT INTO _t_new SELECT ... FROM t WHERE key range} and the checkpoint row in
 * one short READ COMMITTED transaction. PostgreSQL reads the source from a snapshot and locks none
 * of its rows, so the application's writes never wait for the copy; a short transaction per chunk
 * keeps vacuum from being held back. A write the snapshot missed is in the change log and replayed
 * after the chunk. Plain INSERT (no ON CONFLICT): the range is empty in the shadow by construction,
 * so a duplicate is a real conflict (a new unique key) and must fail.
 */
final class PgCopier implements Copier {

    private final Connection connection;
    private final PgKeys keys;
    private final Checkpoint checkpoint;
    private final PgChunker chunker;

    PgCopier(Connection connection, PgKeys keys, Checkpoint checkpoint) {
        this.connection = connection;
        this.keys = keys;
        this.checkpoint = checkpoint;
        this.chunker = new PgChunker(connection, keys);
    }

    @Override
    public Chunk copyNext(List<Object> after, int rows) throws SQLException {
        long start = System.nanoTime();
        return PgSql.retrying(connection, 100, () -> {
            Optional<List<Object>> end = chunker.nextEnd(after, rows);
            long copied = keys.copy(connection, keys.sourceRange(new KeyRange(after, end.orElse(null))));
            List<Object> position = end.orElse(after);
            checkpoint.chunkCopied(connection, keys.layout.names().table(), position, end.isEmpty(), copied);
            return new Chunk(position, end.isEmpty(), rows, copied, System.nanoTime() - start);
        });
    }
}
