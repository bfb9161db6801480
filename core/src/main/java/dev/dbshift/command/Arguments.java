package dev.dbshift.command;

/** How the commands read a version argument: {@code V1.2} (Flyway's spelling) is {@code 1.2}. */
final class Arguments {
    private Arguments() {
    }

    static String strip(String v) {
        String s = v == null ? "" : v.trim();
        return s.startsWith("V") || s.startsWith("v") ? s.substring(1) : s;
    }
}
