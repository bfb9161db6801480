package dev.dbshift.online;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A key range: lower bound exclusive, upper bound inclusive; null means unbounded. */
public record KeyRange(List<Object> after, List<Object> upTo) {
    public static final KeyRange ALL = new KeyRange(null, null);

    public KeyRange {
        after = after == null ? null : Collections.unmodifiableList(new ArrayList<>(after));
        upTo = upTo == null ? null : Collections.unmodifiableList(new ArrayList<>(upTo));
    }
}
