package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the next migration file and its down file (the next version in the project's scheme: dotted or
 * timestamp); with {@code autogenerate}, filled from the diff between what the migrations produce and the live
 * database; with {@code downFor}, the missing down script of that version.
 */
@Mojo(name = "new", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class NewMojo extends DbShiftMojo {
    /** What the migration does; becomes the file name. */
    @Parameter(property = "dbshift.description")
    String description;

    /** Fill up and down from a schema diff against the live database. */
    @Parameter(property = "dbshift.autogenerate", defaultValue = "false")
    boolean autogenerate;

    /** Write the down script of this version instead. */
    @Parameter(property = "dbshift.downFor")
    String downFor;

    @Override
    void run(DbShift.Builder builder) {
        DbShift db = builder.load();
        List<Path> written;
        if (downFor != null) {
            written = List.of(db.schema().downFor(downFor));
        } else if (description == null || description.isBlank()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "give the migration a <description> (-Ddbshift.description=...),"
                    + " or <downFor> a version");
        } else {
            written = db.schema().newMigration(description, autogenerate, null, null, null);
        }
        written.forEach(p -> getLog().info("wrote " + db.settings().projectDir().relativize(p.toAbsolutePath())));
    }
}
