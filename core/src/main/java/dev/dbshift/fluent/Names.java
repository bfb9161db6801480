package dev.dbshift.fluent;

import java.util.List;
import java.util.Locale;

/** Checks of the names a migration gives, and the names the API makes up when it gives none. */
final class Names {
    private Names() {
    }

    static String require(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + what + " name must not be empty");
        }
        return name;
    }

    static List<String> columns(String[] columns, String what) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one column");
        }
        for (String c : columns) {
            require(c, "column");
        }
        return List.of(columns);
    }

    /** {@code users_email_idx}, {@code users_email_key} (unique), {@code orders_user_id_fkey}: PostgreSQL's own scheme. */
    static String derived(String table, List<String> columns, String suffix) {
        return (table + "_" + String.join("_", columns) + "_" + suffix).toLowerCase(Locale.ROOT);
    }
}
