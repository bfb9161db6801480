package dev.dbshift.integration;

import dev.dbshift.DbShift;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/**
 * Runs {@code up} in a child JVM with the Java migration {@link Slow}, which says {@code SLEEPING} on standard output and
 * sleeps: before it changes anything ({@code first}), after its seed row ({@code rows}; {@code begin_rows}: in a
 * transaction it opened with SQL {@code BEGIN}), after its seed row and table
 * ({@code after}), after it committed them itself ({@code committed}), or after its seed row and a write into another
 * database through {@code dblink_exec} ({@code outside}, PostgreSQL: the fifth argument is that database's connection
 * string). The test kills it there. Args: url user projectDir first|rows|begin_rows|after|committed|outside|down (the last
 * runs {@code down 1} over an applied version 2, and sleeps in it) [remote].
 */
public final class JavaMigrationChild {
    public static void main(String[] args) throws Exception {
        Slow.remote = args.length > 4 ? args[4] : null;
        DbShift dbshift = DbShift.configure().projectDir(Path.of(args[2])).environmentVariables(Map.of()).url(args[0])
                .user(args[1]).password("").javaMigrations(new Slow(Slow.Pause.valueOf(args[3].toUpperCase(java.util.Locale.ROOT))))
                .load();
        if (args[3].equals("down")) {
            dbshift.down("1");
        } else {
            dbshift.up();
        }
    }

    /** Seeds a row and creates a table, pausing where told ({@code NONE}: nowhere, for the run after the kill). */
    public static final class Slow extends JavaMigrationFailureTest.VersionTwo {
        enum Pause { NONE, FIRST, ROWS, BEGIN_ROWS, AFTER, COMMITTED, OUTSIDE, DOWN }

        /** For {@code OUTSIDE}: the libpq connection string of the database dblink writes into. */
        static String remote;
        private final Pause pause;

        Slow(Pause pause) {
            super("slow seed");
            this.pause = pause;
        }

        @Override
        public void up(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                if (pause == Pause.BEGIN_ROWS) {
                    st.execute("BEGIN");
                }
                st.executeQuery("SELECT COUNT(*) FROM a").close();
                if (pause == Pause.FIRST) {
                    sleep();
                }
                st.executeUpdate("INSERT INTO a VALUES (7, 'java')");
                if (pause == Pause.ROWS || pause == Pause.BEGIN_ROWS) {
                    sleep();
                }
                if (pause == Pause.OUTSIDE) {
                    st.executeQuery("SELECT dblink_exec('" + remote + "', 'INSERT INTO log VALUES (7)')").close();
                    sleep();
                }
                st.execute("CREATE TABLE b (id INT)");
                if (pause == Pause.COMMITTED) {
                    connection.commit();
                }
                if (pause == Pause.AFTER || pause == Pause.COMMITTED) {
                    sleep();
                }
            }
        }

        @Override
        public boolean reversible() {
            return true;
        }

        /** Drops table b, sleeps when told ({@code down}), and deletes the seed row. */
        @Override
        public void down(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                st.execute("DROP TABLE b");
                if (pause == Pause.DOWN) {
                    sleep();
                }
                st.executeUpdate("DELETE FROM a WHERE id = 7");
            }
        }

        private static void sleep() throws InterruptedException {
            System.out.println("SLEEPING");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
