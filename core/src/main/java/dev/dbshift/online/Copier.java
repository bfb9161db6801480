package dev.dbshift.online;

import java.sql.SQLException;
import java.util.List;

/** Copies one chunk of the table into the shadow, together with its checkpoint, in one transaction. */
public interface Copier {

    /**
     * A copied chunk.
     *
     * @param end   its inclusive end (the checkpoint position)
     * @param last  it was the open-ended last chunk
     * @param size  the size asked for (rows, or key span for integer-span chunks)
     * @param rows  rows copied
     * @param nanos time taken
     */
    record Chunk(List<Object> end, boolean last, int size, long rows, long nanos) {
    }

    /** Copies the chunk of about {@code rows} rows after {@code after} (null: from the start). */
    Chunk copyNext(List<Object> after, int rows) throws SQLException;
}
