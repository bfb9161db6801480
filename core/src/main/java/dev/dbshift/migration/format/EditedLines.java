package dev.dbshift.migration.format;

import dev.dbshift.migration.Section;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;

/**
 * A {@link Section} that is a whole file with some of its lines replaced, line-preserving as {@link Section}
 * requires: a tool's marker blanked or translated to a {@code -- dbshift:} directive on the same line. With
 * {@code keepOthers} false every other line is blank (a manifest such as Diesel's {@code metadata.toml} whose one
 * meaningful line becomes a directive and nothing else runs).
 *
 * @param label      how the section is named after the file
 * @param lines      1-based line number to the text that replaces it
 * @param keepOthers whether the lines not in {@code lines} are kept (else blanked)
 */
record EditedLines(String label, Map<Integer, String> lines, boolean keepOthers) implements Section {
    EditedLines {
        lines = Map.copyOf(lines);
    }

    @Override
    public Reader extract(Reader whole) throws IOException {
        String text = FormatFiles.readAll(whole);
        String[] split = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < split.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String replaced = lines.get(i + 1);
            out.append(replaced != null ? replaced : keepOthers ? split[i] : "");
        }
        return new StringReader(out.toString());
    }
}
