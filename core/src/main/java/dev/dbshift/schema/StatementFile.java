package dev.dbshift.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads back what {@link DdlWriter#script(List)} wrote: statements ended by a line holding only the
 * delimiter, {@code ;} unless a {@code DELIMITER x} line changed it. Not a SQL parser: a file in
 * any other layout needs dbshift's script splitter.
 */
public final class StatementFile {
    private StatementFile() {
    }

    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String delimiter = ";";
        for (String line : script.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.strip();
            if (current.toString().isBlank() && trimmed.regionMatches(true, 0, "DELIMITER ", 0, 10)) {
                delimiter = trimmed.substring(10).strip();
                current.setLength(0);
            } else if (trimmed.equals(delimiter)) {
                if (!current.toString().isBlank()) {
                    out.add(current.toString().strip());
                }
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank() && !current.toString().strip().startsWith("--")) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
