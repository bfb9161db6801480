package dev.dbshift.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application with one JPA entity over a migrated table: what the starter's tests start. */
@SpringBootApplication
public class TestApp {
}
