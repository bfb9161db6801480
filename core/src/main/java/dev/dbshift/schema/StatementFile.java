package dev.dbshift.schema;

import java.util.ArrayList;
import java.util.List;

/** Reads back what {@link DdlWriter#script(List)} wrote: statements separated by lines holding only {@code ;}. */
public final class StatementFile {
    private StatementFile() {
    }

    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.replace("\r\n", "\n").split("\n", -1)) {
            if (line.strip().equals(";")) {
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
