package dev.dbshift.migration;

import java.nio.file.Path;

/**
 * One script file of a migration.
 *
 * @param name display name, relative to the project (e.g. {@code migrations/1.1/all.sql}); used in
 *             errors and stored in the history's {@code script} column
 * @param path where to read it (a file, or an entry of a jar on the classpath)
 */
public record ScriptRef(String name, Path path) {
}
