package dev.dbshift.fluent;

import dev.dbshift.schema.Column;

import java.util.Objects;

/**
 * A column's type and attributes, vendor-neutral: the type is a canonical type name of the schema
 * model ({@code varchar(200)}, {@code numeric(10,2)}, {@code timestamptz}), which each vendor's
 * {@link dev.dbshift.schema.DdlWriter} spells its own way (MariaDB {@code boolean} is {@code tinyint(1)},
 * H2 {@code text} is {@code CLOB}, PostgreSQL {@code blob} is {@code bytea}). Immutable: each method
 * returns a new definition, so one may be kept in a constant and reused.
 *
 * <pre>{@code import static dev.dbshift.fluent.ColumnDefinition.*;
 * schema.table("users").addColumn("username", text().notNull());}</pre>
 *
 * @param defaultValue an SQL expression, written as given ({@code "0"}, {@code "'new'"}, {@code "CURRENT_TIMESTAMP"})
 * @param allowsNull   false: NOT NULL
 * @param databaseGenerated values come from the database (identity, AUTO_INCREMENT, AUTOINCREMENT)
 */
public record ColumnDefinition(String type, boolean allowsNull, String defaultValue, boolean databaseGenerated) {

    public ColumnDefinition {
        Objects.requireNonNull(type, "type");
    }

    public static ColumnDefinition text() {
        return of("text");
    }

    public static ColumnDefinition varchar(int length) {
        return of("varchar(" + positive(length, "length") + ")");
    }

    public static ColumnDefinition character(int length) {
        return of("char(" + positive(length, "length") + ")");
    }

    public static ColumnDefinition smallint() {
        return of("smallint");
    }

    public static ColumnDefinition integer() {
        return of("integer");
    }

    public static ColumnDefinition bigint() {
        return of("bigint");
    }

    /** An exact number of {@code precision} digits, {@code scale} of them after the point. */
    public static ColumnDefinition decimal(int precision, int scale) {
        if (scale < 0 || scale > positive(precision, "precision")) {
            throw new IllegalArgumentException("decimal(" + precision + ", " + scale + "): the scale must be between 0 and the precision");
        }
        return of("numeric(" + precision + "," + scale + ")");
    }

    public static ColumnDefinition bool() {
        return of("boolean");
    }

    public static ColumnDefinition real() {
        return of("real");
    }

    public static ColumnDefinition doublePrecision() {
        return of("double");
    }

    public static ColumnDefinition date() {
        return of("date");
    }

    public static ColumnDefinition time() {
        return of("time");
    }

    /** A date and time without a time zone (MariaDB {@code datetime}). */
    public static ColumnDefinition timestamp() {
        return of("timestamp");
    }

    /** An instant (PostgreSQL {@code timestamptz}, MariaDB {@code timestamp}, H2 {@code TIMESTAMP WITH TIME ZONE}). */
    public static ColumnDefinition timestampWithTimeZone() {
        return of("timestamptz");
    }

    public static ColumnDefinition blob() {
        return of("blob");
    }

    /** A canonical type the factories above do not name, passed to the vendor's writer as is. */
    public static ColumnDefinition type(String canonical) {
        if (canonical == null || canonical.isBlank()) {
            throw new IllegalArgumentException("a column type must not be empty");
        }
        return of(canonical.strip());
    }

    public ColumnDefinition notNull() {
        return new ColumnDefinition(type, false, defaultValue, databaseGenerated);
    }

    public ColumnDefinition nullable() {
        return new ColumnDefinition(type, true, defaultValue, databaseGenerated);
    }

    /** The default, an SQL expression written as given. */
    public ColumnDefinition defaultTo(String sqlExpression) {
        return new ColumnDefinition(type, allowsNull, sqlExpression, databaseGenerated);
    }

    /** Values come from the database (and the column is not null): for a table's key. */
    public ColumnDefinition identity() {
        return new ColumnDefinition(type, false, defaultValue, true);
    }

    Column column(String name) {
        return new Column(name, type, allowsNull, defaultValue, null, databaseGenerated ? Column.Identity.BY_DEFAULT : null, null);
    }

    private static ColumnDefinition of(String type) {
        return new ColumnDefinition(type, true, null, false);
    }

    private static int positive(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException("the " + what + " must be positive: " + n);
        }
        return n;
    }
}
