package dev.dbshift.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's words go: tables and lines for people, JSON for programs, nothing but errors
 * with {@code --quiet}. Errors always go to standard error; JSON alone goes to standard output so
 * that {@code dbshift status --json | jq} works.
 */
final class Output {
    /** Built on first use: only --json needs it, and building it is a tenth of a short command's time. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    final PrintStream out;
    final PrintStream err;
    final boolean json;
    final boolean quiet;

    Output(PrintStream out, PrintStream err, boolean json, boolean quiet) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
    }

    /** A line for people (not printed with --json or --quiet). */
    void say(String line) {
        if (!json && !quiet) {
            out.println(line);
        }
    }

    void error(String line) {
        err.println(line);
    }

    void json(Object node) {
        try {
            out.println(Json.MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }

    /** A plain text table: a header row, then rows, columns padded to the widest cell. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        Table row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = cells[i] == null ? "" : cells[i].toString();
            }
            rows.add(r);
            return this;
        }

        int size() {
            return rows.size() - 1;
        }

        /** One builder for the whole table, each line padded in place and its trailing blanks cut (10,000 rows in a status). */
        String render() {
            int cols = rows.get(0).length;
            int[] w = new int[cols];
            int width = 0;
            for (String[] r : rows) {
                for (int i = 0; i < cols; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            for (int i = 0; i < cols; i++) {
                width += w[i] + 2;
            }
            // a padded line is at most this wide; a wide last column is cut back, so at most 1 MB is reserved up front
            StringBuilder sb = new StringBuilder((int) Math.min((rows.size() + 1L) * (width + 1), 1 << 20));
            for (int k = 0; k < rows.size(); k++) {
                String[] r = rows.get(k);
                int start = sb.length();
                for (int i = 0; i < cols; i++) {
                    if (i > 0) {
                        sb.append("  ");
                    }
                    sb.append(r[i]);
                    pad(sb, ' ', w[i] - r[i].length());
                }
                int end = sb.length();
                while (end > start && Character.isWhitespace(sb.charAt(end - 1))) {
                    end--;
                }
                sb.setLength(end);
                sb.append('\n');
                if (k == 0) {
                    for (int i = 0; i < cols; i++) {
                        if (i > 0) {
                            sb.append("  ");
                        }
                        pad(sb, '-', w[i]);
                    }
                    sb.append('\n');
                }
            }
            return sb.toString();
        }

        private static void pad(StringBuilder sb, char c, int n) {
            for (int i = 0; i < n; i++) {
                sb.append(c);
            }
        }
    }
}
