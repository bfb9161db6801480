package dev.dbshift.migration;

import java.util.List;

/**
 * A source listed on its first {@link #list()} and remembered: a fleet runs the same migrations on hundreds of
 * targets, and listing (reading every script for its checksum) once per target would be most of a no-op's time.
 * The files are read once at the start of the fleet: one edited during it is seen by none of its targets.
 */
public final class ListedOnce extends ForwardingSource {
    private volatile List<MigrationRef> listed;

    public ListedOnce(MigrationSource source) {
        super(source);
    }

    @Override
    public List<MigrationRef> list() {
        List<MigrationRef> l = listed;
        if (l == null) {
            synchronized (this) {
                if (listed == null) {
                    listed = List.copyOf(source.list());
                }
                l = listed;
            }
        }
        return l;
    }
}
