package dev.dbshift.db.mysql;

/** MySQL/MariaDB identifier quoting, the one place it is written: backticks, a backtick doubled. */
public final class MySqlIdentifiers {

    private MySqlIdentifiers() {
    }

    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** {@code `schema`.`name`}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
