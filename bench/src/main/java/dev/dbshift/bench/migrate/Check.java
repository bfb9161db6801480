package dev.dbshift.bench.migrate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Correctness check of the migrate benchmark (not timed): runs each query given and prints its
 * single value on a line, so the script can compare table and history counts with N and a broken
 * run is never reported as a fast one. Works the same for H2, which has no command-line client.
 *
 * <pre>
 * java -cp dbshift-bench.jar dev.dbshift.bench.migrate.Check URL USER PASSWORD "SELECT COUNT(*) ..." ...
 * </pre>
 */
public final class Check {
    private Check() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
             Statement st = c.createStatement()) {
            for (int i = 3; i < args.length; i++) {
                try (ResultSet rs = st.executeQuery(args[i])) {
                    System.out.println(rs.next() ? rs.getString(1) : "");
                } catch (Exception e) {
                    System.out.println("ERROR " + e.getMessage().replace('\n', ' '));
                }
            }
        }
    }
}
