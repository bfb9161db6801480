package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.command.DryRun;
import dev.dbshift.execute.Report;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Reverts applied migrations with their down scripts: the last one by default ({@code target} {@code -N}, a version
 * or {@code base}). Refuses, failing the build and naming the migration, when one it must revert has no down script.
 */
@Mojo(name = "down", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DownMojo extends MigrateMojo {
    @Override
    Report migrate(DbShift db) {
        return db.down(target);
    }

    @Override
    DryRun plan(DbShift db) {
        return db.planDown(target);
    }
}
