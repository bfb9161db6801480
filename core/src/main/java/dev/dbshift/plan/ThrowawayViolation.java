package dev.dbshift.plan;

/** Throwaway: shows the architecture test failing on a violation (plan/ reading a file and naming a vendor). */
final class ThrowawayViolation {
    static String read() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("x")) + dev.dbshift.db.postgres.PostgresDatabase.class;
    }
}
