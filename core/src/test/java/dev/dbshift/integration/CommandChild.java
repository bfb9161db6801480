package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code up}, {@code down TARGET} or {@code rebuild VERSION} in a child JVM, for a test to kill while it runs. Args: url
 * user projectDir command [target].
 */
public final class CommandChild {
    /**
     * Runs {@code command} ({@code up}, or {@code down}/{@code rebuild} and its target) in a child JVM on {@code db}, a
     * MariaDB database, and SIGKILLs it once a statement like {@code running} (a {@code LIKE} pattern) runs there; then
     * inserts a row into {@code wake}, which the project's scripts read to sleep no more when they run again.
     */
    static void killWhile(TestDatabase db, TestProject project, String running, String... command) throws Exception {
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>(List.of(jvm, "-cp", System.getProperty("java.class.path"),
                CommandChild.class.getName(), db.url(), db.user(), project.dir().toString()));
        args.addAll(List.of(command));
        Process child = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(db, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '" + running + "'") == 0) {
            assertThat(child.isAlive()).as("the " + command[0] + " must still run").isTrue();
            assertThat(System.nanoTime()).as("the " + command[0] + " reached its sleep").isLessThan(deadline);
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO wake VALUES (1)");
        }
    }

    private static int count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public static void main(String[] args) {
        DbShift dbshift = DbShift.configure().projectDir(Path.of(args[2])).environmentVariables(Map.of()).url(args[0]).user(args[1])
                .password("").noServiceLoadedJavaMigrations().load();
        if (args[3].equals("up")) {
            dbshift.up();
        } else if (args[3].equals("rebuild")) {
            dbshift.rebuild(args[4]);
        } else {
            dbshift.down(args[4]);
        }
    }
}
