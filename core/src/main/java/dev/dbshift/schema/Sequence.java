package dev.dbshift.schema;

/**
 * A sequence. Its current value is data, not schema, and never part of the model; neither are
 * the sequences behind identity columns, which belong to their column.
 *
 * @param type canonical type of its values, or null where the vendor has one type
 */
public record Sequence(String name, String type, long start, long increment, long min, long max, boolean cycle) {
}
