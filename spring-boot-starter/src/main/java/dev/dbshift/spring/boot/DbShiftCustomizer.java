package dev.dbshift.spring.boot;

import dev.dbshift.DbShift;

/**
 * A bean of this type sees the {@link DbShift.Builder} after the {@code dbshift.*} properties are applied and
 * before it is loaded: for any setting the properties do not name ({@code builder.set("history_table", ...)}),
 * Java migrations, or an execution listener. Customizers run in {@code @Order} order.
 */
@FunctionalInterface
public interface DbShiftCustomizer {
    void customize(DbShift.Builder builder);
}
