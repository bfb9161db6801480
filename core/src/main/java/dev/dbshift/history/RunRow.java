package dev.dbshift.history;

import java.time.Instant;

/**
 * One invocation of a writing command against one database.
 *
 * @param finishedAt null while the run goes on, or when its process died
 * @param success    null while the run goes on, or when its process died
 * @param progressVersion    the migration the run is executing statement by statement (databases
 *                           without transactional DDL), so a run that dies mid-migration can be resumed
 * @param progressStatements how many of its statements are done
 * @param progressChecksum   checksum of those statements' text
 */
public record RunRow(long id, String command, String target, String fromVersion, String toVersion,
                     String environment, String toolVersion, String host, Instant startedAt, Instant finishedAt,
                     Boolean success, String progressVersion, Integer progressStatements, String progressChecksum) {

    /** A run about to begin: the row {@link HistoryStore#beginRun} inserts (its id, end and progress come later). */
    public static RunRow start(String command, String target, String fromVersion, String environment, String toolVersion,
                               String host) {
        return new RunRow(0, command, target, fromVersion, null, environment, toolVersion, host, Instant.now(), null,
                null, null, null, null);
    }

    public boolean finished() {
        return finishedAt != null;
    }
}
