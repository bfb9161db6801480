package dev.dbshift.plan;

import dev.dbshift.DbShiftException;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;
import dev.dbshift.testing.Pure;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planner is pure: plain values in, plans and problems out. */
@Pure
class PlannerTest {
    private static MigrationRef m(String version, boolean down) {
        String name = "migrations/" + version + "__m.sql";
        return new MigrationRef(Version.parse(version), "m", MigrationKind.SQL, List.of(new ScriptRef(name, Path.of(name))),
                down ? List.of(new ScriptRef(name.replace(".sql", ".down.sql"), Path.of("x"))) : List.of(), "s1:" + version, null);
    }

    private static long id = 1;

    private static HistoryRow row(String version, Operation op, boolean success, String checksum, Integer done) {
        return new HistoryRow(id++, 1, version, "m", "sql", op, "migrations/" + version + "__m.sql", checksum, null, null, "me",
                Instant.EPOCH, Instant.EPOCH, 1, success, success ? null : "boom", null, done, done == null ? null : "s1:prefix");
    }

    private static HistoryRow applied(String version) {
        return row(version, Operation.APPLY, true, "s1:" + version, null);
    }

    private static List<String> versions(Plan p) {
        return p.steps().stream().map(s -> s.migration().version().toString()).toList();
    }

    private final List<MigrationRef> five = List.of(m("1", true), m("2", true), m("3", true), m("4", false), m("5", true));

    @Test
    void upTargets() {
        Planner p = new Planner(five, AppliedState.of(List.of(applied("1"), applied("2"))));
        assertThat(versions(p.up(new Target.Head(), false, false))).containsExactly("3", "4", "5");
        assertThat(versions(p.up(Target.parse("4"), false, false))).containsExactly("3", "4");
        assertThat(versions(p.up(Target.parse("+2"), false, false))).containsExactly("3", "4");
        assertThat(p.up(Target.parse("+2"), false, false).to()).isEqualTo(Version.parse("4"));
        assertThat(p.up(Target.parse("2"), false, false).steps()).isEmpty();
        assertThatThrownBy(() -> p.up(Target.parse("+4"), false, false)).hasMessageContaining("only 3 migrations are pending");
        assertThatThrownBy(() -> p.up(Target.parse("1"), false, false)).hasMessageContaining("below the current version 2");
        assertThatThrownBy(() -> p.up(Target.parse("7"), false, false)).hasMessageContaining("unknown version 7 (known versions: 1, 2, 3, 4, 5)");
        assertThatThrownBy(() -> p.up(Target.parse("base"), false, false)).hasMessageContaining("dbshift down base");
        assertThatThrownBy(() -> p.up(Target.parse("-1"), false, false)).hasMessageContaining("dbshift down -1");
    }

