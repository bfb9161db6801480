package dev.dbshift.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** SQL files plus Java migrations, listed together so the planner sees one set of versions. */
public final class CompositeSource implements MigrationSource {
    private final MigrationSource files;
    private final List<JavaMigration> java;

    public CompositeSource(MigrationSource files, List<JavaMigration> java) {
        this.files = files;
        this.java = List.copyOf(java);
    }

    @Override
    public boolean listsOnAnyThread() {
        return java.isEmpty() && files.listsOnAnyThread();
    }

    @Override
    public List<MigrationRef> list() {
        List<MigrationRef> all = new ArrayList<>(files.list());
        for (JavaMigration j : java) {
            Version v;
            try {
                v = Version.parse(j.version());
            } catch (IllegalArgumentException e) {
                throw new dev.dbshift.DbShiftException(dev.dbshift.DbShiftException.BAD_INPUT,
                        j.getClass().getName() + ".version(): " + e.getMessage());
            }
            all.add(new MigrationRef(v, j.description(), MigrationKind.JAVA, List.of(), List.of(), j.checksum(), j));
        }
        return all;
    }

    @Override
    public List<ScriptRef> initScripts() {
        return files.initScripts();
    }

    @Override
    public java.util.Map<String, List<ScriptRef>> callbacks() {
        return files.callbacks();
    }

    @Override
    public InputStream open(ScriptRef script) throws IOException {
        return files.open(script);
    }

    @Override
    public java.nio.charset.Charset encoding() {
        return files.encoding();
    }
}
