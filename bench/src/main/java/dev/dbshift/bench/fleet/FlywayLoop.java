package dev.dbshift.bench.fleet;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The way Flyway users migrate a fleet of tenant schemas today: a loop over Flyway's Java API in one JVM, one
 * schema after the other (flyway#2995 asks for more). {@code migrate} applies; {@code validate} is the no-op
 * check. Prints one line per schema that failed and a last line with the counts.
 *
 * <pre>
 * java -cp dbshift-bench.jar dev.dbshift.bench.fleet.FlywayLoop migrate|validate URL USER PASSWORD MIGRATIONS_DIR SCHEMAS_FILE
 * </pre>
 */
public final class FlywayLoop {
    private FlywayLoop() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: FlywayLoop migrate|validate URL USER PASSWORD MIGRATIONS_DIR SCHEMAS_FILE");
            System.exit(2);
        }
        List<String> schemas = Files.readAllLines(Path.of(args[5])).stream().filter(s -> !s.isBlank()).toList();
        int ok = 0;
        int failed = 0;
        int executed = 0;
        for (String schema : schemas) {
            Flyway flyway = Flyway.configure().dataSource(args[1], args[2], args[3]).schemas(schema)
                    .locations("filesystem:" + args[4]).load();
            try {
                if (args[0].equals("migrate")) {
                    MigrateResult r = flyway.migrate();
                    executed += r.migrationsExecuted;
                } else {
                    flyway.validate();
                }
                ok++;
            } catch (RuntimeException e) {
                failed++;
                System.out.println(schema + ": " + e.getMessage());
            }
        }
        System.out.println("schemas: " + schemas.size() + ", ok: " + ok + ", failed: " + failed + ", migrations executed: " + executed);
        System.exit(failed == 0 ? 0 : 1);
    }
}
