package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.migration.ForwardingSource;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.WatchedReader;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * The migrations as a replay in a scratch schema reads them (what {@code dbshift diff} builds to learn what they
 * produce): a script line that a {@link Database.ReplayGuard} refuses (one naming another database of the server, or
 * changing what the whole server shares, which the replay would change again for the live one) fails the replay as
 * the text streams past, naming the file, line and text, before any statement of the script runs (a step reads its
 * scripts whole to split them before running one). Init scripts are held only to the guards that say so. Everything
 * else is the project's own source.
 */
final class ReplayGuardSource extends ForwardingSource {
    private final List<Database.ReplayGuard> guards;
    private final String scratch;
    private final Map<String, String> placeholders;
    private List<ScriptRef> init;

    /** @param placeholders the project's: a line is looked at as written and with them put in ({@code ${app_db}.orders}) */
    ReplayGuardSource(MigrationSource source, List<Database.ReplayGuard> guards, String scratch, Map<String, String> placeholders) {
        super(source);
        this.guards = List.copyOf(guards);
        this.scratch = scratch;
        this.placeholders = Map.copyOf(placeholders);
    }

    @Override
    public Reader reader(ScriptRef script) throws IOException {
        if (init == null) {
            init = source.initScripts();
        }
        boolean initScript = init.contains(script);
        return new Lines(source.reader(script), script.name(),
                guards.stream().filter(g -> !initScript || g.initScripts()).toList());
    }

    /** {@code line} with the project's placeholders put in. */
    private String filled(String line) {
        String filled = line;
        if (line.contains("${")) {
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                filled = filled.replace("${" + p.getKey() + "}", p.getValue());
            }
        }
        return filled;
    }

    /** Hands the text on as it is, and looks at each line whole once it has passed. */
    private final class Lines extends WatchedReader {
        private final String name;
        private final List<Database.ReplayGuard> held;
        private final StringBuilder current = new StringBuilder();
        private int line = 1;

        Lines(Reader in, String name, List<Database.ReplayGuard> held) {
            super(in);
            this.name = name;
            this.held = held;
        }

        @Override
        protected void see(char c) {
            if (c == '\n') {
                endOfLine();
                line++;
            } else {
                current.append(c);
            }
        }

        @Override
        protected void end() {
            endOfLine();
        }

        private void endOfLine() {
            String text = current.toString();
            current.setLength(0);
            String filled = filled(text);
            for (Database.ReplayGuard guard : held) {
                guard.refused(text).or(() -> guard.refused(filled)).ifPresent(refused -> {
                    throw new DbShiftException(DbShiftException.FAILED, name + ":" + line + ": '" + refused + "': the"
                            + " replay of the migrations in the scratch " + scratch + " does not run this script, since "
                            + guard.why() + ". To compare with what the migrations produce, run them in a database of"
                            + " their own (dbshift --url URL up) and compare with it: dbshift diff --to-url URL");
                });
            }
        }
    }
}
