package dev.dbshift.plan;

import dev.dbshift.DbShiftException;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.history.SquashedHistory;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.SquashMarker;
import dev.dbshift.migration.Version;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** stamp, skip, repair, rebuild, offline ranges and squashed history are pure: plain values in, rows and plans out. */
@Pure
class HistoryEditsTest {
    private static MigrationRef m(String version, boolean down) {
        String name = "migrations/" + version + "__m.sql";
        return new MigrationRef(Version.parse(version), "m", MigrationKind.SQL, List.of(new ScriptRef(name, Path.of(name))),
                down ? List.of(new ScriptRef(name.replace(".sql", ".down.sql"), Path.of("x"))) : List.of(), "s1:" + version, null);
    }

    private long id = 1;

    private HistoryRow row(String version, Operation op, boolean success, String checksum, Integer done) {
        return new HistoryRow(id++, 1, version, "m", "sql", op, "s", checksum, null, null, "me", Instant.EPOCH, Instant.EPOCH,
                1, success, success ? null : "boom", null, done, done == null ? null : "s1:prefix");
    }

    private HistoryRow applied(String version) {
        return row(version, Operation.APPLY, true, "s1:" + version, null);
    }

    private final List<MigrationRef> four = List.of(m("1", true), m("2", true), m("3", false), m("4", true));

    /** The state after appending the marks as successful rows. */
    private AppliedState after(List<HistoryRow> rows, List<Mark> marks) {
        List<HistoryRow> all = new ArrayList<>(rows);
        marks.forEach(k -> all.add(new HistoryRow(id++, 2, k.version(), k.description(), k.kind(), k.operation(), k.script(),
                k.checksum(), null, null, "me", Instant.EPOCH, Instant.EPOCH, 0, true, null, null, null, null)));
        return AppliedState.of(all);
    }

