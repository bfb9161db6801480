package dev.dbshift.migration.format;

import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Liquibase: formatted SQL changelogs ({@code --liquibase formatted sql}, {@code --changeset author:id ...}),
 * and XML or YAML changelogs that {@code include} or {@code includeAll} them. Each changeset is a migration: its
 * SQL a {@link LineSection} of the file (its up), its {@code --rollback} lines or
 * {@code /* liquibase rollback ... *}{@code /} block another (its down).
 *
 * <p>Versions. Changesets have no version, only their order in the changelog. A changeset's version is
 * {@code F.C}: F is its file's place among the formatted SQL files in the changelog's order (roots by path,
 * each include followed depth first, {@code includeAll} by path), C its place in the file. Appending a changeset
 * to the last file, or a new file at the end, never renumbers anything. A changeset appended to an earlier file
 * gets a version below ones already applied: Liquibase runs it, dbshift calls it out of order ({@code up
 * --out-of-order} runs it, as Liquibase would). Inserting a changeset or a file in the middle renumbers what
 * follows, and dbshift then refuses (their applied scripts look edited) instead of running anything twice.
 *
 * <p>Attributes: {@code runInTransaction:false} is {@code -- dbshift:no-transaction}, {@code splitStatements:false}
 * the changeset's SQL as one statement ({@code -- dbshift:statement-begin}/{@code -end}), {@code endDelimiter:X}
 * {@code -- dbshift:delimiter X}, all written on lines of the file outside the changeset (its own
 * {@code --changeset} line, the line before, the line after), so line numbers stay the file's. {@code context:}
 * filters by dbshift's environment as Liquibase's {@code --contexts} would (no environment: every changeset, as
 * Liquibase without contexts); {@code labels:} do not filter (dbshift has no label filter; Liquibase without
 * {@code --label-filter} runs every label too). {@code runOnChange:true} changesets are repeatable migrations
 * (re-run when edited; like every repeatable they run after the versioned ones). {@code ignore:true} skips the
 * changeset (it keeps its number). Refused, naming file and line, since running them otherwise would be wrong:
 * {@code runAlways}, {@code failOnError:false}, {@code dbms:}, preconditions, {@code --validCheckSum},
 * {@code --ignoreLines}, {@code --property}, a rollback naming another changeset.
 *
 * <p>XML and YAML changelogs are only a table of contents: a {@code changeSet} written in Liquibase's change types
 * (createTable, sql, ...) is refused naming the file and the change type. XML is read with the JDK's parser (no
 * DTDs, no external entities), YAML with Jackson's. A SQL file {@code includeAll} reaches without the formatted
 * header is one changeset, {@code raw} by {@code includeAll}, as Liquibase reads it.
 *
 * <p>The history names Liquibase records ({@code DATABASECHANGELOG}'s FILENAME, ID, AUTHOR):
 * {@code liquibase:<file>::<id>::<author>}, the file as its path under the location (what Liquibase records when
 * run from the location with the changelog named relative to it), or the changeset's {@code logicalFilePath}.
 */
public final class LiquibaseFormat implements MigrationFormat {
    public static final String NAME = "liquibase";
    static final Pattern HEADER = Pattern.compile("\\s*--\\s*liquibase\\s+formatted\\s+sql\\b.*", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return NAME;
    }

    /** A changelog in the folder: a formatted SQL file, or an XML or YAML file holding a databaseChangeLog. */
    @Override
    public boolean detect(FolderListing folder) throws IOException {
        // an XML or YAML changelog says so; formatted SQL files alone only when no plain SQL file sits beside them:
        // one formatted file among dbshift's own scripts is a misplaced file, which the dbshift layout refuses
        // naming it and its marker, not a Liquibase project whose every other script is "not included"
        boolean formatted = false;
        boolean plain = false;
        for (FolderListing.Tree t : folder.tree(3)) {
            Path p = t.file();
            boolean sql = p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql");
            if (sql && plain) {
                // a plain SQL file sits here already: only an XML or YAML changelog can still say Liquibase, so
                // the other SQL files' heads are not read (a folder of 10,000 scripts is not opened 10,000 times)
                continue;
            }
            ChangelogKind k = kind(p);
            if (k == ChangelogKind.XML || k == ChangelogKind.YAML) {
                return true;
            }
            if (k == ChangelogKind.FORMATTED_SQL) {
                formatted = true;
            } else if (sql) {
                plain = true;
            }
        }
        return formatted && !plain;
    }

    /** What changelog {@code p} is, by its name and head; null when it is none. */
    static ChangelogKind kind(Path p) throws IOException {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean sql = name.endsWith(".sql");
        boolean xml = name.endsWith(".xml");
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        if (!sql && !xml && !yaml) {
            return null;
        }
        String head = head(p);
        if (sql) {
            return HEADER.matcher(head.lines().filter(l -> !l.isBlank()).findFirst().orElse("")).matches()
                    ? ChangelogKind.FORMATTED_SQL : null;
        }
        if (xml) {
            return head.contains("<databaseChangeLog") ? ChangelogKind.XML : null;
        }
        return Pattern.compile("(?m)^databaseChangeLog\\s*:").matcher(head).find() ? ChangelogKind.YAML : null;
    }

    private static String head(Path p) throws IOException {
        try (Reader r = Files.newBufferedReader(p, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            char[] b = new char[2048];
            int n = r.read(b);
            return n <= 0 ? "" : new String(b, 0, n);
        }
    }

    enum ChangelogKind { FORMATTED_SQL, XML, YAML, RAW_SQL }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        List<Path> all = FolderListing.regularFiles(folder.dir()).stream()
                .filter(p -> !folder.dir().relativize(p).toString().startsWith(".")).toList();
        List<Path> changelogs = new ArrayList<>();
        for (Path p : all) {
            if (kind(p) != null) {
                changelogs.add(p);
            }
        }
        ChangelogIndex index = new ChangelogIndex(folder, sink);
        Set<Path> included = new HashSet<>();
        for (Path p : changelogs) {
            included.addAll(index.includes(p));
        }
        Set<Path> order = new LinkedHashSet<>();
        for (Path p : changelogs) {
            if (!included.contains(p)) {
                index.flatten(p, order, new ArrayList<>());
            }
        }
        for (Path p : all) {
            if (!order.contains(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) {
                sink.problem(folder.display(p) + ": a SQL file no Liquibase changelog includes (and without the"
                        + " '--liquibase formatted sql' header that would make it one); Liquibase would not run it either");
            }
        }
        int file = 0;
        for (Path p : order) {
            ChangelogKind k = index.kind(p);
            if (k == ChangelogKind.FORMATTED_SQL || k == ChangelogKind.RAW_SQL) {
                file++;
                new FormattedSql(folder, sink, p, file, k == ChangelogKind.RAW_SQL).read();
            }
        }
    }

    /** The file's name as Liquibase records it (its FILENAME column): its path under the location. */
    static String recordedName(FormatFolder folder, Path file) {
        return folder.dir().relativize(file).toString().replace('\\', '/');
    }

    static Version version(int file, int changeset) {
        return Version.parse(file + "." + changeset);
    }

    /** Reads {@code text} as a boolean attribute value; anything else than true/false is a problem. */
    static Boolean bool(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
    }

    /** Why a {@code context:} expression cannot be read, or null. */
    static String contextProblem(String context) {
        if (context.contains("(") || context.contains(")")) {
            return "context '" + context + "': parentheses are not read; use a list (a,b), 'and', 'or' and '!'";
        }
        return null;
    }

    /** Liquibase's context filter with the environment as the only context: {@code a,b}, {@code a or b}, {@code a and b}, {@code !a}. */
    static boolean contextMatches(String context, String environment) {
        if (environment == null || context.isBlank()) {
            return true;
        }
        for (String any : context.split(",|\\s+or\\s+")) {
            boolean all = true;
            for (String atom : any.trim().split("\\s+and\\s+")) {
                String a = atom.trim();
                boolean not = a.startsWith("!") || a.toLowerCase(Locale.ROOT).startsWith("not ");
                String name = a.startsWith("!") ? a.substring(1).trim() : not ? a.substring(4).trim() : a;
                if (name.equalsIgnoreCase(environment) == not) {
                    all = false;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
