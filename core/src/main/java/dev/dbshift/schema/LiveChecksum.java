package dev.dbshift.schema;

/**
 * A live schema's checksum, to compare with one the history recorded, perhaps by an older dbshift whose canonical form
 * counted less: a checksum recorded as {@code s1} is compared with the live schema's {@code s1} form, so a schema
 * with a MyISAM table (which {@code s2} counts) does not read as drift the day dbshift learned to count it.
 *
 * @param current the checksum in the current version
 * @param s1      the checksum in version {@code s1}
 */
public record LiveChecksum(String current, String s1) {

    /** The checksum to compare with {@code recorded}: in its version. */
    public String as(String recorded) {
        return recorded != null && recorded.startsWith(CanonicalForm.TAG) ? s1 : current;
    }
}
