package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.schema.PrivateFile;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The offline script of a version range, in either direction, for a DBA to run by hand where dbshift cannot
 * connect: the history tables are created if missing and every migration is followed by its history row. No
 * connection is made (the URL only tells the database type).
 */
@Mojo(name = "sql", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class SqlMojo extends DbShiftMojo {
    /** {@code FROM:TO}: {@code base:head}, {@code 1.2:1.5}, or {@code 1.5:1.2} to go down. */
    @Parameter(property = "dbshift.range", required = true)
    String range;

    /** Write the script to this file (readable by its owner only) instead of the build log. */
    @Parameter(property = "dbshift.output")
    File output;

    @Override
    void run(DbShift.Builder builder) throws MojoExecutionException {
        DbShift db = builder.load();
        String script = db.tools().sql(range);
        List<String> secrets = db.settings().secrets().foundIn(script);
        if (output == null) {
            if (!secrets.isEmpty()) {
                // a build log is kept and shared: a secret placeholder's value must go to a private file
                throw new DbShiftException(DbShiftException.BAD_INPUT, "the script holds the value of " + String.join(", ", secrets)
                        + ", a secret: it is not logged; write it to a file with <output> or -Ddbshift.output=FILE");
            }
            script.lines().forEach(getLog()::info);
            return;
        }
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            PrivateFile.prepare(output.toPath());
            Files.writeString(output.toPath(), script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("dbshift:sql: cannot write " + output + ": " + e.getMessage(), e);
        }
        getLog().info("Wrote " + output + " (" + range + ").");
    }
}
