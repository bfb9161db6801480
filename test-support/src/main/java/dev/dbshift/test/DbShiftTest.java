package dev.dbshift.test;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Migrates a test database before the tests of the class: {@code up} to {@link #target()} (or, with
 * {@link #reset()}, drop everything and migrate from nothing). A failed migration fails the class, with
 * the migration's file and line. Test methods, constructors and {@code @BeforeAll}/{@code @BeforeEach}
 * methods may take a {@link dev.dbshift.DbShift}, a {@link java.sql.Connection} (opened for them, closed
 * after them) or a {@link javax.sql.DataSource} of that database.
 *
 * <pre>{@code
 * @DbShiftTest(projectDir = "src/test/db", urlProperty = "it.db.url")
 * class CustomerRepositoryTest {
 *     @Test
 *     void findsByEmail(Connection connection) { ... }
 * }
 * }</pre>
 *
 * Settings not given here come from the project's {@code dbshift.toml} and the {@code DBSHIFT_*}
 * environment variables, as for the command line.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DbShiftExtension.class)
public @interface DbShiftTest {
    /** The folder holding dbshift.toml and migrations/, relative to the working directory (empty: the working directory). */
    String projectDir() default "";

    /** Migration folders (relative to the project) or {@code classpath:db/migration}; empty: as the project says. */
    String[] locations() default {};

    /** The JDBC URL; empty: the system property {@link #urlProperty()}, else the project's settings. */
    String url() default "";

    /** A system property (e.g. set by the build, {@code -Dit.db.url=...}) that names the URL when {@link #url()} is empty. */
    String urlProperty() default "dbshift.test.url";

    /** The database user; empty: the project's settings. The password comes from the project or {@code DBSHIFT_PASSWORD}. */
    String user() default "";

    /** Schemas (PostgreSQL, H2) or the database (MySQL/MariaDB) to migrate; empty: as the project says. */
    String[] schemas() default {};

    /** The environment ({@code [environments.NAME]} in dbshift.toml); empty: none. */
    String environment() default "";

    /** The version to migrate to ({@code 1.2}, {@code head}); empty: the project's default (VERSION file, else head). */
    String target() default "";

    /** Drop everything in the schema first, then migrate from nothing to head (refused on a critical environment). */
    boolean reset() default false;
}
