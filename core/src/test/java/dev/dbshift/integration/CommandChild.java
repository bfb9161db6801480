package dev.dbshift.integration;

import dev.dbshift.DbShift;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs {@code up}, {@code down TARGET} or {@code rebuild VERSION} in a child JVM, for a test to kill while it runs. Args: url
 * user projectDir command [target].
 */
public final class CommandChild {
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
