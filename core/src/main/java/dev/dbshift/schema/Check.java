package dev.dbshift.schema;

/**
 * A check constraint, or a MariaDB application-time period, which the server keeps as one.
 *
 * @param name       null where the vendor generated it or does not keep it
 * @param expression the condition as the vendor prints it, without the {@code CHECK} keyword
 * @param period     true for MariaDB's {@code PERIOD FOR name (start, end)}: the server checks it as {@code `start` <
 *                   `end`} and shows only that check in its catalog, yet a period is what {@code DELETE ... FOR PORTION
 *                   OF} and a unique key {@code WITHOUT OVERLAPS} ({@link Index#period()}) need; the expression is then
 *                   that check's
 */
public record Check(String name, String expression, boolean period) {

    /** A check constraint. */
    public Check(String name, String expression) {
        this(name, expression, false);
    }

    String sortKey() {
        return (name == null ? "" : name) + "|" + expression;
    }
}
