package dev.dbshift.migration;

import java.nio.file.Path;

/**
 * One script of a migration: a whole file, or a {@link Section} of one (another tool's single-file
 * up/down format, a Liquibase changeset).
 *
 * @param name    display name, relative to the project (e.g. {@code migrations/1.1/all.sql}); used in
 *                errors and stored in the history's {@code script} column
 * @param path    where to read it (a file, or an entry of a jar on the classpath)
 * @param section the part of the file that is this script, translated to dbshift's own script text;
 *                null for the whole file
 */
public record ScriptRef(String name, Path path, Section section) {
    /** A whole file. */
    public ScriptRef(String name, Path path) {
        this(name, path, null);
    }
}
