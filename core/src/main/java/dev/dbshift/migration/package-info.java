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
 *
 * <p>Scripts are read as text only through {@link dev.dbshift.migration.MigrationSource#reader}, which
 * decodes strictly in the project's {@code encoding} ({@link dev.dbshift.migration.ScriptDecoder}: a
 * replacement character for a bad byte once put {@code caf\uFFFD} into a database with exit 0) and
 * refuses other tools' single-file up/down formats in a folder read as dbshift's layout, as the text
 * streams past ({@link dev.dbshift.migration.ForeignFormatGuard}: their markers are comments to dbshift,
 * so both halves ran). A folder in another tool's layout is read by that tool's
 * {@link dev.dbshift.migration.MigrationFormat} instead (chosen by the {@code format} setting or detected
 * per location from one {@link dev.dbshift.migration.FolderListing} that every detector shares: each used to
 * list the folder itself, a tenth of a {@code status} with 1,000 scripts; the formats are in
 * {@code migration.format}, handed in by the facade so that this package depends on none of them); a script that is part of a file is a {@link dev.dbshift.migration.Section},
 * whose text keeps the file's line numbers, so the same reader, checksum and error positions serve it. Doing both in the one reader every consumer (executor, offline script, squash,
 * pre-check) uses means no path can forget them, and neither costs a pass of its own. The scanner
 * never opens what is not a regular file (a FIFO hung every command), and a version directory that
 * would run nothing anywhere (empty, only down scripts, a typo'd environment name) is an error, not a
 * migration recorded as applied having run nothing.
 *
 * <p>File work of the toolbox lives here, away from any database: {@link dev.dbshift.migration.Squasher}
 * merges a range into one migration whose leading comments ({@link dev.dbshift.migration.SquashMarker},
 * {@code -- dbshift-squashed: VERSION CHECKSUM}, deliberately not a {@code dbshift:} directive)
 * say what it replaced, and {@link dev.dbshift.migration.TimestampRenamer} moves a timestamp
 * version to now. A separate squash manifest file was rejected: it would be one more file that can
 * be lost or copied without the script it describes. Every file dbshift writes (a new migration, a squash, a
 * {@code lint --fix}, a dump, an offline script) is put in place whole by {@link dev.dbshift.migration.WholeFile}: a
 * hidden copy forced to disk, then renamed, then the folder forced (the name, not only the bytes, outlives a power
 * cut), and a squash deletes what it merged only after. A squash used to delete first, so a failure to write lost the
 * migrations, and a dump that failed part way left one that ended early. A touch renames a migration's files all or
 * none, moving back what it renamed when a later rename fails.
 */
package dev.dbshift.migration;
