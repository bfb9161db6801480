package dev.dbshift.bench.split;

import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.mysql.MySQLParser;
import org.flywaydb.database.postgresql.PostgreSQLParser;

import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * dbshift's script splitter against Flyway 11's parser, side by side in one JVM, on the same generated
 * dumps (see {@link DumpScripts}). A plain main rather than JMH: the unit of work is seconds long, and
 * the numbers wanted are throughput, ratio and heap, which JMH's harness would only obscure.
 *
 * <p>Usage: {@code java -Xmx4g -cp bench/target/dbshift-bench.jar dev.dbshift.bench.split.SplitBenchmark [MB] [rounds] [streamMB]}
 * (defaults 32, 5, 512). Both tools read from a {@link Reader} over the same in-memory text, count their
 * statements (which must agree) and touch each statement's SQL text. Placeholder replacement is off for
 * both. The heap part then streams {@code streamMB} of the same dump (repeated) through each splitter
 * and samples the live heap (after a full GC) every 16 MB read.
 */
public final class SplitBenchmark {

    private SplitBenchmark() {
    }

    public static void main(String[] args) {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int streamMb = args.length > 2 ? Integer.parseInt(args[2]) : 512;
        long chars = mb * 1048576L;

        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        String mysql = DumpScripts.mysql(chars);
        String postgres = DumpScripts.postgres(chars);
        compare("MySQL dump with procedures", mysql, new MySqlScriptDialect(), () -> mysqlParser(), rounds, streamMb);
        compare("PostgreSQL dump with functions and COPY data", postgres, new PostgresScriptDialect(), () -> postgresParser(),
                rounds, streamMb);
        postgres = null;
        // a quarter of the size: Flyway keeps per-statement state while it parses and needs GBs of heap for 32 MB of INSERTs
        String inserts = DumpScripts.postgres(chars / 4, false);
        compare("PostgreSQL dump with functions, data as INSERTs", inserts, new PostgresScriptDialect(), () -> postgresParser(),
                rounds, streamMb / 4);
    }

    private static void compare(String title, String script, ScriptDialect dialect, Supplier<Parser> flyway, int rounds,
                                int streamMb) {
        double size = script.length() / 1048576.0;
        System.out.printf(Locale.ROOT, "%n%s: %.1f MB%n", title, size);
        long dbshiftCount = dbshift(dialect, new StringReader(script));
        long flywayCount = flyway(flyway.get(), script);
        System.out.printf(Locale.ROOT, "  statements: dbshift %d, flyway %d%n", dbshiftCount, flywayCount);
        for (int i = 0; i < 2; i++) { // warm-up
            dbshift(dialect, new StringReader(script));
            flyway(flyway.get(), script);
        }
        double[] d = new double[rounds];
        double[] f = new double[rounds];
        for (int i = 0; i < rounds; i++) { // interleaved, so both see the same machine
            long t0 = System.nanoTime();
            dbshift(dialect, new StringReader(script));
            long t1 = System.nanoTime();
            flyway(flyway.get(), script);
            long t2 = System.nanoTime();
            d[i] = size / ((t1 - t0) / 1e9);
            f[i] = size / ((t2 - t1) / 1e9);
        }
        double dm = median(d);
        double fm = median(f);
        System.out.printf(Locale.ROOT, "  dbshift %8.1f MB/s (median of %d; best %.1f)%n", dm, rounds, max(d));
        System.out.printf(Locale.ROOT, "  flyway  %8.1f MB/s (median of %d; best %.1f)%n", fm, rounds, max(f));
        System.out.printf(Locale.ROOT, "  ratio   %8.1fx%n", dm / fm);

        int times = Math.max(1, (int) Math.round(streamMb / size));
        long streamed = (long) script.length() * times;
        LiveHeap d1 = new LiveHeap(DumpScripts.repeated(script, times));
        dbshift(dialect, d1);
        LiveHeap f1 = new LiveHeap(DumpScripts.repeated(script, times));
        try {
            flyway(flyway.get(), new StreamResource(() -> f1));
        } catch (OutOfMemoryError e) {
            f1.outOfMemory();
        }
        System.out.printf(Locale.ROOT, "  live heap while streaming %d MB, above the baseline (GC every 16 MB read): dbshift %s, flyway %s%n",
                streamed >> 20, d1, f1);
    }

    static long dbshift(ScriptDialect dialect, Reader reader) {
        long n = 0;
        long chars = 0;
        try (StatementIterator it = dialect.split(reader, ScriptOptions.of("bench.sql"))) {
            while (it.hasNext()) {
                SqlStatement s = it.next();
                chars += s.sql().length();
                n++;
            }
        }
        return chars < 0 ? -1 : n;
    }

    static long flyway(Parser parser, String script) {
        return flyway(parser, new StreamResource(() -> new StringReader(script)));
    }

    static long flyway(Parser parser, LoadableResource resource) {
        long n = 0;
        long chars = 0;
        try (SqlStatementIterator it = parser.parse(resource)) {
            while (it.hasNext()) {
                chars += it.next().getSql().length();
                n++;
            }
        }
        return chars < 0 ? -1 : n;
    }

    private static Parser mysqlParser() {
        return new MySQLParser(new FluentConfiguration().placeholderReplacement(false), new ParsingContext());
    }

    private static Parser postgresParser() {
        return new PostgreSQLParser(new FluentConfiguration().placeholderReplacement(false), new ParsingContext());
    }

    /**
     * Wraps the script stream; every 16 MB read it collects garbage and samples the heap still in use.
     * The samples show what the splitter retains as it goes: flat when it streams, growing when it hoards.
     */
    private static final class LiveHeap extends Reader {
        private static final long EVERY = 16L << 20;
        private final Reader in;
        private final long baseline;
        private final List<Long> samples = new ArrayList<>();
        private long read;
        private long next = EVERY;

        LiveHeap(Reader in) {
            this.in = in;
            this.baseline = used();
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws java.io.IOException {
            int n = in.read(cbuf, off, len);
            if (n > 0) {
                read += n;
                if (read >= next) {
                    next += EVERY;
                    samples.add(Math.max(0, used() - baseline));
                }
            }
            return n;
        }

        private static long used() {
            System.gc();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            return memory.getHeapMemoryUsage().getUsed();
        }

        private String failure = "";

        void outOfMemory() {
            failure = String.format(Locale.ROOT, ", OutOfMemoryError after %d MB", read >> 20);
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            long max = samples.stream().mapToLong(Long::longValue).max().orElse(0);
            long first = samples.isEmpty() ? 0 : samples.get(0);
            long last = samples.isEmpty() ? 0 : samples.get(samples.size() - 1);
            return String.format(Locale.ROOT, "max %.1f MB (first sample %.1f, last %.1f, %d samples%s)",
                    max / 1048576.0, first / 1048576.0, last / 1048576.0, samples.size(), failure);
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    /** A Flyway resource over a reader, so Flyway streams exactly like dbshift does. */
    private static final class StreamResource extends LoadableResource {
        private final Supplier<Reader> reader;

        StreamResource(Supplier<Reader> reader) {
            this.reader = reader;
        }

        @Override
        public Reader read() {
            return reader.get();
        }

        @Override
        public String getAbsolutePath() {
            return "bench.sql";
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return "bench.sql";
        }

        @Override
        public String getFilename() {
            return "bench.sql";
        }

        @Override
        public String getRelativePath() {
            return "bench.sql";
        }
    }
}
