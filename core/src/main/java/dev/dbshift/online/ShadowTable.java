package dev.dbshift.online;

import java.sql.SQLException;

/**
 * The shadow: a copy of the table's definition with the user's change applied while it is empty,
 * built by the server itself so the result is exactly what a plain ALTER would give. The same
 * trick on an empty probe copy answers "could the server do this natively without blocking writes".
 */
public interface ShadowTable {

    /** What the server could do natively without blocking writes. */
    enum Native {
        INSTANT, INPLACE, NONE
    }

    /** Creates the shadow; an {@link OnlineException} (BAD_INPUT) when the server rejects the change. */
    void create(AlterSpec spec) throws SQLException;

    void drop() throws SQLException;

    /** Digest of the definition {@code spec} gives the table, found on an empty probe copy. */
    String definitionAfter(AlterSpec spec) throws SQLException;

    /** Digest of the table's definition now (without name and generated-key counter). */
    String definitionNow() throws SQLException;

    Native probeNative(AlterSpec spec) throws SQLException;
}
