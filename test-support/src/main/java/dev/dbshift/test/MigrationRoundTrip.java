package dev.dbshift.test;

import dev.dbshift.DbShift;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.execute.Report;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.plan.Step;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.SchemaModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Proves every down script: for each versioned migration in order, {@code up} to it, {@code down} one,
 * {@code up} again must end in the schema checksum of the single {@code up}, and the {@code down} must
 * give back the schema from before the migration. The first migration that fails is reported with the
 * schema diff.
 *
 * <pre>{@code
 * MigrationRoundTrip.of(DbShift.configure().projectDir(dir).url(url).load()).assertReversible();
 * }</pre>
 *
 * It starts from an empty database (no migration applied) and leaves it at head. A migration without a
 * down script fails the round trip unless it is declared {@link #irreversible} or
 * {@link #withoutDown(WithoutDown) skipped}; either way it is listed in the report.
 */
public final class MigrationRoundTrip {

    /** What a migration without a down script does to the round trip. */
    public enum WithoutDown {
        /** The round trip fails, naming it (the default): a missing down script is usually forgotten. */
        FAIL,
        /** It is applied, listed in the report, and the round trip goes on. */
        SKIP
    }

    private final DbShift dbshift;
    private final WithoutDown withoutDown;
    private final Set<String> irreversible;

    private MigrationRoundTrip(DbShift dbshift, WithoutDown withoutDown, Set<String> irreversible) {
        this.dbshift = dbshift;
        this.withoutDown = withoutDown;
        this.irreversible = Set.copyOf(irreversible);
    }

    /** A round trip over the migrations of {@code dbshift}'s project, against its database. */
    public static MigrationRoundTrip of(DbShift dbshift) {
        return new MigrationRoundTrip(dbshift, WithoutDown.FAIL, Set.of());
    }

    public MigrationRoundTrip withoutDown(WithoutDown policy) {
        return new MigrationRoundTrip(dbshift, policy, irreversible);
    }

    /** Versions ({@code 1.2}) known to have no down script on purpose: listed, never a failure. */
    public MigrationRoundTrip irreversible(String... versions) {
        Set<String> all = new HashSet<>(irreversible);
        all.addAll(List.of(versions));
        return new MigrationRoundTrip(dbshift, withoutDown, all);
    }

    /** Runs it; throws {@link AssertionError} with {@link RoundTripReport#describe()} when a migration fails. */
    public RoundTripReport assertReversible() {
        RoundTripReport report = run();
        if (!report.passed()) {
            throw new AssertionError("migration round trip failed: " + report.describe());
        }
        return report;
    }

    /** Runs it and reports; a database that is not empty is refused with {@link IllegalStateException}. */
    public RoundTripReport run() {
        dbshift.current().ifPresent(v -> {
            throw new IllegalStateException("the migration round trip starts from an empty database, but "
                    + dbshift.settings().url() + " is at version " + v + "; use a fresh database (or reset it)");
        });
        List<MigrationRef> versioned = dbshift.source().list().stream().filter(m -> m.version() != null)
                .sorted(Comparator.comparing(MigrationRef::version)).toList();
        for (String v : irreversible) {
            if (versioned.stream().noneMatch(m -> m.version().toString().equals(v))) {
                throw new IllegalArgumentException("irreversible(\"" + v + "\"): no migration has that version");
            }
        }
        List<String> checked = new ArrayList<>();
        List<String> without = new ArrayList<>();
        SchemaModel before = dbshift.schema().live();
        for (MigrationRef m : versioned) {
            String label = m.label();
            String version = m.version().toString();
            if (!m.hasDown()) {
                if (withoutDown == WithoutDown.FAIL && !irreversible.contains(version)) {
                    return failed(checked, without, label, "it has no down script (declare it irreversible, or skip"
                            + " migrations without a down script)", "");
                }
                without.add(label);
                Optional<String> error = up(version);
                if (error.isPresent()) {
                    return failed(checked, without, label, "its up script failed: " + error.get(), "");
                }
                before = dbshift.schema().live();
                continue;
            }
            Report first;
            try {
                first = dbshift.up(version);
            } catch (MigrationFailedException e) {
                return failed(checked, without, label, "its up script failed: " + e.getMessage(), "");
            }
            SchemaModel afterUp = dbshift.schema().live();
            try {
                dbshift.down();
            } catch (MigrationFailedException e) {
                return failed(checked, without, label, "its down script failed: " + e.getMessage(), "");
            }
            SchemaModel afterDown = dbshift.schema().live();
            // repeatable migrations run with the up to head and stay after the down: then only up-down-up can be compared
            if (!ranRepeatables(first) && !afterDown.checksum().equals(before.checksum())) {
                return failed(checked, without, label, "its down script does not restore the schema from before it;"
                        + " what the down script left undone:", SchemaDiff.between(afterDown, before).describe());
            }
            Optional<String> again = up(version);
            if (again.isPresent()) {
                return failed(checked, without, label, "its up script failed when run again after its down script: "
                        + again.get(), "");
            }
            SchemaModel afterAgain = dbshift.schema().live();
            if (!afterAgain.checksum().equals(afterUp.checksum())) {
                return failed(checked, without, label, "up, down, up ends in another schema than up alone; from the"
                        + " schema after up alone to the one after up, down, up:", SchemaDiff.between(afterUp, afterAgain).describe());
            }
            checked.add(label);
            before = afterAgain;
        }
        return new RoundTripReport(checked, without, Optional.empty());
    }

    private Optional<String> up(String version) {
        try {
            dbshift.up(version);
            return Optional.empty();
        } catch (MigrationFailedException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static boolean ranRepeatables(Report report) {
        return report.results().stream().anyMatch(r -> r.step().action() == Step.Action.REAPPLY || r.step().migration().version() == null);
    }

    private static RoundTripReport failed(List<String> checked, List<String> without, String label, String problem, String diff) {
        return new RoundTripReport(checked, without, Optional.of(new RoundTripReport.Failure(label, problem, diff)));
    }
}
