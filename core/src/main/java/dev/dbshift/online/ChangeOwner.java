package dev.dbshift.online;

import java.util.function.LongPredicate;

/**
 * The migration statement an online change runs for, recorded in the state row, so that the
 * next {@code up} after a crash recognises the change as its own: it resumes it from its
 * checkpoint, or, when it already finished (by {@code online resume} or {@code online cutover}),
 * does not run the ALTER again.
 *
 * @param statement    names the statement: migration, script and its ordinal in the migration
 * @param historyMark  the highest history row id when the change began
 * @param recordedAfter given a state row's history mark: true when the migration has a successful
 *                     history row newer than it, i.e. a change begun then belongs to an earlier
 *                     application of the migration (since rolled back), not to this one; null when
 *                     read back from the state table
 */
public record ChangeOwner(String statement, long historyMark, LongPredicate recordedAfter) {
}
