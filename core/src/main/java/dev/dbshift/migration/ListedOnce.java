package dev.dbshift.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * A source listed on its first {@link #list()} and remembered: a fleet runs the same migrations on hundreds of
 * targets, and listing (reading every script for its checksum) once per target would be most of a no-op's time.
 * The files are read once at the start of the fleet: one edited during it is seen by none of its targets.
 */
public final class ListedOnce implements MigrationSource {
    private final MigrationSource source;
    private volatile List<MigrationRef> listed;

    public ListedOnce(MigrationSource source) {
        this.source = source;
    }

    @Override
    public boolean listsOnAnyThread() {
        return source.listsOnAnyThread();
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

    @Override
    public List<ScriptRef> initScripts() {
        return source.initScripts();
    }

    @Override
    public Map<String, List<ScriptRef>> callbacks() {
        return source.callbacks();
    }

    @Override
    public InputStream open(ScriptRef script) throws IOException {
        return source.open(script);
    }

    @Override
    public Charset encoding() {
        return source.encoding();
    }
}
