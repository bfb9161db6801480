package dev.dbshift.spring.boot;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs {@code up} at start-up against the application's {@link DataSource} (or {@code dbshift.url}), before
 * JPA and the JDBC templates. See the package documentation for why the ordering is by class name.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration", // Boot 3
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"}, // Boot 4
        beforeName = {
                "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration"})
@ConditionalOnClass(DbShift.class)
@ConditionalOnProperty(prefix = "dbshift", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(DbShiftProperties.class)
public class DbShiftAutoConfiguration {
    /** The bean every database user of the context is made to depend on. */
    public static final String INITIALIZER = "dbShiftInitializer";

    /** Static: a bean factory post-processor must exist before the configuration class is instantiated. */
    @Bean
    public static DependsOnDbShift dbShiftDependsOn() {
        return new DependsOnDbShift(INITIALIZER);
    }

    /** The configured facade, for the application's own use ({@code status()}, {@code history()}, ...). */
    @Bean
    @ConditionalOnMissingBean
    public DbShift dbShift(DbShiftProperties properties, ObjectProvider<DataSource> dataSource,
                           ObjectProvider<DbShiftCustomizer> customizers) {
        DbShift.Builder builder = DbShift.configure()
                // Spring's Environment already carries the process environment (DBSHIFT_URL binds to dbshift.url)
                .environmentVariables(Map.of())
                .projectDir(properties.getProjectDir() == null ? Path.of("") : Path.of(properties.getProjectDir()));
        if (properties.getUrl() != null) {
            builder.url(properties.getUrl()).user(properties.getUser()).password(properties.getPassword());
        } else {
            DataSource ds = dataSource.getIfUnique();
            if (ds == null) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "dbshift: the application has no single DataSource bean;"
                        + " set dbshift.url (with dbshift.user and dbshift.password), or dbshift.enabled=false");
            }
            builder.dataSource(ds);
        }
        builder.locations(properties.getLocations().toArray(String[]::new))
                .environment(properties.getEnvironment());
        if (!properties.getSchemas().isEmpty()) {
            builder.schemas(properties.getSchemas().toArray(String[]::new));
        }
        properties.getPlaceholders().forEach(builder::placeholder);
        if (properties.getOnFailure() != null) {
            builder.onFailure(properties.getOnFailure());
        }
        if (properties.getLockTimeout() != null) {
            builder.lockTimeout(properties.getLockTimeout());
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.load();
    }

    @Bean(name = INITIALIZER)
    @ConditionalOnMissingBean(DbShiftInitializer.class)
    public DbShiftInitializer dbShiftInitializer(DbShift dbShift, DbShiftProperties properties) {
        return new DbShiftInitializer(dbShift, properties.getTarget(), properties.isValidateOnly());
    }

    /** {@code /actuator/dbshift}, when the application has Actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Endpoint {
        @Bean
        @ConditionalOnMissingBean
        DbShiftEndpoint dbShiftEndpoint(DbShift dbShift) {
            return new DbShiftEndpoint(dbShift);
        }
    }
}
