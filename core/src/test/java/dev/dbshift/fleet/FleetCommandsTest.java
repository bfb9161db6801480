package dev.dbshift.fleet;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet commands other than up, waves and the failure budget, on H2 files (no server). */
@Pure
class FleetCommandsTest {
    private final TestProject project = TestProject.create();

    private List<String> h2Targets(int n) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            targets.add("jdbc:h2:file:" + project.dir().resolve("db/t" + i).toAbsolutePath());
        }
        return targets;
    }

    private DbShift base() {
        return DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).load();
    }

    @Test
    void sqlWritesEachTargetsScriptLintAndCheckReportProblemsWithExitThree() throws Exception {
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("dbshift.toml", "[lint]\nno-down-script = \"off\"\n");
        DbShift base = base();
        List<FleetTarget> targets = FleetTargets.resolve(base, h2Targets(2), null);
        Fleet fleet = Fleet.of(base, targets);
        FleetReport up = fleet.run(FleetCommand.UP, Fleet.options(base), FleetListener.NONE);
        assertThat(up.exitCode()).as("%s", up).isZero();

        project.file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n  -- dbshift:lint-ignore lint-ignore\nCREATE TABLE c (id INT);\n");
        Path dir = project.dir().resolve("scripts");
        FleetReport sql = Fleet.of(base(), targets).run(FleetCommand.SQL, Fleet.options(base()).withSqlDir(dir), FleetListener.NONE);
        assertThat(sql.exitCode()).as("%s", sql).isZero();
        try (var files = Files.list(dir)) {
            List<Path> scripts = files.toList();
            assertThat(scripts).hasSize(2);
            // only what up would run there: 2, not 1
            assertThat(Files.readString(scripts.get(0))).contains("CREATE TABLE b").doesNotContain("CREATE TABLE a");
        }

        FleetReport lint = Fleet.of(base(), targets).run(FleetCommand.LINT, Fleet.options(base()).withWaves(0, null, null, true),
                FleetListener.NONE);
        assertThat(lint.exitCode()).isEqualTo(DbShiftException.VALIDATION);
        assertThat(lint.outcomes()).allSatisfy(o -> {
            assertThat(o.state()).isEqualTo(TargetOutcome.State.FAILED);
            assertThat(o.message()).contains("lint-ignore");
        });

        FleetReport check = Fleet.of(base(), targets).run(FleetCommand.CHECK,
                Fleet.options(base()).withWaves(0, null, null, true).withNoPending(true), FleetListener.NONE);
        assertThat(check.exitCode()).isEqualTo(DbShiftException.VALIDATION);
        assertThat(check.outcomes()).allSatisfy(o -> assertThat(o.message()).contains("2"));
        FleetReport status = Fleet.of(base(), targets).run(FleetCommand.STATUS, Fleet.options(base()), FleetListener.NONE);
        assertThat(status.count(TargetOutcome.State.BEHIND)).isEqualTo(2);
        assertThat(status.exitCode()).isEqualTo(1);
    }

    @Test
    void aFailedCanaryStopsTheRolloutAndContinueOnErrorRunsEveryTarget() {
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n");
        DbShift base = base();
        List<FleetTarget> targets = FleetTargets.resolve(base, h2Targets(5), null);
        // the canary is broken: a table in its way
        try (var c = java.sql.DriverManager.getConnection(targets.get(0).url(), "", "");
             var st = c.createStatement()) {
            st.execute("CREATE TABLE a (x INT)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        List<String> stops = new ArrayList<>();
        FleetListener listener = new FleetListener() {
            @Override
            public void stopping(String why) {
                stops.add(why);
            }
        };
        FleetReport canary = Fleet.of(base, targets).run(FleetCommand.UP,
                Fleet.options(base).withParallel(2, 2).withWaves(1, null, Limit.parse("50%", "--max-failures", true), false), listener);
        assertThat(stops).singleElement().asString().contains("a canary target failed");
        assertThat(canary.count(TargetOutcome.State.FAILED)).isEqualTo(1);
        assertThat(canary.count(TargetOutcome.State.NOT_STARTED)).isEqualTo(4);

        FleetReport all = Fleet.of(base, targets).run(FleetCommand.UP,
                Fleet.options(base).withParallel(2, 2).withWaves(1, Limit.parse("2", "--wave", false), null, true), FleetListener.NONE);
        assertThat(all.count(TargetOutcome.State.FAILED)).isEqualTo(1);
        assertThat(all.count(TargetOutcome.State.DONE)).isEqualTo(4);
        assertThat(all.stopped()).isNull();
        assertThat(all.exitCode()).isEqualTo(1);
    }
}
