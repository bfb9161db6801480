package dev.dbshift.schema;

import java.util.List;

/**
 * @param name    null where the vendor does not name it or generated the name
 * @param options PostgreSQL's words for a key checked later than at each statement: {@code deferrable}, or
 *                {@code deferrable initially deferred}; or null
 * @param period  the MariaDB application-time period the key is {@code WITHOUT OVERLAPS} of, its two columns the
 *                key's last as read ({@link Index#period()}), or null
 */
public record PrimaryKey(String name, List<String> columns, String options, String period) {
    public PrimaryKey {
        columns = List.copyOf(columns);
    }

    /** A key of no application-time period. */
    public PrimaryKey(String name, List<String> columns, String options) {
        this(name, columns, options, null);
    }

    /** A key checked at each statement: every vendor's, and PostgreSQL's default. */
    public PrimaryKey(String name, List<String> columns) {
        this(name, columns, null);
    }

    /** This key over other columns (one renamed): when it is checked stays. */
    public PrimaryKey withColumns(List<String> columns) {
        return new PrimaryKey(name, columns, options, period);
    }

    /** This key {@code WITHOUT OVERLAPS} of the application-time period named. */
    public PrimaryKey withPeriod(String period) {
        return new PrimaryKey(name, columns, options, period);
    }
}
