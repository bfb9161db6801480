package dev.dbshift.bench.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.lint.LintStatement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lints one corpus with squawk and with dbshift, each as a whole process, and prints a Markdown report: per mapped
 * rule the findings of each, how many sit at the same statement, every disagreement (grouped by statement shape,
 * with the known scope difference), the rules without a counterpart, and the median wall time of each tool.
 * A finding's line is taken to the statement that holds it (squawk points at the column or clause, dbshift at the
 * statement), so "agree" means the same file and the same statement. dbshift's JVM gets the flags the
 * {@code dbshift} launcher gives it (its class-data archive aside: that belongs to the cli jar).
 *
 * <p>{@code LintBench [--repo .] [--dir bench/target/lint-corpus] [--files 1000] [--runs 3] [--squawk squawk]
 * [--details bench/target/lint-disagreements.md] [--sources bench/lint/real-sources.txt]
 * [--jars bench/target/lint-jars]}
 */
public final class LintBench {

    /** One finding, at the start line of the statement that holds it. */
    record Hit(String file, int line, String rule) {
        Key key() {
            return new Key(file, line);
        }
    }

    /** A statement: file and its start line. */
    record Key(String file, int line) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = file.compareTo(o.file);
            return c != 0 ? c : Integer.compare(line, o.line);
        }
    }

    /** The PostgreSQL version both linters are told the migrations run on. */
    static final String PG_VERSION = "16.0";

    private LintBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("--repo", ".", "--dir", "bench/target/lint-corpus", "--files", "1000",
                "--runs", "3", "--squawk", "squawk", "--details", "bench/target/lint-disagreements.md",
                "--sources", "bench/lint/real-sources.txt", "--jars", "bench/target/lint-jars"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i], args[i + 1]);
        }
        Path dir = Path.of(opt.get("--dir")).toAbsolutePath();
        List<RealCorpus.Script> real = RealCorpus.read(Path.of(opt.get("--sources")), Path.of(opt.get("--jars")));
        int realFiles = LintCorpus.write(Path.of(opt.get("--repo")), dir, Integer.parseInt(opt.get("--files")), real);
        int runs = Integer.parseInt(opt.get("--runs"));

        Path squawkOut = Files.createTempFile("squawk", ".json");
        Path dbshiftOut = Files.createTempFile("dbshift", ".tsv");
        List<String> squawkCmd = List.of(opt.get("--squawk"), "--reporter", "json", "--assume-in-transaction",
                "--pg-version=" + PG_VERSION,
                "--exclude-path=*.down.sql", "*.sql");
        List<String> dbshiftCmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn8m", "-XX:-UsePerfData", "-cp",
                absolute(System.getProperty("java.class.path")), DbshiftLint.class.getName(), dir.toString());
        long[] squawkMs = new long[runs];
        long[] dbshiftMs = new long[runs];
        for (int r = 0; r < runs; r++) {   // interleaved, so both see the same machine
            squawkMs[r] = run(squawkCmd, dir, squawkOut);
            dbshiftMs[r] = run(dbshiftCmd, dir, dbshiftOut);
        }

        Map<String, TreeSet<Integer>> starts = new HashMap<>();
        Map<Key, String> text = new HashMap<>();
        int statements = 0;
        for (Path f : DbshiftLint.upScripts(dir)) {
            TreeSet<Integer> lines = new TreeSet<>();
            for (LintStatement st : DbshiftLint.statements(f)) {
                lines.add(st.statement().line());
                text.putIfAbsent(new Key(f.getFileName().toString(), st.statement().line()), st.statement().sql());
                statements++;
            }
            starts.put(f.getFileName().toString(), lines);
        }
        List<Hit> squawk = squawk(squawkOut, starts);
        List<Hit> dbshift = dbshift(dbshiftOut, starts);

        StringBuilder report = new StringBuilder();
        StringBuilder details = new StringBuilder("# Every disagreement (squawk vs dbshift lint bench)\n");
        report.append(String.format("Corpus: %d files, %d statements (dbshift's split). %s.%n%n",
                starts.size(), statements, version(opt.get("--squawk"))));
        report.append(sources(real, realFiles, starts.size())).append('\n');
        report.append(String.format("Whole process, median of %d: squawk %d ms, dbshift %d ms (dbshift / squawk = %.2f). "
                        + "Runs: squawk %s ms, dbshift %s ms.%n%n", runs, median(squawkMs), median(dbshiftMs),
                (double) median(dbshiftMs) / median(squawkMs), Arrays.toString(squawkMs), Arrays.toString(dbshiftMs)));
        report.append("| squawk rule | dbshift rule(s) | squawk | dbshift | agree | squawk only | dbshift only "
                + "| real files: squawk | dbshift | agree |\n");
        report.append("|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder groups = new StringBuilder();
        for (RuleMap m : RuleMap.ALL) {
            Map<Key, Key> s = keys(squawk, m.squawk()::equals, m.perFile());
            Map<Key, Key> d = keys(dbshift, m::hasDbshift, m.perFile());
            Set<Key> both = new TreeSet<>(s.keySet());
            both.retainAll(d.keySet());
            Set<Key> sOnly = new TreeSet<>();
            s.forEach((k, shown) -> {
                if (!d.containsKey(k)) {
                    sOnly.add(shown);
                }
            });
            Set<Key> dOnly = new TreeSet<>();
            d.forEach((k, shown) -> {
                if (!s.containsKey(k)) {
                    dOnly.add(shown);
                }
            });
            report.append(String.format("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d |%n", m.squawk(),
                    String.join(", ", new TreeSet<>(m.dbshift())), s.size(), d.size(), both.size(), sOnly.size(),
                    dOnly.size(), real(s.keySet()), real(d.keySet()), real(both)));
            describe(groups, details, m, "squawk only (dbshift misses)", sOnly, text);
            describe(groups, details, m, "dbshift only", dOnly, text);
        }
        report.append('\n').append(unmapped(squawk, dbshift)).append('\n').append(groups);
        System.out.print(report);
        Path detailsFile = Path.of(opt.get("--details"));
        Files.createDirectories(detailsFile.toAbsolutePath().getParent());
        Files.writeString(detailsFile, details);
        System.out.println("\nEvery disagreement, statement by statement: " + detailsFile);
    }

    /** How many of {@code keys} sit in a real file (not one {@link LintCorpus} generated). */
    private static long real(Set<Key> keys) {
        return keys.stream().filter(k -> !k.file().endsWith(LintCorpus.GENERATED)).count();
    }

    /** How many files are real, per source (the repository's own, each artifact), and how many generated. */
    private static String sources(List<RealCorpus.Script> real, int realFiles, int files) {
        Map<String, Integer> per = new java.util.LinkedHashMap<>();
        per.put("this repository", realFiles - real.size());
        for (RealCorpus.Script s : real) {
            per.merge(s.artifact(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder(String.format("Real files: %d; generated: %d. Per source: ", realFiles,
                files - realFiles));
        List<String> parts = new ArrayList<>();
        per.forEach((a, c) -> parts.add("`" + a + "` " + c));
        return sb.append(String.join(", ", parts)).append(".\n").toString();
    }

    /** The class path with every entry absolute (the child runs in the corpus directory). */
    private static String absolute(String classPath) {
        List<String> out = new ArrayList<>();
        for (String e : classPath.split(java.io.File.pathSeparator)) {
            out.add(Path.of(e).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    /** Runs {@code cmd} in {@code dir} with its standard output to {@code out}; the wall time in ms. */
    private static long run(List<String> cmd, Path dir, Path out) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.waitFor();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String version(String squawk) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(squawk, "--version").redirectErrorStream(true).start();
        String v = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return v;
    }

    private static long median(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** squawk's JSON report (0-based lines) as hits at statement starts. */
    private static List<Hit> squawk(Path json, Map<String, TreeSet<Integer>> starts) throws IOException {
        List<Hit> out = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
            String file = Path.of(n.get("file").asText()).getFileName().toString();
            out.add(new Hit(file, start(starts, file, n.get("line").asInt() + 1), n.get("rule_name").asText()));
        }
        return out;
    }

    /** dbshift's {@code file TAB line TAB rule} lines as hits at statement starts. */
    private static List<Hit> dbshift(Path tsv, Map<String, TreeSet<Integer>> starts) throws IOException {
        List<Hit> out = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t");
            out.add(new Hit(f[0], start(starts, f[0], Integer.parseInt(f[1])), f[2]));
        }
        return out;
    }

    /** The start line of the statement of {@code file} that holds {@code line} (the line itself when none). */
    private static int start(Map<String, TreeSet<Integer>> starts, String file, int line) {
        TreeSet<Integer> s = starts.get(file);
        Integer floor = s == null ? null : s.floor(line);
        return floor == null ? line : floor;
    }

    /**
     * The statements with a finding of {@code rule}, each under the key it is compared by: the statement, or the
     * file alone when {@code perFile} (then the first finding's statement is kept to show).
     */
    private static Map<Key, Key> keys(List<Hit> hits, java.util.function.Predicate<String> rule, boolean perFile) {
        Map<Key, Key> out = new TreeMap<>();
        for (Hit h : hits) {
            if (rule.test(h.rule())) {
                out.putIfAbsent(perFile ? new Key(h.file(), 0) : h.key(), h.key());
            }
        }
        return out;
    }

    /** Disagreements grouped by statement shape (first words, names dropped), with one example and the scope note. */
    private static void describe(StringBuilder groups, StringBuilder details, RuleMap m, String side, Set<Key> keys,
                                 Map<Key, String> text) {
        if (keys.isEmpty()) {
            return;
        }
        Map<String, List<Key>> byShape = new TreeMap<>();
        for (Key k : keys) {
            byShape.computeIfAbsent(shape(text.getOrDefault(k, "")), x -> new ArrayList<>()).add(k);
        }
        groups.append(String.format("%n**%s — %s: %d**%s%n", m.squawk(), side, keys.size(),
                m.scope().isEmpty() ? "" : " (scope: " + m.scope() + ")"));
        details.append(String.format("%n## %s — %s (%d)%n", m.squawk(), side, keys.size()));
        for (Map.Entry<String, List<Key>> e : byShape.entrySet()) {
            Key first = e.getValue().get(0);
            groups.append(String.format("- %d× `%s` e.g. %s:%d `%s`%n", e.getValue().size(), e.getKey(), first.file(),
                    first.line(), oneLine(text.getOrDefault(first, ""))));
        }
        for (Key k : keys) {
            details.append(String.format("- %s:%d `%s`%n", k.file(), k.line(), oneLine(text.getOrDefault(k, ""))));
        }
    }

    /** Words kept in a statement's shape (upper-cased); every other word is a name and becomes {@code x}. */
    private static final Set<String> KEYWORDS = Set.of("CREATE", "ALTER", "DROP", "TABLE", "INDEX", "UNIQUE", "ADD",
            "COLUMN", "CONSTRAINT", "FOREIGN", "PRIMARY", "KEY", "REFERENCES", "ON", "SET", "NOT", "NULL", "DEFAULT",
            "TYPE", "RENAME", "TO", "UPDATE", "INSERT", "INTO", "DELETE", "FROM", "WHERE", "VALIDATE", "VALID",
            "CONCURRENTLY", "IF", "EXISTS", "CHECK", "TRUNCATE", "CASCADE", "VIEW", "FUNCTION", "OR", "REPLACE",
            "COMMENT", "IS", "SEQUENCE", "USING", "REINDEX", "DETACH", "PARTITION", "VALUE", "AS", "VALUES",
            "SELECT", "GRANT", "BIGINT", "INTEGER", "INT", "VARCHAR", "TEXT", "TIMESTAMP", "TIMESTAMPTZ", "BOOLEAN",
            "SERIAL", "BIGSERIAL", "JSON", "JSONB", "CHAR", "SMALLINT", "NUMERIC", "BYTEA", "ENUM", "TRIGGER");
    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_.]*\\b");

    /**
     * The statement's leading keywords, names and literals replaced, so alike statements group together (in any
     * letter case: the generated files write keywords in capitals, Flowable's and Camunda's names).
     */
    static String shape(String sql) {
        String s = WORD.matcher(sql.replaceAll("(?m)--.*$", " ").replaceAll("'[^']*'", "'…'"))
                .replaceAll(w -> KEYWORDS.contains(w.group().toUpperCase(java.util.Locale.ROOT))
                        ? w.group().toUpperCase(java.util.Locale.ROOT) : "x")
                .replaceAll("\\s+", " ").trim();
        String[] words = s.split(" ");
        return String.join(" ", Arrays.copyOf(words, Math.min(words.length, 8)));
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").trim();
        return s.length() > 110 ? s.substring(0, 110) + "…" : s;
    }

    /** Findings of rules that have no counterpart in the other tool, counted per rule. */
    private static String unmapped(List<Hit> squawk, List<Hit> dbshift) {
        Set<String> mappedS = new HashSet<>();
        Set<String> mappedD = new HashSet<>();
        for (RuleMap m : RuleMap.ALL) {
            mappedS.add(m.squawk());
            mappedD.addAll(m.dbshift());
        }
        return "Rules without a counterpart (findings): squawk " + count(squawk, mappedS) + "; dbshift "
                + count(dbshift, mappedD) + ".\n";
    }

    private static String count(List<Hit> hits, Set<String> mapped) {
        Map<String, Integer> n = new TreeMap<>();
        for (Hit h : hits) {
            if (!mapped.contains(h.rule())) {
                n.merge(h.rule(), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        n.forEach((r, c) -> parts.add("`" + r + "` " + c));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
