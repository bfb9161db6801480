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

        String render() {
            int cols = rows.get(0).length;
            int[] w = new int[cols];
            for (String[] r : rows) {
                for (int i = 0; i < cols; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < rows.size(); k++) {
                String[] r = rows.get(k);
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < cols; i++) {
                    line.append(i == 0 ? "" : "  ").append(r[i]).append(" ".repeat(w[i] - r[i].length()));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
                if (k == 0) {
                    StringBuilder rule = new StringBuilder();
                    for (int i = 0; i < cols; i++) {
                        rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
                    }
                    sb.append(rule).append('\n');
                }
            }
            return sb.toString();
        }
    }
}
