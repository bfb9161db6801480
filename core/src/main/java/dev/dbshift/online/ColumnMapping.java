package dev.dbshift.online;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which source column fills which shadow column. Derived from the two tables as the server built
 * them plus the renames the spec declares: a shadow column takes the source column it was renamed
 * from, else the source column of the same name unless the spec drops that one (a column dropped and
 * added again under its name is new, as the server's own ALTER makes it: the copy carried the old
 * values into it); a source column nobody takes was dropped; a shadow column nobody fills is new and
 * must be able to take its default. A generated source column made plain keeps its values.
 *
 * @param copied  copied columns, source -> shadow
 * @param dropped source columns not copied
 * @param added   shadow columns filled by their default
 */
public record ColumnMapping(List<CopiedColumn> copied, List<String> dropped, List<String> added) {

    public ColumnMapping {
        copied = List.copyOf(copied);
        dropped = List.copyOf(dropped);
        added = List.copyOf(added);
    }

    public static ColumnMapping derive(TableShape source, TableShape shadow, Map<String, String> renames) {
        return derive(source, shadow, renames, List.of());
    }

    /** As {@link #derive(TableShape, TableShape, Map)}, where the spec drops the source columns {@code droppedBySpec}. */
    public static ColumnMapping derive(TableShape source, TableShape shadow, Map<String, String> renames,
                                       List<String> droppedBySpec) {
        List<CopiedColumn> copied = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (Map.Entry<String, String> r : renames.entrySet()) {
            if (source.column(r.getKey()).isEmpty()) {
                throw OnlineException.refused("renamed column " + r.getKey() + " does not exist in " + source.table());
            }
            if (shadow.column(r.getValue()).isEmpty()) {
                throw OnlineException.refused("renamed column " + r.getKey() + " -> " + r.getValue()
                        + ": the changed table has no column " + r.getValue());
            }
        }
        for (TableShape.Column col : shadow.columns()) {
            if (col.generated()) {
                continue;
            }
            Optional<TableShape.Column> from = sourceName(col.name(), renames, droppedBySpec).flatMap(source::column);
            // a generated source column goes on as a plain one (PostgreSQL's DROP EXPRESSION, MySQL's MODIFY of a stored
            // one) with the values it had, as the server's own ALTER keeps them; one generated on both sides is
            // computed again (the loop skips generated shadow columns)
            if (from.isPresent()) {
                copied.add(new CopiedColumn(from.get().name(), col.name()));
                used.add(from.get().name().toLowerCase(Locale.ROOT));
            } else {
                if (!col.nullable() && !col.hasDefault() && !col.autoIncrement()) {
                    throw OnlineException.refused("new column " + col.name()
                            + " is NOT NULL without a default; give it a DEFAULT (existing rows need a value)");
                }
                added.add(col.name());
            }
        }
        List<String> dropped = new ArrayList<>();
        for (TableShape.Column col : source.columns()) {
            if (!col.generated() && !used.contains(col.name().toLowerCase(Locale.ROOT))) {
                dropped.add(col.name());
            }
        }
        return new ColumnMapping(copied, dropped, added);
    }

    /**
     * The name of the source column a column of the changed table is filled from: the one the renames say it was, else
     * its own unless that one is renamed away or dropped by the spec; empty for a new column.
     */
    public static Optional<String> sourceName(String shadowName, Map<String, String> renames, List<String> droppedBySpec) {
        Optional<String> renamed = renamedFrom(shadowName, renames);
        if (renamed.isPresent()) {
            return renamed;
        }
        boolean gone = isRenamedAway(shadowName, renames) || droppedBySpec.stream().anyMatch(d -> d.equalsIgnoreCase(shadowName));
        return gone ? Optional.empty() : Optional.of(shadowName);
    }

    private static Optional<String> renamedFrom(String shadowName, Map<String, String> renames) {
        return renames.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(shadowName))
                .map(Map.Entry::getKey).findFirst();
    }

    private static boolean isRenamedAway(String name, Map<String, String> renames) {
        return renames.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    /** The shadow column a source column is copied to, if it is copied. */
    public Optional<String> shadowOf(String sourceColumn) {
        return copied.stream().filter(c -> c.source().equalsIgnoreCase(sourceColumn)).map(CopiedColumn::shadow).findFirst();
    }

    public List<String> sourceColumns() {
        return copied.stream().map(CopiedColumn::source).toList();
    }

    public List<String> shadowColumns() {
        return copied.stream().map(CopiedColumn::shadow).toList();
    }
}
