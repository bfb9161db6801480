package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every goal shares: the settings (dbshift.toml in the project folder, environment variables, this
 * {@code <configuration>}, then {@code -Ddbshift.*}), the project's class path for Java migrations and
 * {@code classpath:} locations, and how a dbshift failure fails the build.
 */
abstract class DbShiftMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    /** The folder holding dbshift.toml, migrations/ and VERSION. */
    @Parameter(property = "dbshift.projectDir", defaultValue = "${project.basedir}")
    File projectDir;

    /** Environment from dbshift.toml {@code [environments.NAME]}; also picks NAME.sql in version directories. */
    @Parameter(property = "dbshift.environment")
    String environment;

    /** JDBC URL, or {@code postgres://user@host:5432/db}, {@code mysql://...}, {@code mariadb://...}. */
    @Parameter(property = "dbshift.url")
    String url;

    @Parameter(property = "dbshift.user")
    String user;

    /**
     * Never printed, also not by {@code mvn -X}; {@code <password>${env.DB_PASSWORD}</password>} keeps it out of the pom
     * (so do {@code DBSHIFT_PASSWORD} and {@code ${env:...}} in dbshift.toml).
     */
    @Parameter(property = "dbshift.password")
    PlexusConfiguration password;

    /** The connection in one string, {@code user:pass@host:port/db}; never printed. */
    @Parameter(property = "dbshift.dsn")
    PlexusConfiguration dsn;

    /** Schemas (PostgreSQL, H2) or databases (MySQL/MariaDB) to work in; the first holds the history. */
    @Parameter(property = "dbshift.schemas")
    List<String> schemas;

    /** Migration folders relative to the project folder, or {@code classpath:db/migration}. */
    @Parameter(property = "dbshift.locations")
    List<String> locations;

    /** Values of {@code ${name}} in scripts. */
    @Parameter
    Map<String, String> placeholders;

    /** Any other dbshift.toml setting by its name: {@code <history_table>schema_log</history_table>}. */
    @Parameter
    Map<String, String> settings;

    /** Do nothing. */
    @Parameter(property = "dbshift.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("dbshift: skipped");
            return;
        }
        try (URLClassLoader loader = projectClassLoader()) {
            DbShift.Builder b = builder().classLoader(loader);
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                run(b);
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        } catch (DbShiftException e) {
            // a failed migration or a validation problem (the CLI's exit codes 1 and 3) fails the build; bad input, a
            // held lock or an unreachable database (2, 4, 5) is an execution error. The message is dbshift's: it names
            // the file, line or setting, never a password.
            String message = "dbshift:" + mojoExecution.getGoal() + ": " + e.getMessage();
            if (e.exitCode() == DbShiftException.FAILED || e.exitCode() == DbShiftException.VALIDATION) {
                throw new MojoFailureException(message, e);
            }
            throw new MojoExecutionException(message, e);
        } catch (IOException e) {
            throw new MojoExecutionException("dbshift: " + e.getMessage(), e);
        }
    }

    /** The goal's work; a {@link DbShiftException} it lets out fails the build with its message. */
    abstract void run(DbShift.Builder builder) throws MojoFailureException, MojoExecutionException;

    /** The settings' flag layer: this configuration, then the command line's {@code -Ddbshift.*}. */
    DbShift.Builder builder() {
        DbShift.Builder b = DbShift.configure().projectDir(projectDir.toPath())
                .environment(environment).url(url).user(user)
                .password(secret(password)).dsn(secret(dsn));
        if (schemas != null && !schemas.isEmpty()) {
            b.set("schemas", schemas);
        }
        if (locations != null && !locations.isEmpty()) {
            b.set("locations", locations);
        }
        if (settings != null) {
            Set<String> known = CommandLineSettings.settingNames();
            settings.forEach((name, value) -> {
                if (!known.contains(name)) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, "<settings><" + name + ">: no such dbshift setting"
                            + " (settings: " + String.join(", ", known) + ")");
                }
                b.set(name, value);
            });
        }
        if (placeholders != null) {
            placeholders.forEach(b::placeholder);
        }
        Map<String, String> commandLine = new LinkedHashMap<>();
        session.getUserProperties().forEach((k, v) -> commandLine.put(String.valueOf(k), String.valueOf(v)));
        CommandLineSettings.apply(commandLine, goalProperties(), b);
        return b;
    }

    /**
     * A parameter that may hold a password. Maven's debug output ({@code mvn -X}) lists every parameter it injects
     * with its value, and it would list a password too; a parameter typed as its configuration element is injected
     * as written ({@code ${dbshift.password}}, {@code ${env.DB_PASSWORD}}), so the listing shows the expression, and
     * the value is evaluated here, out of Maven's sight.
     */
    String secret(PlexusConfiguration parameter) {
        String raw = parameter == null ? null : parameter.getValue(null);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            Object value = new PluginParameterExpressionEvaluator(session, mojoExecution).evaluate(raw);
            return value == null || value.toString().isEmpty() ? null : value.toString();
        } catch (ExpressionEvaluationException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "<" + parameter.getName() + ">: " + e.getMessage());
        }
    }

    /** The user properties this plugin's goals read as parameters, from the plugin's own descriptor. */
    private Set<String> goalProperties() {
        Set<String> out = new HashSet<>();
        for (MojoDescriptor goal : mojoExecution.getMojoDescriptor().getPluginDescriptor().getMojos()) {
            for (org.apache.maven.plugin.descriptor.Parameter p : goal.getParameters()) {
                String e = p.getExpression();
                if (e != null && e.startsWith("${") && e.endsWith("}")) {
                    out.add(e.substring(2, e.length() - 1));
                }
            }
        }
        return out;
    }

    /** The project's compiled classes and runtime dependencies, over the plugin's own (dbshift and the drivers). */
    private URLClassLoader projectClassLoader() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (org.apache.maven.artifact.DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("dbshift: the project's class path: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), DbShiftMojo.class.getClassLoader());
    }
}
