package dev.dbshift.history.foreign;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Another tool's history on the target database, read and never written: the migrations that tool says
 * are applied. One implementation per tool; {@link ForeignHistories#all()} lists them.
 */
public interface ForeignHistory {
    /** The name {@code adopt --from} takes, e.g. {@code flyway}. */
    String tool();

    /** The history table of this tool on the target, as it is spelled there, or empty when it is not there. */
    Optional<String> find(TargetTables tables, Path projectDir) throws SQLException;

    /**
     * What {@code table} says is applied, in the order the tool applied it. Throws a bad-input
     * {@link dev.dbshift.DbShiftException} naming the way out where the tool itself would refuse to go on
     * (a failed or dirty migration).
     */
    List<ForeignRow> read(TargetTables tables, String table, Path projectDir) throws SQLException;

    /**
     * Whether {@code text}, the script of the migration {@code row} matched, is what the tool applied, by the
     * tool's own checksum; true where the tool keeps none that dbshift can compute. A repeatable migration
     * that differs is left pending, as the tool would run it again.
     */
    default boolean sameScript(ForeignRow row, String text) {
        return true;
    }
}
