package dev.dbshift.spring.boot.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An application component that reads the migrated table in its constructor: it is registered before any
 * auto-configuration, so only the depends-on post-processor keeps its JdbcTemplate waiting for the migration.
 */
@Component
@ConditionalOnProperty(name = "test.greeter", havingValue = "on", matchIfMissing = true)
public class Greeter {
    private final int peopleAtStart;

    public Greeter(JdbcTemplate jdbc) {
        this.peopleAtStart = jdbc.queryForObject("SELECT COUNT(*) FROM person", Integer.class);
    }

    public int peopleAtStart() {
        return peopleAtStart;
    }
}
