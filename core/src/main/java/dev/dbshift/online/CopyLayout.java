package dev.dbshift.online;

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
 */
public record CopyLayout(OnlineNames names, String keyIndex, List<String> key, List<String> shadowKey,
                         ColumnMapping mapping, List<String> sourceAsShadow) {

    public CopyLayout {
        key = List.copyOf(key);
        shadowKey = List.copyOf(shadowKey);
        sourceAsShadow = List.copyOf(sourceAsShadow);
    }
}
