package dev.dbshift.sql;

import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GB generated dump splits in constant memory: a child JVM with a 32 MB heap splits it, produced on
 * the fly by {@link GeneratedDump}, and must see every statement. Were the scanner to keep anything but
 * the current statement, the child would die of OutOfMemoryError long before the end.
 */
class StreamingTest {

    private static final long ONE_GB = 1L << 30;

    @Test
    void oneGigabyteOfMySqlInsertsInA32MbHeap() throws Exception {
        String result = child("mysql", ONE_GB);
        System.out.println("streaming MySQL: " + result);
        assertThat(result).startsWith("ok ");
    }

    @Test
    void postgresDumpInA32MbHeap() throws Exception {
        String result = child("postgres", ONE_GB / 4);
        System.out.println("streaming PostgreSQL: " + result);
        assertThat(result).startsWith("ok ");
    }

    private static String child(String dialect, long size) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path out = Files.createTempFile("streaming", ".out");
        try {
            Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    StreamingTest.class.getName(), dialect, Long.toString(size))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(out).strip();
            assertThat(p.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The child: splits the generated dump, checks the count, prints "ok" and what it measured. */
    public static void main(String[] args) {
        long size = Long.parseLong(args[1]);
        boolean mysql = args[0].equals("mysql");
        GeneratedDump dump = mysql ? GeneratedDump.mysql(size) : GeneratedDump.postgres(size);
        ScriptDialect dialect = mysql ? new MySqlScriptDialect() : new PostgresScriptDialect();
        long count = 0;
        long chars = 0;
        long start = System.nanoTime();
        try (StatementIterator it = dialect.split(dump, ScriptOptions.of("generated.sql"))) {
            while (it.hasNext()) {
                SqlStatement s = it.next();
                chars += s.raw().length();
                count++;
            }
            chars += it.trailing().length();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (count != dump.statements() || chars != dump.produced()) {
            System.out.println("FAILED: " + count + " statements, " + chars + " chars; expected " + dump.statements()
                    + " statements, " + dump.produced() + " chars");
            System.exit(1);
        }
        long peak = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("ok %d statements, %d MB in %.1f s (%.0f MB/s), peak heap %d MB, max heap %d MB%n", count,
                chars >> 20, seconds, (chars / 1048576.0) / seconds, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
