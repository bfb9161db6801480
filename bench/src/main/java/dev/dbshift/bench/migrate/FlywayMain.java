package dev.dbshift.bench.migrate;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * The Flyway side of the whole-process migrate benchmark: what the Flyway command line does for
 * {@code migrate} and {@code info}, as one JVM process started with default JVM flags.
 *
 * <pre>
 * java -cp dbshift-bench.jar dev.dbshift.bench.migrate.FlywayMain migrate|info|validate URL USER PASSWORD DIR
 * </pre>
 *
 * {@code validate} is Flyway's counterpart of {@code dbshift check}: it prints {@code validate: ok} or
 * the error and exits 1 on a problem.
 *
 * {@code info} prints one line per migration (version, description, type, installed on, state),
 * as the Flyway CLI's table does, so both tools pay for rendering the full list.
 */
public final class FlywayMain {
    private FlywayMain() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: FlywayMain migrate|info|validate URL USER PASSWORD MIGRATIONS_DIR");
            System.exit(2);
        }
        Flyway flyway = Flyway.configure()
                .dataSource(args[1], args[2], args[3])
                .locations("filesystem:" + args[4])
                .load();
        switch (args[0]) {
            case "migrate" -> {
                MigrateResult r = flyway.migrate();
                System.out.println("migrations executed: " + r.migrationsExecuted + ", success: " + r.success);
                System.exit(r.success ? 0 : 1);
            }
            case "info" -> {
                StringBuilder out = new StringBuilder();
                out.append("| Version | Description | Type | Installed On | State |\n");
                int applied = 0;
                for (MigrationInfo i : flyway.info().all()) {
                    out.append("| ").append(i.getVersion()).append(" | ").append(i.getDescription())
                            .append(" | ").append(i.getType()).append(" | ").append(i.getInstalledOn())
                            .append(" | ").append(i.getState().getDisplayName()).append(" |\n");
                    if (i.getState().isApplied()) {
                        applied++;
                    }
                }
                System.out.print(out);
                System.out.println("applied: " + applied);
            }
            case "validate" -> {
                ValidateResult r = flyway.validateWithResult();
                System.out.println(r.validationSuccessful ? "validate: ok" : "validate: " + r.getAllErrorMessages());
                System.exit(r.validationSuccessful ? 0 : 1);
            }
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }
}
