package dev.dbshift.migration.format;

import dev.dbshift.migration.Section;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-file format's text (goose, dbmate, sql-migrate): its marker lines found, checked and turned into
 * {@link Section}s. One walk over the lines serves both the checks made when the folder is read and the
 * line-preserving extraction made whenever a section is read, so the two can never disagree about which line
 * belongs where.
 *
 * <p>Extraction, as {@link Section} requires: every line of the file gives one line of the section; a line of
 * the section is kept as written, any other line is blank; the section's own Up/Down marker line becomes
 * {@code -- dbshift:no-transaction} when the tool would run it outside a transaction (so the directive stands
 * among the section's leading comments), and {@code StatementBegin}/{@code StatementEnd} become
 * {@code -- dbshift:statement-begin}/{@code -end}.
 */
final class MarkedText {

    /** What a marker line means to the tool. */
    enum Kind { UP, DOWN, BEGIN, END, FILE_NO_TRANSACTION, BAD }

    /**
     * @param noTransaction for UP/DOWN: this section runs without a transaction
     * @param problem       for BAD: why the line cannot be read
     */
    record Marker(Kind kind, boolean noTransaction, String problem) {
        static Marker of(Kind kind) {
            return new Marker(kind, false, null);
        }

        static Marker bad(String problem) {
            return new Marker(Kind.BAD, false, problem);
        }
    }

    /** A tool's marker syntax. */
    interface Syntax {
        /** What {@code line} (line break removed) is to the tool, or null when it is an ordinary line. */
        Marker classify(String line);

        /** The tool's spelling of the up marker, for messages (e.g. {@code -- +goose Up}). */
        String upMarker();
    }

    /** What reading the markers found: problems as {@code file:line: why}, and whether there is a down section. */
    record Outline(List<String> problems, boolean hasDown) {
    }

    private MarkedText() {
    }

    /** Checks the markers of a file's text. */
    static Outline outline(String display, String text, Syntax syntax) {
        List<String> problems = new ArrayList<>();
        int up = 0;
        int down = 0;
        int block = 0;
        int codeOutside = 0;
        Kind current = null;
        int number = 0;
        for (String[] l : lines(text)) {
            number++;
            Marker m = classify(syntax, l[0]);
            if (m == null) {
                String t = l[0].strip();
                if (current == null && codeOutside == 0 && !t.isEmpty() && !t.startsWith("--")) {
                    codeOutside = number;
                }
                continue;
            }
            String at = display + ":" + number + ": ";
            switch (m.kind()) {
                case UP, DOWN -> {
                    if (block > 0) {
                        problems.add(at + "'" + l[0].strip() + "' inside the statement block begun at line " + block);
                    }
                    int seen = m.kind() == Kind.UP ? up : down;
                    if (seen > 0) {
                        problems.add(at + "a second '" + l[0].strip() + "' (the first is at line " + seen + ")");
                    } else if (m.kind() == Kind.UP) {
                        up = number;
                    } else {
                        down = number;
                    }
                    current = m.kind();
                }
                case BEGIN -> {
                    if (current == null) {
                        problems.add(at + "'" + l[0].strip() + "' before " + syntax.upMarker());
                    } else if (block > 0) {
                        problems.add(at + "'" + l[0].strip() + "' inside the statement block begun at line " + block);
                    }
                    block = number;
                }
                case END -> {
                    if (block == 0) {
                        problems.add(at + "'" + l[0].strip() + "' without a statement begin before it");
                    }
                    block = 0;
                }
                case BAD -> problems.add(at + m.problem());
                default -> {
                }
            }
        }
        if (block > 0) {
            problems.add(display + ":" + block + ": a statement block without its end");
        }
        if (up == 0) {
            problems.add(display + ": no '" + syntax.upMarker() + "' line: the tool needs one to know what to run");
        } else if (codeOutside > 0) {
            problems.add(display + ":" + codeOutside + ": SQL before the first marker belongs to no section (put it after "
                    + syntax.upMarker() + ")");
        }
        return new Outline(problems, down > 0);
    }

    /** The section {@code want} (UP or DOWN) of {@code text}, line-preserving as the class comment says. */
    static String extract(String text, Syntax syntax, Kind want) {
        List<String[]> lines = lines(text);
        boolean fileNoTransaction = false;
        for (String[] l : lines) {
            Marker m = classify(syntax, l[0]);
            if (m != null && m.kind() == Kind.FILE_NO_TRANSACTION) {
                fileNoTransaction = true;
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        Kind current = null;
        for (String[] l : lines) {
            Marker m = classify(syntax, l[0]);
            String keep = "";
            if (m == null) {
                keep = current == want ? l[0] : "";
            } else {
                switch (m.kind()) {
                    case UP, DOWN -> {
                        current = m.kind();
                        keep = current == want && (m.noTransaction() || fileNoTransaction) ? "-- dbshift:no-transaction" : "";
                    }
                    case BEGIN -> keep = current == want ? "-- dbshift:statement-begin" : "";
                    case END -> keep = current == want ? "-- dbshift:statement-end" : "";
                    default -> {
                    }
                }
            }
            out.append(keep).append(l[1]);
        }
        return out.toString();
    }

    private static Marker classify(Syntax syntax, String line) {
        return syntax.classify(line.startsWith("\uFEFF") ? line.substring(1) : line);
    }

    /** The lines of {@code text}, each as {text, line break}; the last one's break may be empty. */
    static List<String[]> lines(String text) {
        List<String[]> out = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int nl = text.indexOf('\n', at);
            int end = nl < 0 ? text.length() : nl;
            int textEnd = end > at && text.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(new String[]{text.substring(at, textEnd), text.substring(textEnd, nl < 0 ? end : nl + 1)});
            at = nl < 0 ? text.length() : nl + 1;
        }
        return out;
    }

    /** The up or down section of a file in a marker format. */
    record MarkedSection(Syntax syntax, Kind kind) implements Section {
        @Override
        public String label() {
            return kind == Kind.UP ? "up" : "down";
        }

        @Override
        public Reader extract(Reader whole) throws IOException {
            return new StringReader(MarkedText.extract(FolderFiles.readAll(whole), syntax, kind));
        }
    }
}
