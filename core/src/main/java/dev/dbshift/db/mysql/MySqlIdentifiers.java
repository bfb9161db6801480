package dev.dbshift.db.mysql;

/** MySQL/MariaDB identifier quoting, the one place it is written: backticks, a backtick doubled. */
public final class MySqlIdentifiers {

    private MySqlIdentifiers() {
    }

    /** A quoted identifier in a regular expression ({@code `a``b`}), and one whose name, still doubled, is a group. */
    static final String QUOTED = "`(?:[^`]|``)+`";
    static final String QUOTED_NAME = "`((?:[^`]|``)+)`";

    /** The name of a {@link #QUOTED_NAME} group, its backticks single again. */
    static String unquoted(String group) {
        return group.replace("``", "`");
    }

    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** {@code `schema`.`name`}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
