package dev.dbshift.sql;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How to read one script.
 *
 * @param source       name used in errors, e.g. {@code migrations/1.2__x.sql}
 * @param placeholders values for {@code ${name}}; replaced outside comments and literals
 * @param replacePlaceholders false leaves {@code ${...}} untouched
 * @param placeholdersInLiterals also replace inside string literals ({@code '${owner}'}), as Flyway
 *                     does; never inside comments, quoted identifiers or dollar-quoted bodies
 * @param encoding     the character set the script's file is written in ({@code encoding}); where it is not UTF-8,
 *                     what the driver sends (the text, as UTF-8) is not the file's bytes, which the vendor's client
 *                     sends as they are: {@link ScriptRules#notAsWritten} says where that changes what the server does
 */
public record ScriptOptions(String source, Map<String, String> placeholders, boolean replacePlaceholders,
                            boolean placeholdersInLiterals, Charset encoding) {
    public ScriptOptions {
        placeholders = Map.copyOf(placeholders);
    }

    /** A script written in UTF-8. */
    public ScriptOptions(String source, Map<String, String> placeholders, boolean replacePlaceholders,
                         boolean placeholdersInLiterals) {
        this(source, placeholders, replacePlaceholders, placeholdersInLiterals, StandardCharsets.UTF_8);
    }

    /** Placeholders in SQL text only, not in string literals. */
    public ScriptOptions(String source, Map<String, String> placeholders, boolean replacePlaceholders) {
        this(source, placeholders, replacePlaceholders, false);
    }

    /** True when the script's file is UTF-8: the driver then sends its bytes as they are in the file. */
    public boolean sentAsWritten() {
        return encoding.equals(StandardCharsets.UTF_8);
    }

    public static ScriptOptions of(String source) {
        return new ScriptOptions(source, Map.of(), false);
    }

    /**
     * A project's placeholder settings, the same for every script it runs: the one way a script's
     * options are made from settings, so {@code up}, {@code --sql} and {@code check} read a script alike.
     *
     * @param values     values for {@code ${name}}
     * @param replace    false leaves {@code ${...}} untouched ({@code placeholder_replacement})
     * @param inLiterals also replace inside string literals ({@code placeholder_literals})
     */
    public record Placeholders(Map<String, String> values, boolean replace, boolean inLiterals) {
        public Placeholders {
            values = Map.copyOf(values);
        }

        /** The options of the script named {@code source}, its file written in {@code encoding}. */
        public ScriptOptions forScript(String source, Charset encoding) {
            return new ScriptOptions(source, values, replace, inLiterals, encoding);
        }
    }
}
