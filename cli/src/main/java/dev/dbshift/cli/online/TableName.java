package dev.dbshift.cli.online;

/** {@code table} or {@code schema.table} as typed on the command line. */
record TableName(String schema, String table) {
    static TableName parse(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? new TableName(null, text) : new TableName(text.substring(0, dot), text.substring(dot + 1));
    }
}
