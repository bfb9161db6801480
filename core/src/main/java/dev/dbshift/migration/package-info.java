/**
 * What a migration is and where it is found. A {@link dev.dbshift.migration.MigrationSource} lists
 * {@link dev.dbshift.migration.MigrationRef}s (version, description, script paths, checksum) and
 * reads no body twice: the checksum streams the bytes once when listing, and only the scripts a
 * plan runs are read again, by the executor.
 *
 * <p>Versions compare numerically part by part ({@code 1.10 > 1.9}), trailing zeros ignored, so a
 * timestamp is simply a one-part version; no separate "timestamp mode". Names that do not parse are
 * errors naming the file, never skipped: a skipped file is a migration that silently never runs.
 * The classpath is read as a file system (jar entries through NIO's zip file system), so one
 * scanner serves folders and jars. Checksums are tagged ({@code s1:}) so that a future algorithm can
 * never be compared with this one by mistake.
 */
package dev.dbshift.migration;
