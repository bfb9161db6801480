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

    /**
     * Drops the shadow's plain secondary indexes right after {@link #create}, when they can be built again to
     * give exactly the shadow's definition: the copy then inserts into the primary key alone, and
     * {@link #restoreIndexes} builds each index once, sorted, after the copy. Returns how many it dropped.
     * None by default (the copy maintains every index row by row).
     */
    default int deferIndexes() throws SQLException {
        return 0;
    }

    /**
     * Builds the indexes {@link #deferIndexes} dropped that the shadow still lacks (none again after a crash once
     * built), after the copy: before the sync phase, or beside the checksum ({@link #buildsIndexesUnderWrites}); where
     * the engine can, it then checks the shadow's definition against the one {@code spec} gives. {@code building} runs
     * just before a build starts. Returns how many it built.
     */
    default int restoreIndexes(AlterSpec spec, Runnable building) throws SQLException {
        return 0;
    }

    /**
     * Whether {@link #restoreIndexes} may run while the synchronous triggers write into the shadow, on a connection of
     * its own beside the checksum, instead of before the sync phase: the engine's index build takes writes meanwhile,
     * and what the application would write during it fits what the server keeps of them. {@code writes} is how many
     * writes the change log took during the copy (the build takes about as long), or {@code -1} when not known (the copy
     * was done by an earlier run; then only "can it at all"). False by default: built before the sync phase, while
     * capture only logs.
     */
    default boolean buildsIndexesUnderWrites(long writes) throws SQLException {
        return false;
    }

    /**
     * Whether {@code failure}, from {@link #restoreIndexes} under the synchronous triggers' writes, says the build
     * failed because the server could not keep those writes (a burst larger than the copy's writes foretold), so that
     * the same build succeeds while capture only logs. False by default.
     */
    default boolean outgrewWrites(SQLException failure) {
        return false;
    }
}
