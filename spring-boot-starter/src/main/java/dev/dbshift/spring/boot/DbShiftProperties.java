package dev.dbshift.spring.boot;

import dev.dbshift.config.OnFailure;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dbshift.*} properties of a Spring Boot application. Each one is a dbshift setting of the same
 * name (see the guide); what is not set here comes from the {@code dbshift.toml} of {@code dbshift.project-dir}
 * (default: the working directory, as for the command line) when there is one, else from dbshift's defaults.
 */
@ConfigurationProperties(prefix = "dbshift")
public class DbShiftProperties {
    /** Whether to migrate at start-up. */
    private boolean enabled = true;

    /** Where the migrations are: class path locations ({@code classpath:db/migration}) or folders. */
    private List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));

    /** A JDBC URL to migrate instead of the application's DataSource. */
    private String url;

    /** The user for dbshift.url. */
    private String user;

    /** The password for dbshift.url (never printed). */
    private String password;

    /** The schemas dbshift manages; the first holds the history tables (default: the connection's current schema). */
    private List<String> schemas = new ArrayList<>();

    /** The environment: picks [environments.NAME] of dbshift.toml and the NAME.sql of version directories. */
    private String environment;

    /** Values for the ${name} placeholders in migrations. */
    private Map<String, String> placeholders = new LinkedHashMap<>();

    /** What up does when a migration fails: stop (keep what applied) or rollback-run (revert this run's migrations). */
    private OnFailure onFailure;

    /** How long to wait for another instance's migration lock (default: dbshift's). */
    private Duration lockTimeout;

    /** Check instead of migrating: start-up fails when a migration is pending or any check fails. */
    private boolean validateOnly;

    /** The version to migrate to (default: the VERSION file's, else the newest). */
    private String target;

    /** The folder of dbshift.toml, VERSION and relative locations (default: the working directory). */
    private String projectDir;

    public boolean isEnabled() { return enabled; }

    public void setEnabled(boolean enabled) { this.enabled = enabled; }

    public List<String> getLocations() { return locations; }

    public void setLocations(List<String> locations) { this.locations = locations; }

    public String getUrl() { return url; }

    public void setUrl(String url) { this.url = url; }

    public String getUser() { return user; }

    public void setUser(String user) { this.user = user; }

    public String getPassword() { return password; }

    public void setPassword(String password) { this.password = password; }

    public List<String> getSchemas() { return schemas; }

    public void setSchemas(List<String> schemas) { this.schemas = schemas; }

    public String getEnvironment() { return environment; }

    public void setEnvironment(String environment) { this.environment = environment; }

    public Map<String, String> getPlaceholders() { return placeholders; }

    public void setPlaceholders(Map<String, String> placeholders) { this.placeholders = placeholders; }

    public OnFailure getOnFailure() { return onFailure; }

    public void setOnFailure(OnFailure onFailure) { this.onFailure = onFailure; }

    public Duration getLockTimeout() { return lockTimeout; }

    public void setLockTimeout(Duration lockTimeout) { this.lockTimeout = lockTimeout; }

    public boolean isValidateOnly() { return validateOnly; }

    public void setValidateOnly(boolean validateOnly) { this.validateOnly = validateOnly; }

    public String getTarget() { return target; }

    public void setTarget(String target) { this.target = target; }

    public String getProjectDir() { return projectDir; }

    public void setProjectDir(String projectDir) { this.projectDir = projectDir; }

    @Override
    public String toString() {
        // a property object ends up in logs and failure analyses: never with the password
        return "DbShiftProperties[url=" + url + ", user=" + user + ", password=" + (password == null ? "unset" : "****")
                + ", locations=" + locations + ", schemas=" + schemas + ", environment=" + environment + ", target=" + target + "]";
    }
}
