package dev.dbshift.history;

import dev.dbshift.migration.Version;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the history says about each migration, derived from the log and never stored: a migration
 * is applied when its latest successful row is not a rollback. Failed rows stay in the log; the
 * latest attempt tells whether the last try failed and how far it got.
 */
public final class AppliedState {

    /**
     * The story of one migration (a version, or a repeatable by description).
     *
     * @param lastSuccess  the latest successful row, or null
     * @param lastAttempt  the latest row of any outcome
     * @param checksum     the checksum recorded by the latest successful apply, repair or baseline:
     *                     what the script must still hash to
     */
    public record Entry(String key, HistoryRow lastSuccess, HistoryRow lastAttempt, String checksum) {
        public boolean applied() {
            return lastSuccess != null && lastSuccess.operation().leavesApplied();
        }

        /** The last try failed after the last success (or there was none). */
        public boolean failed() {
            return lastAttempt != null && !lastAttempt.success();
        }

        /** The last try failed and its rollback left rows it wrote ({@link HistoryRow#ROWS_STAYED}): nothing resumes it. */
        public boolean rowsStayed() {
            return failed() && lastAttempt.rowsStayed();
        }

        public boolean rolledBack() {
            return lastSuccess != null && lastSuccess.operation() == Operation.ROLLBACK;
        }

        /** Statements of a failed try to apply that did run (and stay run: no transactional DDL). */
        public int statementsDone() {
            return failed() && lastAttempt.operation() != Operation.ROLLBACK && lastAttempt.statementsDone() != null
                    ? lastAttempt.statementsDone() : 0;
        }

        /**
         * Statements of the down script of a failed try to revert that did run (and stay run): the migration is still
         * applied, partly reverted, and the next revert goes on after them.
         */
        public int statementsReverted() {
            return failed() && lastAttempt.operation() == Operation.ROLLBACK && lastAttempt.statementsDone() != null
                    ? lastAttempt.statementsDone() : 0;
        }

        public Optional<Version> version() {
            return lastAttempt.version() == null ? Optional.empty() : Optional.of(Version.parse(lastAttempt.version()));
        }
    }

    private final Map<Version, Entry> versions;
    private final Map<String, Entry> repeatables;
    private final List<HistoryRow> rows;

    private AppliedState(Map<Version, Entry> versions, Map<String, Entry> repeatables, List<HistoryRow> rows) {
        this.versions = versions;
        this.repeatables = repeatables;
        this.rows = rows;
    }

    public static AppliedState of(List<HistoryRow> rows) {
        Map<Version, Entry> versions = new TreeMap<>();
        Map<String, Entry> repeatables = new LinkedHashMap<>();
        for (HistoryRow r : rows) {
            if ("init".equals(r.kind())) {
                continue; // init scripts run by reset are logged, but are no migration
            }
            if (r.version() == null) {
                if (r.description() != null) {
                    repeatables.put(r.description(), next(repeatables.get(r.description()), r.description(), r));
                }
                continue;
            }
            Version v = Version.parse(r.version());
            versions.put(v, next(versions.get(v), r.version(), r));
        }
        return new AppliedState(Collections.unmodifiableMap(versions), Collections.unmodifiableMap(repeatables), List.copyOf(rows));
    }

    private static Entry next(Entry before, String key, HistoryRow r) {
        HistoryRow lastSuccess = before == null ? null : before.lastSuccess;
        String checksum = before == null ? null : before.checksum;
        if (r.success()) {
            if (r.operation() == Operation.REPAIR) {
                // a repair changes the recorded checksum (or resolves failures), not the applied state
                if (r.checksum() != null) {
                    checksum = r.checksum();
                }
                return new Entry(key, lastSuccess, lastSuccessOrRow(lastSuccess, r), checksum);
            }
            lastSuccess = r;
            if (r.operation() != Operation.ROLLBACK && r.checksum() != null) {
                checksum = r.checksum();
            }
            if (r.operation() == Operation.ROLLBACK) {
                checksum = null;
            }
        }
        return new Entry(key, lastSuccess, r, checksum);
    }

    /** After a repair, the last attempt is no longer a failure: failures before it are resolved. */
    private static HistoryRow lastSuccessOrRow(HistoryRow lastSuccess, HistoryRow repair) {
        return lastSuccess != null ? lastSuccess : repair;
    }

    /** Versioned migrations in version order. */
    public Map<Version, Entry> versions() {
        return versions;
    }

    public Map<String, Entry> repeatables() {
        return repeatables;
    }

    public List<HistoryRow> rows() {
        return rows;
    }

    public Optional<Entry> get(Version v) {
        return Optional.ofNullable(versions.get(v));
    }

    public boolean isApplied(Version v) {
        Entry e = versions.get(v);
        return e != null && e.applied();
    }

    /** The highest applied version, if any. */
    public Optional<Version> current() {
        Version max = null;
        for (Map.Entry<Version, Entry> e : versions.entrySet()) {
            if (e.getValue().applied()) {
                max = e.getKey();
            }
        }
        return Optional.ofNullable(max);
    }
}
