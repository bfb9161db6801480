package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.config.Setting;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code -Ddbshift.*} properties of a Maven command line, laid over the {@code <configuration>} of the pom:
 * {@code -Ddbshift.<setting>} for any dbshift.toml setting ({@code url}, {@code schemas}, {@code lock_timeout},
 * {@code history_table}, ...), {@code -Ddbshift.environment}, and {@code -Ddbshift.placeholders.<name>} for a
 * placeholder. Maven itself would let a value in the pom win over the command line; for settings the command line
 * wins, as {@code --url} wins over dbshift.toml in the CLI. A goal's own parameters ({@code -Ddbshift.target}) are
 * Maven's to inject. Any other {@code dbshift.} property is a typo and an error, never ignored.
 */
final class CommandLineSettings {
    static final String PREFIX = "dbshift.";
    private static final String PLACEHOLDERS = "placeholders.";

    private CommandLineSettings() {
    }

    /** The names of the settings a command line may give (not the file-only ones such as critical_environments). */
    static Set<String> settingNames() {
        Set<String> names = new TreeSet<>();
        for (Setting<?> s : Setting.ALL) {
            if (s.scope() == Setting.Scope.LAYERED) {
                names.add(s.name());
            }
        }
        names.add("environment");
        return names;
    }

    /**
     * Applies {@code properties} to {@code builder}.
     *
     * @param goalProperties the user properties this plugin's goals read as parameters ({@code dbshift.target}, ...)
     */
    static void apply(Map<String, String> properties, Set<String> goalProperties, DbShift.Builder builder) {
        Set<String> settings = settingNames();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String name = key.substring(PREFIX.length());
            if (name.startsWith(PLACEHOLDERS) && name.length() > PLACEHOLDERS.length()) {
                builder.placeholder(name.substring(PLACEHOLDERS.length()), e.getValue());
            } else if (settings.contains(name)) {
                builder.set(name, e.getValue());
            } else if (!goalProperties.contains(key)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "-D" + key + ": no such dbshift setting or goal parameter"
                        + " (settings: " + String.join(", ", settings) + ", placeholders.<name>; goal parameters: "
                        + String.join(", ", goalProperties.stream().filter(k -> k.startsWith(PREFIX)
                        && !settings.contains(k.substring(PREFIX.length()))).collect(Collectors.toCollection(TreeSet::new)))
                        + ")");
            }
        }
    }
}
