package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.command.CheckReport;
import dev.dbshift.plan.Problem;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * A CI gate: fails the build when it finds a problem (the CLI's exit code 3): applied scripts edited since, applied
 * migrations whose scripts are gone, versions defined twice, pending versions below the highest applied one, a squash
 * applied in part, schema drift, scripts that cannot run as written, and with {@code noPending} anything not applied.
 */
@Mojo(name = "check", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class CheckMojo extends DbShiftMojo {
    /** A migration not applied yet is a problem too. */
    @Parameter(property = "dbshift.noPending", defaultValue = "false")
    boolean noPending;

    @Override
    void run(DbShift.Builder builder) throws MojoFailureException {
        CheckReport r = builder.load().check(noPending);
        if (r.ok()) {
            getLog().info("No problems (" + r.database() + ", schema " + r.schema() + ").");
            return;
        }
        for (Problem p : r.problems()) {
            getLog().error("[" + p.code() + "] " + p.message());
        }
        throw new MojoFailureException("dbshift:check: " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s")
                + " (" + r.database() + ", schema " + r.schema() + "; exit code " + r.exitCode() + " on the command line)");
    }
}
