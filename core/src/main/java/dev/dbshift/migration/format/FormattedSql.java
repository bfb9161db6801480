package dev.dbshift.migration.format;

import dev.dbshift.migration.MigrationFormat.FormatFolder;
import dev.dbshift.migration.MigrationFormat.FormatSink;
import dev.dbshift.migration.ScriptRef;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Liquibase formatted SQL file read into changesets, each its up {@link LineSection} and its rollback's; the
 * rules (versions, attributes, what is refused) are {@link LiquibaseFormat}'s class comment. One pass over the
 * file's lines finds the changesets and sorts each of their lines into SQL, rollback and marker; the sections
 * then only look lines up.
 */
final class FormattedSql {
    private static final Pattern CHANGESET = Pattern.compile("\\s*--\\s*changeset\\s+(\"[^\"]+\"|[^\\s:]+):(\"[^\"]+\"|\\S+)\\s*(.*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z]+):(\"[^\"]*\"|\\S+)\\s*");
    private static final Pattern ROLLBACK = Pattern.compile("\\s*--\\s*rollback\\b ?(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_BLOCK = Pattern.compile("\\s*/\\*\\s*liquibase\\s+rollback\\b\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("\\s*--\\s*comment\\b:?\\s*(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSED = Pattern.compile(
            "\\s*--\\s*(preconditions?\\S*|validCheckSum|ignoreLines|property|include|includeAll)\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Set<String> ATTRIBUTES = Set.of("runonchange", "runalways", "context", "contextfilter", "labels",
            "splitstatements", "enddelimiter", "failonerror", "runintransaction", "stripcomments", "dbms", "logicalfilepath",
            "ignore", "rollbacksplitstatements", "rollbackenddelimiter", "created", "runwith");

    private final FormatFolder folder;
    private final FormatSink sink;
    private final Path file;
    private final int fileNumber;
    private final boolean raw;
    private final String display;

    FormattedSql(FormatFolder folder, FormatSink sink, Path file, int fileNumber, boolean raw) {
        this.folder = folder;
        this.sink = sink;
        this.file = file;
        this.fileNumber = fileNumber;
        this.raw = raw;
        this.display = folder.display(file);
    }

    /** What a line of a changeset is. */
    private enum Role { SQL, ROLLBACK, MARKER }

    private static final class Changeset {
        final int line;
        final String author;
        final String id;
        final Map<String, String> attributes = new LinkedHashMap<>();
        int end;
        String comment;
        boolean rollback;
        final Map<Integer, String> rollbackText = new HashMap<>();
        final Map<Integer, Role> roles = new HashMap<>();

        Changeset(int line, String author, String id) {
            this.line = line;
            this.author = author;
            this.id = id;
        }
    }

    void read() throws IOException {
        String recorded = LiquibaseFormat.recordedName(folder, file);
        if (raw) {
            // Liquibase reads a plain SQL file includeAll reaches as one changeset, raw by includeAll
            sink.versioned(LiquibaseFormat.version(fileNumber, 1), FlywayFormat.description(stem()),
                    List.of(new ScriptRef(display, file)), List.of(), LiquibaseFormat.NAME + ":" + recorded + "::raw::includeAll");
            return;
        }
        String[] lines = folder.text(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        }
        List<Changeset> changesets = parse(lines);
        int n = 0;
        for (Changeset c : changesets) {
            n++;
            emit(c, lines, n, recorded);
        }
    }

    private String stem() {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - 4);
    }

    private String at(int line) {
        return display + ":" + (line + 1);
    }

