package dev.dbshift.migration.format;

import dev.dbshift.migration.Section;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * A {@link Section} made line by line: the file's line N (0-based, its end of line kept apart) becomes what
 * {@link LineMap#line} says, so the output has the file's number of lines, as {@link Section} requires, by
 * construction. Formats say which lines are theirs and what a marker becomes; this class does the rest.
 *
 * @param label how the section is named after the file
 * @param map   the file's line N to this section's line N (no line break in the result)
 */
record LineSection(String label, LineMap map) implements Section {
    /** One line of the section. */
    @FunctionalInterface
    interface LineMap {
        /** What line {@code index} (0-based) of the file, {@code text} (without its line break), is in the section. */
        String line(int index, String text);
    }

    @Override
    public Reader extract(Reader whole) throws IOException {
        StringBuilder in = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        while ((n = whole.read(buf, 0, buf.length)) > 0) {
            in.append(buf, 0, n);
        }
        StringBuilder out = new StringBuilder(in.length());
        int start = 0;
        int index = 0;
        while (true) {
            int nl = in.indexOf("\n", start);
            int end = nl < 0 ? in.length() : nl;
            boolean cr = end > start && in.charAt(end - 1) == '\r';
            String text = in.substring(start, cr ? end - 1 : end);
            String mapped = map.line(index, text);
            if (mapped.indexOf('\n') >= 0 || mapped.indexOf('\r') >= 0) {
                throw new IllegalStateException(label + ": a section line may not break a line");
            }
            out.append(mapped);
            if (nl < 0) {
                break;
            }
            out.append(cr ? "\r\n" : "\n");
            start = nl + 1;
            index++;
        }
        return new StringReader(out.toString());
    }
}
