package dev.dbshift.migration.format;

import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.Section;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * sqlx ({@code launchbadge/sqlx}, {@code sqlx migrate}): {@code {version}_{description}.sql} (simple, up
 * only) and {@code {version}_{description}.up.sql} / {@code .down.sql} (reversible), in one folder; a script
 * whose text starts with {@code -- no-transaction} runs outside a transaction, which dbshift reads as its own
 * {@code -- dbshift:no-transaction} on that line.
 *
 * <p>Detected when the folder holds plain {@code {version}_{description}.sql} files without another tool's
 * markers (goose, dbmate, sql-migrate, Liquibase) and no manifest of another tool (Atlas's {@code atlas.sum}).
 * A folder of reversible files only reads as golang-migrate, the more common owner of those names: set
 * {@code format = "sqlx"} for a sqlx project of reversible migrations.
 *
 * <p>foreignId: {@code sqlx:<version>}, the number sqlx writes to {@code _sqlx_migrations.version}.
 */
public final class SqlxFormat extends UpDownFormat {

    private static final String SQLX_NO_TRANSACTION = "-- no-transaction";

    /** The whole file; a first line {@code -- no-transaction} becomes dbshift's directive (same line, so line numbers hold). */
    private static final Section SCRIPT = new Section() {
        @Override
        public String label() {
            return "script";
        }

        @Override
        public Reader extract(Reader whole) throws IOException {
            String text = FolderFiles.readAll(whole);
            if (text.startsWith(SQLX_NO_TRANSACTION)) {
                int eol = text.indexOf('\n');
                String first = eol < 0 ? text : text.substring(0, eol);
                if (first.strip().equals(SQLX_NO_TRANSACTION)) {
                    text = "-- dbshift:no-transaction" + (eol < 0 ? "" : text.substring(eol));
                }
            }
            return new StringReader(text);
        }
    };

    @Override
    public String name() {
        return "sqlx";
    }

    @Override
    boolean plainFiles() {
        return true;
    }

    @Override
    Section section() {
        return SCRIPT;
    }

    @Override
    public boolean detect(FolderListing folder) throws IOException {
        FolderFiles files = FolderFiles.of(folder);
        if (files.nativeOrManifest()) {
            return false;
        }
        var plain = files.plainNumberedSql();
        return !plain.isEmpty() && FolderFiles.markerTool(plain) == null;
    }
}