    private List<Changeset> parse(String[] lines) {
        List<Changeset> out = new ArrayList<>();
        Changeset current = null;
        boolean header = false;
        int block = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (block >= 0) {
                if (l.trim().endsWith("*/")) {
                    String before = l.substring(0, l.lastIndexOf("*/"));
                    current.roles.put(i, before.isBlank() ? Role.MARKER : Role.ROLLBACK);
                    current.rollbackText.put(i, before);
                    block = -1;
                } else {
                    current.roles.put(i, Role.ROLLBACK);
                    current.rollbackText.put(i, l);
                }
                continue;
            }
            if (!header) {
                if (l.isBlank()) {
                    continue;
                }
                if (!l.trim().matches("(?i)--\\s*liquibase\\s+formatted\\s+sql")) {
                    sink.problem(at(i) + ": the header '--liquibase formatted sql' has more on its line, which dbshift does not read");
                }
                header = true;
                continue;
            }
            Matcher m = CHANGESET.matcher(l);
            if (m.matches()) {
                if (current != null) {
                    current.end = i;
                }
                current = new Changeset(i, unquote(m.group(1)), unquote(m.group(2)));
                attributes(current, m.group(3), i);
                out.add(current);
                continue;
            }
            if (current == null) {
                if (!l.isBlank() && !l.trim().startsWith("--")) {
                    sink.problem(at(i) + ": SQL before the first --changeset belongs to no changeset");
                }
                continue;
            }
            if ((m = ROLLBACK.matcher(l)).matches()) {
                current.rollback = true;
                String sql = m.group(1);
                if (sql.trim().matches("(?i)not required|empty")) {
                    current.roles.put(i, Role.MARKER);
                } else if (sql.trim().toLowerCase(Locale.ROOT).startsWith("changesetid:")) {
                    sink.problem(at(i) + ": a rollback naming another changeset (" + sql.trim() + ") is not read; write its SQL");
                    current.roles.put(i, Role.MARKER);
                } else {
                    current.roles.put(i, Role.ROLLBACK);
                    current.rollbackText.put(i, sql);
                }
            } else if (ROLLBACK_BLOCK.matcher(l).matches()) {
                current.rollback = true;
                current.roles.put(i, Role.MARKER);
                block = i;
            } else if ((m = COMMENT.matcher(l)).matches()) {
                current.comment = m.group(1).trim();
                current.roles.put(i, Role.MARKER);
            } else if ((m = REFUSED.matcher(l)).matches()) {
                sink.problem(at(i) + ": '--" + m.group(1) + "' is not read by dbshift (the changeset " + current.author + ":"
                        + current.id + " would run without it); remove it or keep this changelog with Liquibase");
                current.roles.put(i, Role.MARKER);
            } else {
                current.roles.put(i, Role.SQL);
            }
        }
        if (block >= 0) {
            sink.problem(at(block) + ": the '/* liquibase rollback' block is not closed with */");
        }
        if (current != null) {
            current.end = lines.length;
        }
        if (out.isEmpty()) {
            sink.problem(display + ": a formatted SQL changelog without a --changeset");
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private void attributes(Changeset c, String text, int line) {
        Matcher m = ATTRIBUTE.matcher(text);
        int pos = 0;
        while (pos < text.length() && m.find(pos) && m.start() == pos) {
            String key = m.group(1);
            if (!ATTRIBUTES.contains(key.toLowerCase(Locale.ROOT))) {
                sink.problem(at(line) + ": the changeset attribute '" + key + "' is not one dbshift reads");
            }
            c.attributes.put(key.toLowerCase(Locale.ROOT), unquote(m.group(2)));
            pos = m.end();
        }
        if (pos < text.length()) {
            sink.problem(at(line) + ": cannot read the changeset attributes from '" + text.substring(pos)
                    + "' (expected name:value pairs)");
        }
    }

    private Boolean flag(Changeset c, String key, boolean byDefault) {
        String v = c.attributes.get(key);
        if (v == null) {
            return byDefault;
        }
        Boolean b = LiquibaseFormat.bool(v);
        if (b == null) {
            sink.problem(at(c.line) + ": " + key + ":" + v + " is not true or false");
            return byDefault;
        }
        return b;
    }

    private void emit(Changeset c, String[] lines, int number, String recorded) {
        Map<String, String> a = c.attributes;
        boolean ok = true;
        if (flag(c, "runalways", false)) {
            sink.problem(at(c.line) + ": runAlways:true; dbshift has no migration that runs on every command"
                    + " (runOnChange:true re-runs it when it is edited)");
            ok = false;
        }
        if (!flag(c, "failonerror", true)) {
            sink.problem(at(c.line) + ": failOnError:false; dbshift stops at a failing statement and does not record a"
                    + " failed changeset as run");
            ok = false;
        }
        if (a.containsKey("dbms")) {
            sink.problem(at(c.line) + ": dbms:" + a.get("dbms") + "; dbshift does not filter changesets by database");
            ok = false;
        }
        if (a.containsKey("runwith") && !a.get("runwith").equalsIgnoreCase("jdbc")) {
            sink.problem(at(c.line) + ": runWith:" + a.get("runwith") + "; dbshift runs SQL over JDBC only");
            ok = false;
        }
        String context = a.getOrDefault("contextfilter", a.get("context"));
        if (context != null && LiquibaseFormat.contextProblem(context) != null) {
            sink.problem(at(c.line) + ": " + LiquibaseFormat.contextProblem(context));
            ok = false;
        }
        boolean inTransaction = flag(c, "runintransaction", true);
        boolean split = flag(c, "splitstatements", true);
        boolean rollbackSplit = flag(c, "rollbacksplitstatements", true);
        boolean runOnChange = flag(c, "runonchange", false);
        boolean ignore = flag(c, "ignore", false);
        flag(c, "stripcomments", false);
        if (!ok || ignore || (context != null && !LiquibaseFormat.contextMatches(context, folder.environment()))) {
            return;
        }
        String logical = a.getOrDefault("logicalfilepath", recorded);
        String foreignId = LiquibaseFormat.NAME + ":" + logical + "::" + c.id + "::" + c.author;
        String label = "changeset " + c.author + ":" + c.id;
        LineSection up = section(c, lines, label, Role.SQL, directives(inTransaction, split, a.get("enddelimiter")), !split);
        if (up == null) {
            return;
        }
        ScriptRef upRef = new ScriptRef(display, file, up);
        if (runOnChange) {
            sink.repeatable(upRef, logical + "::" + c.id + "::" + c.author, foreignId);
            return;
        }
        List<ScriptRef> down = List.of();
        if (c.rollback) {
            LineSection back = section(c, lines, "rollback of " + label, Role.ROLLBACK,
                    directives(inTransaction, rollbackSplit, a.get("rollbackenddelimiter")), !rollbackSplit);
            if (back == null) {
                return;
            }
            down = List.of(new ScriptRef(display, file, back));
        }
        sink.versioned(LiquibaseFormat.version(fileNumber, number), c.comment != null && !c.comment.isEmpty() ? c.comment : c.id,
                List.of(upRef), down, foreignId);
    }

    private static List<String> directives(boolean inTransaction, boolean split, String delimiter) {
        List<String> d = new ArrayList<>();
        if (!inTransaction) {
            d.add("-- dbshift:no-transaction");
        }
        if (delimiter != null && split) {
            d.add("-- dbshift:delimiter " + delimiter);
        }
        if (!split) {
            d.add("-- dbshift:statement-begin");
        }
        return d;
    }

    /**
     * The section of {@code c}'s lines of {@code role}; the directives go on the lines that end at its
     * {@code --changeset} line (that line and the ones above it, outside the changeset), and
     * {@code -- dbshift:statement-end} on the first line after its last line of {@code role} that is not one.
     */
    private LineSection section(Changeset c, String[] lines, String label, Role role, List<String> before, boolean end) {
        Map<Integer, String> carried = new HashMap<>();
        int first = c.line - before.size() + 1;
        if (first < 0) {
            sink.problem(at(c.line) + ": no room for what its attributes say on the lines above it; put a blank line above the --changeset");
            return null;
        }
        for (int k = 0; k < before.size(); k++) {
            carried.put(first + k, before.get(k));
        }
        if (end) {
            int last = c.line;
            for (int i = c.line + 1; i < c.end; i++) {
                String text = role == Role.ROLLBACK ? c.rollbackText.get(i) : lines[i];
                if (c.roles.get(i) == role && text != null && !text.isBlank()) {
                    last = i;
                }
            }
            // the line after the last one with SQL is blank in this section, or outside it
            int slot = last + 1;
            if (slot >= lines.length) {
                sink.problem(at(last) + ": end the file with a line break (dbshift needs the line after " + label + ")");
                return null;
            }
            carried.put(slot, "-- dbshift:statement-end");
        }
        Map<Integer, Role> roles = c.roles;
        Map<Integer, String> rollbackText = c.rollbackText;
        int from = c.line;
        int to = c.end;
        return new LineSection(label, (i, text) -> {
            String d = carried.get(i);
            if (d != null) {
                return d;
            }
            if (i <= from || i >= to || roles.get(i) != role) {
                return "";
            }
            return role == Role.ROLLBACK ? rollbackText.get(i) : text;
        });
    }
}
