package dev.dbshift.online;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed facts of one change once the shadow exists: object names, the row key on both sides
 * and which column fills which.
 *
 * @param names     derived object names
 * @param keyIndex  the source index that is the row key (PRIMARY or a NOT NULL unique key)
 * @param key       key columns in the source
 * @param shadowKey the same key's columns in the shadow
 * @param mapping   copied, dropped and added columns
 * @param sourceAsShadow for each copied column (in {@code mapping.copied()} order), the SQL expression that
 *                  reads the source column as the shadow's type holds it, for the checksum
 * @param mayBeNull for each copied column (in the same order), whether either side of the checksum can read NULL
 *                  there: a nullable column on either side, or a source read through a conversion (which can make
 *                  NULL of a value); false only for a column NOT NULL on both sides and read as it is, where a
 *                  checksum needs no NULL marker
 * @param usings    for each copied column (in the same order), the expression of the change's {@code USING} clause
 *                  for it, or "" for none: the copy writes that expression, or the column itself, into the shadow's
 *                  column and lets the INSERT convert it as the server's ALTER does (by assignment: a value too long
 *                  for the new type fails), where {@code sourceAsShadow} casts as the checksum must (an explicit
 *                  cast cuts such a value short, and a copy that cast said done with every long name cut)
 */
public record CopyLayout(OnlineNames names, String keyIndex, List<String> key, List<String> shadowKey,
                         ColumnMapping mapping, List<String> sourceAsShadow, List<Boolean> mayBeNull, List<String> usings) {

    public CopyLayout {
        key = List.copyOf(key);
        shadowKey = List.copyOf(shadowKey);
        sourceAsShadow = List.copyOf(sourceAsShadow);
        mayBeNull = List.copyOf(mayBeNull);
        usings = List.copyOf(usings);
        if (mayBeNull.size() != sourceAsShadow.size() || usings.size() != sourceAsShadow.size()) {
            throw new IllegalArgumentException("mayBeNull has " + mayBeNull.size() + " and usings " + usings.size()
                    + " entries for " + sourceAsShadow.size() + " copied columns");
        }
    }

    /**
     * The layout of a change: each copied column's source read as the engine reads it into the shadow's type, or through
     * the expression a {@code USING} clause converts it by ({@code conversions}: column name to expression).
     */
    public static CopyLayout derive(OnlineChange engine, OnlineNames names, String keyIndex, List<String> key,
                                    List<String> shadowKey, ColumnMapping mapping, TableShape source, TableShape shadow,
                                    java.util.function.Function<String, java.util.Optional<String>> conversions) {
        List<String> sourceAsShadow = new ArrayList<>();
        List<Boolean> mayBeNull = new ArrayList<>();
        List<String> usings = new ArrayList<>();
        for (CopiedColumn c : mapping.copied()) {
            TableShape.Column from = source.column(c.source()).orElseThrow();
            TableShape.Column to = shadow.column(c.shadow()).orElseThrow();
            java.util.Optional<String> using = conversions.apply(c.source());
            String read = using.isPresent() ? engine.convertAs(using.get(), to) : engine.readAs(from, to);
            usings.add(using.orElse(""));
            sourceAsShadow.add(read);
            // read as it is when the engine reads it as it reads the column unchanged; a conversion may make NULL of a value
            mayBeNull.add(from.nullable() || to.nullable() || !read.equals(engine.readAs(from, from)));
        }
        return new CopyLayout(names, keyIndex, key, shadowKey, mapping, sourceAsShadow, mayBeNull, usings);
    }
}
