package dev.dbshift.config;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The effective settings of one command, after every source was merged (file &lt; environment
 * variables &lt; flags). Immutable; {@link #toString()} never shows the password.
 *
 * @param placeholderLiterals also replace placeholders inside string literals
 * @param criticalTargets where each critical environment points, from dbshift.toml: {@code reset} refuses them
 *                        whatever the environment of this command is called
 * @param schemaChecksums which history rows record the schema's checksum after them
 * @param encoding the character set scripts are written in (default UTF-8), decoded strictly
 * @param declaredEnvironments the names of {@code [environments.NAME]} in dbshift.toml (empty when none is declared):
 *                 a version directory's {@code <env>.sql} must name one of them
 * @param origins for every setting that has a value, where it came from
 *                (e.g. {@code dbshift.toml [environments.dev]}, {@code env DBSHIFT_URL}, {@code --url})
 */
public record Settings(Path projectDir, String environment, String url, String user, Secret password,
                       List<String> schemas, List<String> locations, Map<String, String> placeholders,
                       boolean placeholderReplacement, boolean placeholderLiterals, List<String> criticalEnvironments,
                       List<CriticalTarget> criticalTargets,
                       String historyTable, String runsTable, Duration lockTimeout, boolean outOfOrder,
                       OnFailure onFailure, String defaultTarget, SchemaChecksums schemaChecksums,
                       Charset encoding, List<String> declaredEnvironments, Map<String, String> origins) {

    public Settings {
        schemas = List.copyOf(schemas);
        locations = List.copyOf(locations);
        placeholders = Map.copyOf(placeholders);
        criticalEnvironments = List.copyOf(criticalEnvironments);
        criticalTargets = List.copyOf(criticalTargets);
        declaredEnvironments = List.copyOf(declaredEnvironments);
        origins = Map.copyOf(origins);
    }

    /** The schema dbshift works in (first of {@code schemas}), or null for the connection's default. */
    public String schema() {
        return schemas.isEmpty() ? null : schemas.get(0);
    }

    public boolean critical() {
        return environment != null && criticalEnvironments.contains(environment);
    }

    /**
     * Every secret of these settings (the password, and the values of placeholders named like
     * {@code *password*}, {@code *secret*}, {@code *token*}, {@code *key*}): what scrubs messages, printed
     * statements and stored history rows.
     */
    public Secrets secrets() {
        return Secrets.of(password, placeholders);
    }

    /** The JDBC sub-protocol of the URL ({@code postgresql}, {@code mariadb}, {@code h2}, {@code sqlite}…). */
    public String dbType() {
        return ConnectionUrls.subProtocol(url);
    }

    /** The URL with any password in it masked, safe to print. */
    public String maskedUrl() {
        return Secret.maskUrl(url);
    }

    @Override
    public String toString() {
        return "Settings[url=" + maskedUrl() + ", user=" + user + ", password=" + password
                + ", environment=" + environment + ", schemas=" + schemas + ", locations=" + locations + "]";
    }

    /** The same settings aimed at another database or schema (a scratch copy, a reference database). */
    public Settings withTarget(String url, String user, Secret password, List<String> schemas,
                               SchemaChecksums schemaChecksums) {
        return new Settings(projectDir, environment, url, user, password, schemas, locations, placeholders,
                placeholderReplacement, placeholderLiterals, criticalEnvironments, criticalTargets,
                historyTable, runsTable, lockTimeout, outOfOrder,
                onFailure, defaultTarget, schemaChecksums, encoding, declaredEnvironments, origins);
    }
}