    @Test
    void stampUpDownHeadAndBase() {
        List<HistoryRow> rows = List.of(applied("1"), applied("2"), applied("3"));
        AppliedState state = AppliedState.of(rows);
        List<Mark> down = HistoryEdits.stamp(four, state, Target.parse("1"));
        assertThat(down).extracting(Mark::operation, Mark::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Operation.ROLLBACK, "3"), org.assertj.core.groups.Tuple.tuple(Operation.ROLLBACK, "2"));
        assertThat(after(rows, down).current()).contains(Version.parse("1"));
        List<Mark> head = HistoryEdits.stamp(four, state, Target.parse("head"));
        assertThat(head).extracting(Mark::version).containsExactly("4");
        assertThat(head.get(0).checksum()).isEqualTo("s1:4");
        assertThat(after(rows, HistoryEdits.stamp(four, state, Target.parse("base"))).current()).isEmpty();
        assertThatThrownBy(() -> HistoryEdits.stamp(four, state, Target.parse("9"))).hasMessageContaining("unknown version 9");
        assertThatThrownBy(() -> HistoryEdits.stamp(four, state, Target.parse("+1"))).isInstanceOf(DbShiftException.class);
        assertThatThrownBy(() -> HistoryEdits.stamp(List.of(m("1", false), m("1", true)), state, Target.parse("1")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void skipTheLowestPendingOrTheOneNamed() {
        AppliedState state = AppliedState.of(List.of(applied("1"), applied("3")));
        assertThat(HistoryEdits.skip(four, state, null).version()).isEqualTo("2");
        assertThat(HistoryEdits.skip(four, state, Version.parse("4")).operation()).isEqualTo(Operation.SKIP);
        assertThatThrownBy(() -> HistoryEdits.skip(four, state, Version.parse("3"))).hasMessageContaining("already applied");
        AppliedState all = AppliedState.of(List.of(applied("1"), applied("2"), applied("3"), applied("4")));
        assertThatThrownBy(() -> HistoryEdits.skip(four, all, null)).hasMessageContaining("no migration is pending");
    }

    @Test
    void repairRecordsNewChecksumsAndResolvesFailures() {
        List<HistoryRow> rows = List.of(row("1", Operation.APPLY, true, "s1:old", null), applied("2"),
                row("3", Operation.APPLY, false, "s1:3", 2));
        List<Mark> marks = HistoryEdits.repair(four, AppliedState.of(rows));
        assertThat(marks).extracting(Mark::version).containsExactly("1", "3");
        assertThat(marks.get(0).checksum()).isEqualTo("s1:1");
        assertThat(marks.get(1).checksum()).isNull();
        AppliedState repaired = after(rows, marks);
        assertThat(repaired.get(Version.parse("1")).get().checksum()).isEqualTo("s1:1");
        assertThat(repaired.get(Version.parse("3")).get().failed()).isFalse();
        assertThat(repaired.get(Version.parse("3")).get().statementsDone()).isZero();
        assertThat(repaired.isApplied(Version.parse("3"))).isFalse();
        assertThat(new Planner(four, repaired).validate(false)).isEmpty();
        assertThat(HistoryEdits.repair(four, repaired)).isEmpty();
    }

    @Test
    void rebuildPlans() {
        AppliedState state = AppliedState.of(List.of(applied("1"), applied("2"), applied("3"), row("4", Operation.APPLY, false, "s1:4", 1)));
        assertThat(RebuildPlanner.plan(four, state, Version.parse("2")).steps()).extracting(Step::action)
                .containsExactly(Step.Action.REVERT, Step.Action.APPLY);
        Plan partial = RebuildPlanner.plan(four, state, Version.parse("4"));
        assertThat(partial.steps()).singleElement().satisfies(s -> {
            assertThat(s.action()).isEqualTo(Step.Action.RESUME);
            assertThat(s.skipStatements()).isEqualTo(1);
        });
        assertThatThrownBy(() -> RebuildPlanner.plan(four, state, Version.parse("3"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("has no down script");
    }

    @Test
    void offlineRanges() {
        assertThat(RangePlanner.plan(four, RangePlanner.Range.parse("base:head")).steps()).extracting(s -> s.migration().version().toString())
                .containsExactly("1", "2", "3", "4");
        assertThat(RangePlanner.plan(four, RangePlanner.Range.parse("1:3")).steps()).extracting(s -> s.migration().version().toString())
                .containsExactly("2", "3");
        Plan down = RangePlanner.plan(four, RangePlanner.Range.parse("2:base"));
        assertThat(down.steps()).extracting(s -> s.action() + " " + s.migration().version()).containsExactly("REVERT 2", "REVERT 1");
        assertThatThrownBy(() -> RangePlanner.plan(four, RangePlanner.Range.parse("4:2"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("version 3 (m) has no down script");
        assertThatThrownBy(() -> RangePlanner.Range.parse("1-2")).hasMessageContaining("expected FROM:TO");
        assertThatThrownBy(() -> RangePlanner.plan(four, RangePlanner.Range.parse("base:7"))).hasMessageContaining("unknown version 7");
    }

    @Test
    void squashedHistoryReadsAsTheSquashedMigration() {
        MigrationRef squashed = new MigrationRef(Version.parse("3"), "squash", MigrationKind.SQL,
                List.of(new ScriptRef("migrations/3__squash.sql", Path.of("x"))), List.of(), "s1:squashed", null);
        Map<Version, String> replaced = new LinkedHashMap<>();
        replaced.put(Version.parse("1"), "s1:1");
        replaced.put(Version.parse("2"), "s1:2");
        replaced.put(Version.parse("3"), "s1:3");
        Map<MigrationRef, SquashMarker> squashes = Map.of(squashed, new SquashMarker(replaced));
        List<MigrationRef> sources = List.of(squashed, m("4", true));

        SquashedHistory.View all = SquashedHistory.view(List.of(applied("1"), applied("2"), applied("3")), squashes);
        assertThat(all.problems()).isEmpty();
        Planner p = new Planner(sources, AppliedState.of(all.rows()));
        assertThat(p.validate(false)).isEmpty();
        assertThat(p.missingScripts()).isEmpty();
        assertThat(p.status()).extracting(MigrationStatus::state).containsExactly(MigrationStatus.State.APPLIED, MigrationStatus.State.PENDING);

        SquashedHistory.View none = SquashedHistory.view(List.of(), squashes);
        assertThat(new Planner(sources, AppliedState.of(none.rows())).up(new Target.Head(), false, false).steps()).hasSize(2);

        SquashedHistory.View part = SquashedHistory.view(List.of(applied("1")), squashes);
        assertThat(part.problems()).extracting(SquashedHistory.Partial::code).containsExactly("squash_partial");
    }
}
