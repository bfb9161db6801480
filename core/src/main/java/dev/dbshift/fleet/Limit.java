package dev.dbshift.fleet;

import dev.dbshift.DbShiftException;

/**
 * A count given as a number or as a percentage of the fleet ({@code 3}, {@code 10%}): a wave's size, or how many
 * failures stop a rollout.
 *
 * @param value   the number, or the percentage
 * @param percent whether {@code value} is a percentage
 */
public record Limit(int value, boolean percent) {
    /** {@code N} or {@code P%}; {@code what} names the flag or setting in the error. */
    public static Limit parse(String text, String what, boolean zeroAllowed) {
        String t = text == null ? "" : text.strip();
        boolean p = t.endsWith("%");
        String number = p ? t.substring(0, t.length() - 1).strip() : t;
        try {
            int v = Integer.parseInt(number);
            if (v > (zeroAllowed ? -1 : 0) && (!p || v <= 100)) {
                return new Limit(v, p);
            }
        } catch (NumberFormatException e) {
            // the error below says what is expected
        }
        throw new DbShiftException(DbShiftException.BAD_INPUT, what + ": expected a number" + (zeroAllowed ? "" : " above 0")
                + " or a percentage (e.g. 3 or 10%), not '" + text + "'");
    }

    /** The count for a fleet of {@code total}: a percentage rounded down ({@code roundUp}: up, at least 1). */
    public int of(int total, boolean roundUp) {
        if (!percent) {
            return value;
        }
        long scaled = (long) total * value;
        return roundUp ? (int) Math.max(1, (scaled + 99) / 100) : (int) (scaled / 100);
    }

    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
