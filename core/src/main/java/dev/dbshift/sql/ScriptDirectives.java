package dev.dbshift.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;

/**
 * The {@code -- dbshift:...} directives in a script's leading comment lines.
 *
 * <p>Only the lines before the first SQL count (blank lines and {@code --} comments; a directive
 * further down is an ordinary comment), so reading them never needs more than the head of a file.
 * An unknown {@code dbshift:} word there is an error rather than a comment: a misspelt
 * {@code no-transactions} silently ignored would run a script in a way its author ruled out.
 *
 * <p>{@code -- dbshift:online} takes the engine's options a migration may need after it ({@code allow-unique}). Other
 * words after a directive stay a comment, as they always were: an applied script that has some must not become an
 * error, and a misspelt option shows itself, as the engine refuses the change and names the option to write.
 *
 * @param noTransaction {@code -- dbshift:no-transaction}: run each statement on its own
 * @param online        {@code -- dbshift:online}: route ALTER TABLE through the online change engine
 * @param allowUnique   {@code -- dbshift:online allow-unique}: the engine may add a unique key, after checking the
 *                      table for duplicates ({@code online alter --allow-unique})
 */
public record ScriptDirectives(boolean noTransaction, boolean online, boolean allowUnique) {

    public static final ScriptDirectives NONE = new ScriptDirectives(false, false, false);

    /** The option of {@code -- dbshift:online} that lets the engine add a unique key. */
    public static final String ALLOW_UNIQUE = "allow-unique";

    public ScriptDirectives(boolean noTransaction, boolean online) {
        this(noTransaction, online, false);
    }

    private static final String PREFIX = "dbshift:";

    public static ScriptDirectives parse(String source, String script) {
        return read(source, new StringReader(script));
    }

    /** Reads the leading comment lines of {@code script} (and nothing after them). */
    public static ScriptDirectives read(String source, Reader script) {
        boolean noTransaction = false;
        boolean online = false;
        boolean allowUnique = false;
        BufferedReader in = script instanceof BufferedReader b ? b : new BufferedReader(script, 1024);
        try {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String text = number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
                String trimmed = text.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!trimmed.startsWith("--")) {
                    break;
                }
                String comment = trimmed.substring(2).strip();
                if (!comment.startsWith(PREFIX)) {
                    continue;
                }
                String[] words = comment.substring(PREFIX.length()).strip().split("\\s+");
                String word = words[0];
                int column = text.indexOf(PREFIX) + 1;
                switch (word) {
                    case "no-transaction":
                        noTransaction = true;
                        break;
                    case "online":
                        for (int i = 1; i < words.length; i++) {
                            allowUnique |= words[i].equals(ALLOW_UNIQUE);
                        }
                        online = true;
                        break;
                    case "lint-ignore":
                        // a suppression of one lint finding, read by the linter (lint/Suppressions)
                        break;
                    case "statement-begin":
                    case "statement-end":
                    case "delimiter":
                        // statement splitting, obeyed by the ScriptScanner wherever they stand between statements
                        break;
                    default:
                        throw new ScriptSyntaxException(source, number, column,
                                "unknown directive '" + PREFIX + word + "' (known: dbshift:no-transaction, dbshift:online, "
                                        + "dbshift:lint-ignore, dbshift:statement-begin, dbshift:statement-end, dbshift:delimiter)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return new ScriptDirectives(noTransaction, online, allowUnique);
    }
}
