package dev.dbshift.bench.online;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds out what the writer waits on while a tool runs: every few milliseconds it reads InnoDB's
 * lock waits (who waits, who blocks, on which table and lock mode) and metadata-lock waits from
 * the process list, both limited to the benchmark's database (the server may be shared), and
 * counts the samples per pattern. A pattern seen in many samples is where
 * the writer's time goes.
 */
final class LockWaitSampler implements Runnable {

    private final Connection connection;
    private final Map<String, Integer> counts = new TreeMap<>();
    private volatile boolean stop;
    private int samples;

    LockWaitSampler(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void run() {
        try (Connection c = connection; Statement st = c.createStatement()) {
            while (!stop) {
                samples++;
                try (ResultSet rs = st.executeQuery("SELECT r.trx_query, b.trx_query, bl.lock_table, bl.lock_mode, bl.lock_type "
                        + "FROM information_schema.INNODB_LOCK_WAITS w "
                        + "JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id "
                        + "JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id "
                        + "JOIN information_schema.INNODB_LOCKS bl ON bl.lock_id = w.blocking_lock_id "
                        + "WHERE bl.lock_table LIKE '`" + OnlineBench.DB + "`.%'")) {
                    while (rs.next()) {
                        add("row lock: " + kind(rs.getString(1)) + " waits for " + kind(rs.getString(2)) + " on "
                                + rs.getString(3) + " " + rs.getString(5) + " " + rs.getString(4));
                    }
                }
                // the waiting statements, and what else ran meanwhile (the holder is among those: MariaDB does not say
                // which session holds a metadata lock unless a plugin is installed)
                java.util.List<String> waiting = new java.util.ArrayList<>();
                java.util.List<String> running = new java.util.ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT STATE, INFO FROM information_schema.PROCESSLIST "
                        + "WHERE DB = '" + OnlineBench.DB + "' AND INFO IS NOT NULL AND ID <> CONNECTION_ID()")) {
                    while (rs.next()) {
                        String state = String.valueOf(rs.getString(1));
                        if (state.contains("metadata lock") || state.contains("table level lock")) {
                            waiting.add(kind(rs.getString(2)) + " (" + state + ")");
                        } else if (!writerStatement(rs.getString(2))) {
                            running.add(kind(rs.getString(2)));
                        }
                    }
                }
                for (String w : waiting) {
                    add("metadata lock: " + w + (running.isEmpty() ? "" : "\n            while running: " + String.join(" | ", running)));
                }
                Thread.sleep(5);
            }
        } catch (SQLException | InterruptedException e) {
            System.err.println("lock sampler: " + e.getMessage());
        }
    }

    /** The benchmark writer's own statements (single-row DML on the table). */
    private static boolean writerStatement(String sql) {
        String u = sql.stripLeading().toUpperCase(Locale.ROOT);
        return u.startsWith("UPDATE ORDERS ") || u.startsWith("DELETE FROM ORDERS ") || u.startsWith("INSERT INTO ORDERS ");
    }

    private synchronized void add(String key) {
        counts.merge(key, 1, Integer::sum);
    }

    static String kind(String sql) {
        if (sql == null) {
            return "(idle transaction)";
        }
        String s = sql.trim().replaceAll("\\s+", " ");
        String u = s.toUpperCase(Locale.ROOT);
        if (u.startsWith("INSERT LOW_PRIORITY IGNORE INTO")) {
            return "pt-osc chunk copy (INSERT ... SELECT ... LOCK IN SHARE MODE)";
        }
        if (u.startsWith("INSERT INTO `") && u.contains("_NEW`") && u.contains("SELECT")) {
            return "dbshift chunk copy (INSERT ... SELECT, READ COMMITTED)";
        }
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    void stop() {
        stop = true;
    }

    synchronized Map<String, Integer> result() {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    synchronized int samples() {
        return samples;
    }
}
