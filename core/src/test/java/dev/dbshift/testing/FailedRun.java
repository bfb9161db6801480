package dev.dbshift.testing;

import dev.dbshift.MigrationFailedException;
import dev.dbshift.execute.Report;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** For tests of failing migrations: the API throws {@link MigrationFailedException}; its report is what they inspect. */
public final class FailedRun {
    private FailedRun() {
    }

    /** Runs {@code run}, which must fail with {@link MigrationFailedException}, and returns the failed run's report. */
    public static Report report(Supplier<Report> run) {
        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, run::get);
        assertThat(e).as("the run must fail with MigrationFailedException").isNotNull();
        assertThat(e.report().success()).isFalse();
        return e.report();
    }
}
