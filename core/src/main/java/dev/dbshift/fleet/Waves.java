package dev.dbshift.fleet;

import java.util.ArrayList;
import java.util.List;

/** How a fleet is cut into waves: the canary first, then waves of the given size, the last one what remains. Pure. */
public final class Waves {
    private Waves() {
    }

    /**
     * The sizes of the waves of a fleet of {@code total} targets.
     *
     * @param canary targets of the first wave (0: no canary)
     * @param wave   the size of each later wave (a percentage of {@code total}, at least 1); null: one wave of the rest
     */
    public static List<Integer> sizes(int total, int canary, Limit wave) {
        List<Integer> sizes = new ArrayList<>();
        int left = total;
        if (canary > 0 && left > 0) {
            sizes.add(Math.min(canary, left));
            left -= sizes.get(0);
        }
        int each = wave == null ? Integer.MAX_VALUE : wave.of(total, true);
        while (left > 0) {
            int n = Math.min(each, left);
            sizes.add(n);
            left -= n;
        }
        return sizes;
    }
}
