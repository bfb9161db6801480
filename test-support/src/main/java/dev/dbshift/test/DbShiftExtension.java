package dev.dbshift.test;

import dev.dbshift.DbShift;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * The extension behind {@link DbShiftTest}: before all tests of a class it migrates the database the
 * annotation names, keeps the {@link DbShift} in the class's store, and resolves {@link DbShift},
 * {@link Connection} and {@link DataSource} parameters from it.
 */
public final class DbShiftExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DbShiftExtension.class);
    private static final Set<Class<?>> RESOLVED = Set.of(DbShift.class, Connection.class, DataSource.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        DbShiftTest config = annotation(testClass);
        DbShift dbshift = configure(config, testClass).load();
        if (config.reset()) {
            dbshift.reset();
        } else {
            dbshift.up(config.target().isEmpty() ? null : config.target());
        }
        context.getStore(NAMESPACE).put(DbShift.class, dbshift);
    }

    static DbShift.Builder configure(DbShiftTest config, Class<?> testClass) {
        if (config.reset() && !config.target().isEmpty()) {
            throw new ExtensionConfigurationException("@DbShiftTest on " + testClass.getName() + ": reset = true migrates to"
                    + " head; it cannot be combined with target = \"" + config.target() + "\"");
        }
        DbShift.Builder b = DbShift.configure().projectDir(Path.of(config.projectDir()));
        String url = config.url().isEmpty() ? System.getProperty(config.urlProperty(), "") : config.url();
        if (!url.isEmpty()) {
            b.url(url);
        }
        if (!config.user().isEmpty()) {
            b.user(config.user());
        }
        if (config.locations().length > 0) {
            b.locations(config.locations());
        }
        if (config.schemas().length > 0) {
            b.schemas(config.schemas());
        }
        if (!config.environment().isEmpty()) {
            b.environment(config.environment());
        }
        return b.classLoader(testClass.getClassLoader());
    }

    private static DbShiftTest annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            var found = AnnotationSupport.findAnnotation(c, DbShiftTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ExtensionConfigurationException(DbShiftExtension.class.getSimpleName() + " on " + testClass.getName()
                + " needs @DbShiftTest on the class (or an enclosing one) to know which project and database to migrate");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        DbShift dbshift = context.getStore(NAMESPACE).get(DbShift.class, DbShift.class);
        if (dbshift == null) {
            throw new ParameterResolutionException("no migrated database yet for " + parameter.getParameter()
                    + ": @DbShiftTest migrates before all tests of the class, so a static @BeforeAll of an outer class cannot take it");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == DbShift.class) {
            return dbshift;
        }
        if (type == DataSource.class) {
            return new ProjectDataSource(dbshift);
        }
        try {
            Connection c = dbshift.connect();
            // closed with the store: after the test method, or after the class for constructor and @BeforeAll parameters
            context.getStore(NAMESPACE).put(new Object(), c);
            return c;
        } catch (SQLException e) {
            throw new ParameterResolutionException("cannot connect to the migrated database: " + e.getMessage(), e);
        }
    }
}
