package dev.dbshift.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Where migrations come from. Lists them without reading their bodies more than once. */
public interface MigrationSource {
    /** Versioned, Java and repeatable migrations, in no particular order; duplicates are kept for the planner to report. */
    List<MigrationRef> list();

    /**
     * True when {@link #list()} may be called on another thread than the caller's (a read-only command lists ahead
     * while it connects): dbshift's own files are; an application's source, or Java migrations it constructed,
     * may rely on the thread they are called on, and are not.
     */
    default boolean listsOnAnyThread() {
        return false;
    }

    /** The scripts {@code reset} runs after dropping everything: {@code init/all.sql}, then {@code init/<env>.sql}. */
    default List<ScriptRef> initScripts() {
        return List.of();
    }

    /**
     * Scripts that run at points of {@code up} and are not migrations (Flyway's callbacks), by event
     * ({@code beforeMigrate}, {@code beforeEachMigrate}, {@code afterEachMigrate}, {@code afterMigrate}), each
     * event's scripts in name order. The executor runs them; the history does not record them.
     */
    default java.util.Map<String, List<ScriptRef>> callbacks() {
        return java.util.Map.of();
    }

    default InputStream open(ScriptRef script) throws IOException {
        return Files.newInputStream(script.path());
    }

    /**
     * The script's text, decoded strictly ({@link ScriptDecoder}) in the project's encoding (UTF-8 unless
     * set), cut to its {@link Section} when it is one; a file in another tool's single-file up/down format read
     * as a whole is refused as it is read ({@link ForeignFormatGuard}).
     */
    default Reader reader(ScriptRef script) throws IOException {
        Reader decoded = ScriptDecoder.of(open(script), encoding(), script.name());
        Reader text = script.section() == null ? decoded : script.section().extract(decoded);
        return new ForeignFormatGuard(text, script.name());
    }

    /** The whole text of a script, read through {@link #reader}. */
    default String text(ScriptRef script) throws IOException {
        try (Reader r = reader(script)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf, 0, buf.length)) > 0) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        }
    }

    /** The character set scripts are written in. */
    default Charset encoding() {
        return StandardCharsets.UTF_8;
    }
}
