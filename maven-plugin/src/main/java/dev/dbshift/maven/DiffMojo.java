package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.config.Secret;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.SchemaModel;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Compares schemas: by default the live database against the schema the migrations produce at head (built in a
 * scratch schema on the same server and dropped afterwards); with {@code live}, the schema the applied migrations
 * produce against the live one (drift); with {@code toUrl}, the live database against another.
 */
@Mojo(name = "diff", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DiffMojo extends DbShiftMojo {
    /** From the schema the applied migrations produce to the live one: what changed behind dbshift's back. */
    @Parameter(property = "dbshift.live", defaultValue = "false")
    boolean live;

    /** From the live database to this one (JDBC URL or postgres://...). */
    @Parameter(property = "dbshift.toUrl")
    String toUrl;

    @Parameter(property = "dbshift.toUser")
    String toUser;

    /** Never printed (see {@code password}). */
    @Parameter(property = "dbshift.toPassword")
    PlexusConfiguration toPassword;

    /** Log DDL instead of readable steps. */
    @Parameter(property = "dbshift.sql", defaultValue = "false")
    boolean sql;

    /** Fail the build when the schemas differ (the CLI's --exit-code). */
    @Parameter(property = "dbshift.failOnDifference", defaultValue = "false")
    boolean failOnDifference;

    @Override
    void run(DbShift.Builder builder) throws MojoFailureException {
        if (live && toUrl != null) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "<live> and <toUrl> exclude each other");
        }
        DbShift db = builder.load();
        var schema = db.schema();
        String at = live ? db.current().orElse("base") : "head";
        SchemaModel from = live ? schema.at(at) : schema.live();
        SchemaModel to = live ? schema.live() : toUrl != null ? schema.of(toUrl, toUser, secret(toPassword)) : schema.at(at);
        String what = live ? "the schema the migrations produce at " + at + " -> the live schema"
                : "the live schema -> " + (toUrl != null ? Secret.maskUrl(toUrl) : "the schema the migrations produce at head");
        SchemaDiff diff = SchemaDiff.between(from, to);
        getLog().info("Comparing " + what + ":");
        if (diff.isEmpty()) {
            getLog().info("no differences (checksum " + from.checksum() + ")");
            return;
        }
        String text = sql ? String.join(";\n\n", schema.ddl(diff)) + ";" : diff.describe().stripTrailing();
        text.lines().forEach(getLog()::info);
        if (failOnDifference) {
            throw new MojoFailureException("dbshift:diff: the schemas differ (" + what + ")");
        }
    }
}
