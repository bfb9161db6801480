package dev.dbshift.schema;

import java.util.List;

/**
 * A live schema's checksum in every version of the canonical form, to compare with one the history recorded, perhaps
 * by an older dbshift whose form counted less: a checksum recorded as {@code s1} is compared with the live schema's
 * {@code s1} form, so a schema with a MyISAM table (which {@code s2} counts) does not read as drift the day dbshift
 * learned to count it.
 *
 * @param versions the checksum in each version, oldest ({@code s1}) first, the current one last
 */
public record LiveChecksum(List<String> versions) {

    public LiveChecksum {
        versions = List.copyOf(versions);
    }

    /** The checksum in the current version: the one a run records. */
    public String current() {
        return versions.get(versions.size() - 1);
    }

    /** The checksum in version {@code s1}. */
    public String s1() {
        return versions.get(0);
    }

    /**
     * True when {@code recorded} is in a version newer than this dbshift knows (a newer dbshift recorded it): it cannot
     * be compared, in either direction, so it is neither drift nor a match.
     */
    public static boolean newer(String recorded) {
        return CanonicalForm.newer(recorded);
    }

    /** The message for a recorded checksum ({@code recorded}, after {@code after}) in a newer form than this dbshift knows. */
    public static String notCompared(String recorded, String after) {
        return "the schema checksum recorded after " + after + " (" + recorded + ") is in a canonical form newer than"
                + " this dbshift knows, so the live schema was not compared with it; run this command with the dbshift"
                + " that recorded it, or a newer one";
    }

    /** The checksum to compare with {@code recorded}: in its version (the current one for none or a tag not known here). */
    public String as(String recorded) {
        return versions.get(CanonicalForm.version(recorded) - 1);
    }
}
