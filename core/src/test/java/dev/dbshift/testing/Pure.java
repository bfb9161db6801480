package dev.dbshift.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that needs no database server: it runs on plain values, or on H2 and SQLite files
 * (in-process, no server). {@code mvn -B -ntp -Ppure test} runs exactly these classes, with PostgreSQL and
 * MariaDB down. Carries the tag {@value #TAG} for both engines: JUnit Jupiter ({@code @Test}) and jqwik
 * ({@code @Property}) each read only their own {@code @Tag}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@org.junit.jupiter.api.Tag(Pure.TAG)
@net.jqwik.api.Tag(Pure.TAG)
public @interface Pure {
    /** The tag name the {@code pure} Maven profile selects ({@code <groups>pure</groups>}). */
    String TAG = "pure";
}