    @Test
    void downTargetsAndMissingDownScripts() {
        Planner p = new Planner(five, AppliedState.of(List.of(applied("1"), applied("2"), applied("3"), applied("5"))));
        assertThat(versions(p.down(Target.parse("-1")))).containsExactly("5");
        assertThat(versions(p.down(Target.parse("-2")))).containsExactly("5", "3");
        assertThat(p.down(Target.parse("-2")).to()).isEqualTo(Version.parse("2"));
        assertThat(versions(p.down(Target.parse("1")))).containsExactly("5", "3", "2");
        assertThat(versions(p.down(Target.parse("base")))).containsExactly("5", "3", "2", "1");
        assertThat(p.down(Target.parse("base")).to()).isNull();
        Planner with4 = new Planner(five, AppliedState.of(List.of(applied("1"), applied("4"))));
        assertThatThrownBy(() -> with4.down(Target.parse("-1"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("4 (m) has no down script (expected migrations/4__m.down.sql)")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        Planner gone = new Planner(List.of(m("1", true)), AppliedState.of(List.of(applied("1"), applied("2"))));
        assertThatThrownBy(() -> gone.down(Target.parse("-1"))).hasMessageContaining("version 2 (migrations/2__m.sql) is applied but its scripts are gone");
    }

    @Test
    void validationListsEveryProblem() {
        List<MigrationRef> sources = new ArrayList<>(five);
        sources.add(m("3", false));
        HistoryRow edited = row("1", Operation.APPLY, true, "s1:old", null);
        Planner p = new Planner(sources, AppliedState.of(List.of(edited, applied("4"))));
        List<Problem> problems = p.validate(false);
        assertThat(problems).extracting(Problem::code).containsExactly("duplicate_version", "checksum_changed", "out_of_order", "out_of_order");
        assertThat(problems.get(0).message()).contains("version 3 is defined more than once");
        assertThat(problems.get(1).message()).contains("migrations/1__m.sql was edited after it was applied");
        assertThat(p.validate(true)).extracting(Problem::code).containsExactly("duplicate_version", "checksum_changed");
        assertThatThrownBy(() -> p.up(new Target.Head(), false, false)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).problems()).asList().hasSize(4);
    }

    @Test
    void statusStates() {
        List<HistoryRow> rows = List.of(applied("1"), row("2", Operation.SKIP, true, "s1:2", null), applied("3"),
                row("3", Operation.ROLLBACK, true, null, null), row("4", Operation.APPLY, false, "s1:4", 2),
                row("9", Operation.APPLY, true, "s1:9", null), row("5", Operation.APPLY, true, "s1:changed", null));
        Planner p = new Planner(five, AppliedState.of(rows));
        assertThat(p.status()).extracting(MigrationStatus::state).containsExactly(
                MigrationStatus.State.APPLIED, MigrationStatus.State.SKIPPED, MigrationStatus.State.ROLLED_BACK,
                MigrationStatus.State.PARTIAL, MigrationStatus.State.CHECKSUM_CHANGED, MigrationStatus.State.SCRIPT_MISSING);
    }

    @Test
    void aPartlyAppliedMigrationIsResumed() {
        Planner p = new Planner(five, AppliedState.of(List.of(applied("1"), row("2", Operation.APPLY, false, "s1:x", 3))));
        Step s = p.up(new Target.Head(), false, false).steps().get(0);
        assertThat(s.action()).isEqualTo(Step.Action.RESUME);
        assertThat(s.skipStatements()).isEqualTo(3);
        assertThat(s.expectedChecksum()).isEqualTo("s1:prefix");
        // a failed try with nothing left behind is simply tried again
        Planner q = new Planner(five, AppliedState.of(List.of(applied("1"), row("2", Operation.APPLY, false, "s1:x", 0))));
        assertThat(q.up(new Target.Head(), false, false).steps().get(0).action()).isEqualTo(Step.Action.APPLY);
    }

    @Test
    void targetsParse() {
        assertThat(Target.parse("head")).isEqualTo(new Target.Head());
        assertThat(Target.parse("base")).isEqualTo(new Target.Base());
        assertThat(Target.parse("+3")).isEqualTo(new Target.Relative(3));
        assertThat(Target.parse("-2")).isEqualTo(new Target.Relative(-2));
        assertThat(Target.parse("V1.2")).isEqualTo(new Target.Exact(Version.parse("1.2")));
        assertThatThrownBy(() -> Target.parse("+0")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> Target.parse("latest-ish")).hasMessageContaining("expected head, base, a version");
    }

    /** Up to any target then down to base always covers exactly the applied versions, in opposite orders. */
    @Property
    void upThenDownIsSymmetric(@ForAll @IntRange(min = 0, max = 5) int applied, @ForAll @IntRange(min = 1, max = 5) int target) {
        List<HistoryRow> rows = new ArrayList<>();
        for (int i = 1; i <= applied; i++) {
            rows.add(applied(String.valueOf(i)));
        }
        List<MigrationRef> all = List.of(m("1", true), m("2", true), m("3", true), m("4", true), m("5", true));
        Planner p = new Planner(all, AppliedState.of(rows));
        if (target < applied) {
            assertThatThrownBy(() -> p.up(Target.parse(String.valueOf(target)), false, false)).isInstanceOf(DbShiftException.class);
            return;
        }
        List<String> up = versions(p.up(Target.parse(String.valueOf(target)), false, false));
        for (HistoryRow r : rows) {
            assertThat(up).doesNotContain(r.version());
        }
        List<HistoryRow> after = new ArrayList<>(rows);
        up.forEach(v -> after.add(applied(v)));
        List<String> down = versions(new Planner(all, AppliedState.of(after)).down(new Target.Base()));
        assertThat(down).hasSize(target);
        List<String> reversed = new ArrayList<>(down);
        java.util.Collections.reverse(reversed);
        assertThat(reversed.subList(applied, target)).isEqualTo(up);
    }

    private static MigrationRef baseline(String version) {
        String name = "sql/B" + version + "__b.sql";
        return new MigrationRef(Version.parse(version), "b", MigrationKind.BASELINE, List.of(new ScriptRef(name, Path.of(name))),
                List.of(), "s1:B" + version, null);
    }

    @Test
    void baselineMigrationsStandInForTheVersionsUpToThemOnAnEmptyHistoryOnly() {
        List<MigrationRef> sources = new ArrayList<>(five);
        sources.add(baseline("2"));
        sources.add(baseline("4"));
        // empty history: the latest baseline at or below the target, then the versions above it
        assertThat(versions(new Planner(sources, AppliedState.of(List.of())).up(new Target.Head(), false, false)))
                .containsExactly("4", "5");
        assertThat(new Planner(sources, AppliedState.of(List.of())).up(new Target.Head(), false, false).steps().get(0)
                .migration().kind()).isEqualTo(MigrationKind.BASELINE);
        assertThat(versions(new Planner(sources, AppliedState.of(List.of())).up(new Target.Exact(Version.parse("3")), false, false)))
                .containsExactly("2", "3");
        assertThat(versions(new Planner(sources, AppliedState.of(List.of())).up(new Target.Exact(Version.parse("1")), false, false)))
                .containsExactly("1");
        // a history that has versions: the baselines are not used
        assertThat(versions(new Planner(sources, AppliedState.of(List.of(applied("1")))).up(new Target.Head(), false, false)))
                .containsExactly("2", "3", "4", "5");
        // after baseline 4 ran: 1..3 are covered (not pending, not out of order), 5 is next, the status says so
        HistoryRow ran = new HistoryRow(id++, 1, "4", "b", "baseline", Operation.APPLY, "sql/B4__b.sql", "s1:B4", null, null, "me",
                Instant.EPOCH, Instant.EPOCH, 1, true, null, null, null, null);
        Planner after = new Planner(sources, AppliedState.of(List.of(ran)));
        assertThat(after.validate(false)).isEmpty();
        assertThat(versions(after.up(new Target.Head(), false, false))).containsExactly("5");
        assertThat(after.status()).extracting(MigrationStatus::version, MigrationStatus::state).containsExactly(
                org.assertj.core.api.Assertions.tuple("1", MigrationStatus.State.BELOW_BASELINE),
                org.assertj.core.api.Assertions.tuple("2", MigrationStatus.State.BELOW_BASELINE),
                org.assertj.core.api.Assertions.tuple("3", MigrationStatus.State.BELOW_BASELINE),
                org.assertj.core.api.Assertions.tuple("4", MigrationStatus.State.APPLIED),
                org.assertj.core.api.Assertions.tuple("5", MigrationStatus.State.PENDING));
        // an edited baseline script is an edited applied migration
        List<MigrationRef> edited = new ArrayList<>(five);
        edited.add(new MigrationRef(Version.parse("4"), "b", MigrationKind.BASELINE, baseline("4").up(), List.of(), "s1:other", null));
        assertThat(new Planner(edited, AppliedState.of(List.of(ran))).validate(false)).extracting(Problem::code)
                .containsExactly("checksum_changed");
    }
}
