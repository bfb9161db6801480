/**
 * The Spring Boot starter: {@code up} at start-up against the application's {@link javax.sql.DataSource},
 * before JPA and the JDBC templates, configured by {@code dbshift.*} properties, with an Actuator endpoint.
 *
 * <p>One jar for Boot 3.5 and 4.0. Boot 4 split its auto-configuration into a module per technology and
 * moved the classes (DataSource auto-configuration went from {@code o.s.b.autoconfigure.jdbc} to
 * {@code o.s.b.jdbc.autoconfigure}, Hibernate's to {@code o.s.b.hibernate.autoconfigure}). Compiling against
 * either version's classes would break on the other, so this package names them only as strings: the
 * ordering by {@code afterName}/{@code beforeName} (a name that is not there is ignored), and the depends-on
 * {@link dev.dbshift.spring.boot.DependsOnDbShift} by the Spring Framework type names, which did not move.
 * Boot's own {@code AbstractDependsOnBeanFactoryPostProcessor}, which Flyway's auto-configuration uses, moved
 * too, hence our own (small) one. What is left is API both versions share: {@code @AutoConfiguration}, the
 * conditions, {@code @ConfigurationProperties}, the Actuator endpoint annotations. The sibling Maven module
 * {@code spring-boot-starter-boot4} runs this module's tests on Boot 4 to keep it that way.
 *
 * <p>Why a {@link dev.dbshift.DbShift} bean and a separate {@link dev.dbshift.spring.boot.DbShiftInitializer}
 * (Flyway's split): the facade is useful to the application on its own (status, history; the endpoint reads
 * it), and replacing the initializer (say, to migrate from a job instead of at start-up) keeps it.
 *
 * <p>The process environment is not read by dbshift here: Spring's {@code Environment} already maps
 * {@code DBSHIFT_URL} to {@code dbshift.url}, and dbshift reading {@code DB_URL} behind Spring's back
 * would migrate a database the application does not use. The application's DataSource wins over
 * {@code dbshift.toml}'s URL for the same reason; {@code dbshift.url} is the explicit way to migrate another.
 */
package dev.dbshift.spring.boot;
