package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.List;

/**
 * Finds the migration that would lock or break production before it runs: one line per finding,
 * {@code file:line:col: LEVEL rule: message (fix: ...)}. Offline unless {@code connect} (or {@code pending}); an
 * error-level finding fails the build (the CLI's exit code 3). Levels are set in dbshift.toml's {@code [lint]}.
 */
@Mojo(name = "lint", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class LintMojo extends DbShiftMojo {
    /** Scripts to lint, relative to the project folder (default: every migration). */
    @Parameter(property = "dbshift.files")
    List<String> files;

    /** Only the migrations the next up would apply (connects to read the history). */
    @Parameter(property = "dbshift.pending", defaultValue = "false")
    boolean pending;

    /** Read the server's version and table sizes (the rules then know them). */
    @Parameter(property = "dbshift.connect", defaultValue = "false")
    boolean connect;

    @Override
    void run(DbShift.Builder builder) throws MojoFailureException {
        LintReport r = builder.load().lint(files == null ? List.of() : files, pending, connect);
        for (Finding f : r.findings()) {
            if (f.level() == Level.ERROR) {
                getLog().error(LintReport.line(f));
            } else {
                getLog().warn(LintReport.line(f));
            }
        }
        if (r.exitCode() != 0) {
            throw new MojoFailureException("dbshift:lint: " + r.summary());
        }
        getLog().info(r.summary());
    }
}
