package dev.dbshift.bench.online;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;

/**
 * The online bench's writer alone against the {@code orders} table as it is now, for a few seconds: what a trigger or
 * anything else on the table costs the application, measured by {@code bench/online/trigger-cost-mariadb.sh}.
 * Arguments: URL (of the bench's database), user, key space (rows), seconds.
 */
public final class WriterProbe {
    private WriterProbe() {
    }

    public static void main(String[] args) throws Exception {
        Connection c = DriverManager.getConnection(args[0], args[1], "");
        WriterResult r = Writer.alone(c, Integer.parseInt(args[2]), (long) (Double.parseDouble(args[3]) * 1000));
        System.out.printf(Locale.ROOT, "%.0f ops/s p99 %.1f ms max %.1f ms failed %d%n", r.opsPerSecond(), r.p99Millis(),
                r.maxMillis(), r.failed());
    }
}
