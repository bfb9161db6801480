package dev.dbshift.bench.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real PostgreSQL migration sets, as projects ship them inside their jars on Maven Central (Flowable's and
 * Camunda's create and upgrade scripts, Quartz's tables, Spring Batch's schema and migrations, Spring Session's
 * and Spring Integration's schemas). {@code bench/lint/run.sh} has Maven copy the jars named in
 * {@code bench/lint/real-sources.txt} ({@code groupId:artifactId:version}, one a line) into a folder; this class
 * reads each jar's PostgreSQL scripts (an entry ending in {@code .sql} whose path says {@code postgres}, drop and
 * Liquibase-baseline scripts left out: the first tear a schema down, the second repeat the create scripts), orders
 * them as the set is applied (create scripts first, then the upgrades by version) and names each for the corpus.
 */
final class RealCorpus {

    /** One script: where it comes from ({@code groupId:artifactId:version}, path in the jar) and its text. */
    record Script(String artifact, String path, String text) {
        String origin() {
            return artifact + ":" + path;
        }

        String artifactId() {
            return artifact.split(":")[1];
        }
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+(?:\\.\\d+)*");

    private RealCorpus() {
    }

    /**
     * The scripts of every source listed in {@code sources} whose jar ({@code artifactId-version.jar}) is in
     * {@code jars}, in the list's order, each set in the order it is applied. A listed jar that is missing fails:
     * the corpus must not silently shrink.
     */
    static List<Script> read(Path sources, Path jars) throws IOException {
        List<Script> out = new ArrayList<>();
        for (String line : Files.readAllLines(sources)) {
            String gav = line.replaceFirst("#.*", "").trim();
            if (gav.isEmpty()) {
                continue;
            }
            String[] p = gav.split(":");
            Path jar = jars.resolve(p[1] + "-" + p[2] + ".jar");
            if (!Files.exists(jar)) {
                throw new IOException("missing " + jar + " (bench/lint/run.sh copies it with Maven)");
            }
            List<Script> set = new ArrayList<>();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    if (selected(e.getName())) {
                        set.add(new Script(gav, e.getName(),
                                new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
            set.sort(Comparator.comparing((Script s) -> isUpgrade(s.path()))
                    .thenComparing((a, b) -> compareVersions(version(a.path()), version(b.path())))
                    .thenComparing(Script::path));
            out.addAll(set);
        }
        return out;
    }

    /** A PostgreSQL script that builds or changes a schema. */
    static boolean selected(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".sql") && p.contains("postgres") && !p.contains("drop") && !p.contains("liquibase");
    }

    private static boolean isUpgrade(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.contains("upgrade") || p.contains("migration");
    }

    /**
     * The versions a script's name holds (from, to, and a patch's base), or its folder's when the name has none
     * (Spring Batch's {@code migration/5.0/}), one after the other as numbers to compare: Camunda's
     * {@code 7.10_patch_7.10.5_to_7.10.6} comes before {@code 7.10_patch_7.10.13_to_7.10.14} and both before
     * {@code 7.10_to_7.11}. Flowable writes versions without dots ({@code 5151} is 5.15.1, {@code 510} is 5.10,
     * {@code 6412} is 6.4.1.2): its major is the first digit and its minor the next two digits for a 5.x with three
     * or more digits, the next one otherwise; the rest compares as text, so 5.16.3.0 ({@code 51630}) comes after
     * 5.16.1 ({@code 5161}).
     */
    static List<String> version(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        List<String> found = new ArrayList<>();
        Matcher m = DIGITS.matcher(name);
        while (m.find()) {
            found.add(m.group());
        }
        if (found.isEmpty()) {
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            Matcher d = DIGITS.matcher(dir.substring(dir.lastIndexOf('/') + 1));
            if (d.matches()) {
                found.add(d.group());
            }
        }
        List<String> out = new ArrayList<>();
        for (String v : found) {
            if (v.contains(".")) {
                out.addAll(List.of(v.split("\\.")));
            } else {
                int minorDigits = v.charAt(0) == '5' && v.length() >= 3 ? 2 : 1;
                int end = Math.min(v.length(), 1 + minorDigits);
                out.addAll(List.of(v.substring(0, 1), v.substring(1, end), "r" + v.substring(end)));
            }
        }
        return out;
    }

    /** Numbers compare as numbers, a Flowable rest ({@code r...}) as text. */
    static int compareVersions(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            int c = x.startsWith("r") || y.startsWith("r") || x.isEmpty() || y.isEmpty()
                    ? x.compareTo(y) : Long.compare(Long.parseLong(x), Long.parseLong(y));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
