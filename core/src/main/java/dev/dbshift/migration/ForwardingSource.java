package dev.dbshift.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/** A source that hands every call on to another: a wrapper overrides only what it changes. */
public abstract class ForwardingSource implements MigrationSource {
    protected final MigrationSource source;

    protected ForwardingSource(MigrationSource source) {
        this.source = source;
    }

    @Override
    public List<MigrationRef> list() {
        return source.list();
    }

    @Override
    public boolean listsOnAnyThread() {
        return source.listsOnAnyThread();
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
    public Reader reader(ScriptRef script) throws IOException {
        return source.reader(script);
    }

    @Override
    public Charset encoding() {
        return source.encoding();
    }
}
