package dev.dbshift.migration.format;

import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.Section;

import java.io.IOException;

/**
 * golang-migrate ({@code golang-migrate/migrate}): {@code {version}_{title}.up.sql} and
 * {@code {version}_{title}.down.sql} in one folder, the version any number of digits (leading zeros as in
 * {@code 000001_init.up.sql}, or a timestamp). golang-migrate sends each file as one request and does not
 * wrap it in a transaction of its own; dbshift splits it as the database's client would and runs it in a
 * transaction where the engine allows, which is the same for any file that works with golang-migrate
 * (a statement that cannot run in a transaction is still found and run on its own).
 *
 * <p>Detected when the folder holds such up/down files and no plain {@code {version}_{title}.sql} (a folder
 * with plain ones too is sqlx's, see {@link SqlxFormat}); sqlx's reversible migrations have the same names,
 * so a sqlx project with only reversible migrations sets {@code format = "sqlx"}: the two tools record
 * different things in their history, which matters to {@code adopt}.
 *
 * <p>dbshift's own layout keeps reading {@code VERSION/up.sql} and {@code VERSION/down.sql} folders
 * (Diesel/Sourcegraph style); this format is only for golang-migrate's flat names.
 *
 * <p>foreignId: {@code golang-migrate:<version>}, the number golang-migrate writes to
 * {@code schema_migrations.version} (leading zeros dropped).
 */
public final class GolangMigrateFormat extends UpDownFormat {

    @Override
    public String name() {
        return "golang-migrate";
    }

    @Override
    boolean plainFiles() {
        return false;
    }

    @Override
    Section section() {
        return null;
    }

    @Override
    public boolean detect(FolderListing folder) throws IOException {
        FolderFiles files = FolderFiles.of(folder);
        if (files.nativeOrManifest() || !files.plainNumberedSql().isEmpty()) {
            return false;
        }
        return files.files().stream().anyMatch(f -> {
            var m = UpDownName.match(FolderFiles.name(f));
            return m != null && UpDownName.sqlExtension(m.group(4));
        });
    }
}
