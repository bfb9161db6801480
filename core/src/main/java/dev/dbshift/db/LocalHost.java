package dev.dbshift.db;

/** This machine's name, for the runs table and lease owners: {@code HOSTNAME}, else what the resolver says. */
public final class LocalHost {
    private LocalHost() {
    }

    public static String name() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
