package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.command.DryRun;
import dev.dbshift.execute.Report;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;

/**
 * Applies pending migrations up to the target ({@code head}, or the VERSION file's version, by default). Before it
 * changes anything it stops, failing the build, when an applied script was edited, a version is defined twice or a
 * pending version is lower than the highest applied one; a failed migration fails the build naming its file and line.
 */
@Mojo(name = "up", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class UpMojo extends MigrateMojo {
    /** Dump the database (schema and data) to this file first. */
    @Parameter(property = "dbshift.backup")
    File backup;

    @Override
    Report migrate(DbShift db) {
        return db.up(target, backup == null ? null : backup.toPath());
    }

    @Override
    DryRun plan(DbShift db) {
        return db.planUp(target);
    }
}
