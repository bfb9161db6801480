package dev.dbshift.db;

import java.util.UUID;

/**
 * Who holds a lease, as its lease row names it: {@code host:pid:uuid}. The host and process id let a run on the
 * same host tell that the owner's process is gone; the random part tells two leases of one process apart.
 */
final class LeaseOwner {
    private LeaseOwner() {
    }

    static String current() {
        return host() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
    }

    static boolean isDeadOnThisHost(String owner) {
        String[] parts = owner.split(":");
        if (parts.length != 3 || !parts[0].equals(host())) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[1])).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String host() {
        return LocalHost.name().replace(':', '_');
    }
}
