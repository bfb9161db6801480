package dev.dbshift.execute;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksum of the statements of a script that have run so far, so a resumed migration can prove
 * that the statements it skips are the ones that ran. Hashes statement text (not the file), so
 * edits after the last statement that ran, the fix a user makes, do not count.
 */
final class StatementChecksum {
    private final MessageDigest digest;

    StatementChecksum() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private StatementChecksum(MessageDigest digest) {
        this.digest = digest;
    }

    /** A copy that goes on from here without changing this one. */
    StatementChecksum copy() {
        try {
            return new StatementChecksum((MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    void add(String sql) {
        digest.update(sql.strip().replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    String current() {
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            return "s1:" + HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
