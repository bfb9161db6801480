package dev.dbshift.integration;

import dev.dbshift.DbShift;

import java.nio.file.Path;
import java.util.Map;

/** Runs {@code down TARGET} in a child JVM, for a test to kill while it runs. Args: url user projectDir target. */
public final class CommandChild {
    public static void main(String[] args) {
        DbShift.configure().projectDir(Path.of(args[2])).environmentVariables(Map.of()).url(args[0]).user(args[1]).password("")
                .noServiceLoadedJavaMigrations().load().down(args[3]);
    }
}
