package dev.dbshift.online;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Chunk bounds in key order, chunk {@code (after, end]}; an empty end means the last, open-ended
 * chunk, so rows inserted beyond the end as seen at the start are copied too.
 */
public interface Chunker {

    /** The inclusive end of the next chunk of about {@code size} after {@code after} (null: from the start). */
    Optional<List<Object>> nextEnd(List<Object> after, int size) throws SQLException;
}
