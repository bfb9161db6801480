package dev.dbshift.execute;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/** Drops a leading byte-order mark, which editors on Windows write and no database wants to see. */
final class BomSkippingReader extends FilterReader {
    private boolean first = true;

    BomSkippingReader(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = super.read();
            }
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (first && n > 0) {
            first = false;
            if (buf[off] == '\uFEFF') {
                System.arraycopy(buf, off + 1, buf, off, n - 1);
                n--;
                if (n == 0) {
                    return read(buf, off, len);
                }
            }
        }
        return n;
    }
}
