package dev.dbshift.online;

import java.util.List;

/**
 * What an online change will do, as found by preflight (and printed by a dry run).
 *
 * @param schema        database
 * @param table         table
 * @param spec          the ALTER specification
 * @param nativeSupport what the server could do itself without blocking writes
 * @param method        what will run: {@code instant}, {@code inplace} or {@code copy}
 * @param keyIndex      the row key used for chunks and the change log
 * @param key           its columns
 * @param rowsEstimate  the server's row estimate
 * @param bytes         data + index size
 * @param mapping       copied / dropped / added columns
 * @param warnings      things the user should know that do not stop the change
 */
public record OnlinePlan(String schema, String table, String spec, ShadowTable.Native nativeSupport, String method,
                         String keyIndex, List<String> key, long rowsEstimate, long bytes, ColumnMapping mapping,
                         List<String> warnings) {

    public OnlinePlan {
        key = key == null ? List.of() : List.copyOf(key);
        warnings = List.copyOf(warnings);
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("online change of ").append(schema).append('.').append(table).append('\n');
        sb.append("  alter:        ").append(spec).append('\n');
        sb.append("  native:       ").append(switch (nativeSupport) {
            case INSTANT -> "the server can do it in its catalog alone (MySQL/MariaDB: ALGORITHM=INSTANT; PostgreSQL: no rewrite)";
            case INPLACE -> "ALGORITHM=INPLACE, LOCK=NONE would work";
            case NONE -> "the server cannot do it without blocking writes";
        }).append('\n');
        sb.append("  method:       ").append(method).append('\n');
        if (mapping != null) {
            sb.append("  chunk key:    ").append(keyIndex).append(' ').append(key).append('\n');
            sb.append("  rows (est.):  ").append(rowsEstimate).append(", ").append(bytes / (1024 * 1024)).append(" MiB\n");
            sb.append("  copied:       ").append(mapping.copied().stream()
                    .map(c -> c.source().equals(c.shadow()) ? c.source() : c.source() + " -> " + c.shadow()).toList()).append('\n');
            java.util.Map<String, String> converted = AlterSpec.parse(spec, java.util.Map.of()).conversions();
            if (!converted.isEmpty()) {
                sb.append("  converted:    ").append(converted.entrySet().stream().map(e -> e.getKey() + " by " + e.getValue())
                        .toList()).append(" (each row as it is copied, and as the application writes it)\n");
            }
            if (!mapping.dropped().isEmpty()) {
                sb.append("  dropped:      ").append(mapping.dropped()).append('\n');
            }
            if (!mapping.added().isEmpty()) {
                sb.append("  added:        ").append(mapping.added()).append(" (filled with their defaults)\n");
            }
        }
        for (String w : warnings) {
            sb.append("  warning:      ").append(w).append('\n');
        }
        return sb.toString();
    }
}
