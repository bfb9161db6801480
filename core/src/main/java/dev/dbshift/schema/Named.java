package dev.dbshift.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Sorting of model lists by a name key, nulls (unnamed objects) first, ties kept stable. */
final class Named {
    private Named() {
    }

    static <T> List<T> sorted(List<T> items, Function<T, String> key) {
        List<T> copy = new ArrayList<>(Objects.requireNonNull(items, "list"));
        copy.sort(Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())));
        return List.copyOf(copy);
    }
}
