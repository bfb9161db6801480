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
        if (Objects.requireNonNull(items, "list").size() < 2) {
            // most tables have one index or none, no foreign key, no check: nothing to sort (List.copyOf keeps an
            // immutable list as it is, and refuses a null element as the sorted copy does)
            return List.copyOf(items);
        }
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())));
        return List.copyOf(copy);
    }
}
