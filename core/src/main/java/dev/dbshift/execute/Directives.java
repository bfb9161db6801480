package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Directives in a script's leading comments ({@code -- dbshift:no-transaction},
 * {@code -- dbshift:online}). Only the comment lines before the first statement count, so a
 * directive can never hide in the middle of a script.
 */
record Directives(boolean noTransaction, boolean online) {

    static Directives read(MigrationSource source, ScriptRef script) {
        boolean noTx = false;
        boolean online = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(source.open(script), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String s = line.strip();
                if (s.startsWith("\uFEFF")) {
                    s = s.substring(1).strip();
                }
                if (s.isEmpty()) {
                    continue;
                }
                if (!s.startsWith("--") && !s.startsWith("#")) {
                    break;
                }
                String body = s.replaceFirst("^(--|#)\\s*", "");
                if (body.startsWith("dbshift:")) {
                    String d = body.substring("dbshift:".length()).strip();
                    switch (d) {
                        case "no-transaction": noTx = true; break;
                        case "online": online = true; break;
                        default:
                            throw new DbShiftException(DbShiftException.BAD_INPUT, script.name()
                                    + ": unknown directive 'dbshift:" + d + "' (known: no-transaction, online)");
                    }
                }
            }
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, script.name() + ": cannot read: " + e.getMessage(), e);
        }
        return new Directives(noTx, online);
    }
}
