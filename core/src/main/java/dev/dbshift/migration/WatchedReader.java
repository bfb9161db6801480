package dev.dbshift.migration;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that hands its text on unchanged and shows each character to {@link #see} as it passes, and the end of the
 * text to {@link #end}: a script is looked at in the one pass that reads it, never read twice.
 */
public abstract class WatchedReader extends FilterReader {

    protected WatchedReader(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c < 0) {
            end();
        } else {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = super.read(cbuf, off, len);
        if (n < 0) {
            end();
        }
        for (int i = off; i < off + n; i++) {
            see(cbuf[i]);
        }
        return n;
    }

    /** One character, as it passes. */
    protected abstract void see(char c);

    /** The end of the text (seen on every read past it). */
    protected abstract void end();
}
