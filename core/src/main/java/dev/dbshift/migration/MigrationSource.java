package dev.dbshift.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/** Where migrations come from. Lists them without reading their bodies more than once. */
public interface MigrationSource {
    /** Versioned, Java and repeatable migrations, in no particular order; duplicates are kept for the planner to report. */
    List<MigrationRef> list();

    /** The scripts {@code reset} runs after dropping everything: {@code init/all.sql}, then {@code init/<env>.sql}. */
    default List<ScriptRef> initScripts() {
        return List.of();
    }

    default InputStream open(ScriptRef script) throws IOException {
        return Files.newInputStream(script.path());
    }
}
