package dev.dbshift.plan;

import dev.dbshift.DbShiftException;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.history.foreign.ForeignRow;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What adopt records from another tool's rows: pure, plain values in, rows out. */
@Pure
class AdoptionTest {
    private static MigrationRef m(String version, String foreignId) {
        String name = "migrations/" + version + "__m.sql";
        return new MigrationRef(Version.parse(version), "m" + version, MigrationKind.SQL,
                List.of(new ScriptRef(name, Path.of(name))), List.of(), "s1:" + version, null, null, foreignId);
    }

    private static ForeignRow row(String foreignId, String version) {
        return ForeignRow.applied(foreignId, version, Instant.EPOCH, "bob", "note");
    }

    private static List<String> versions(List<Adoption.Entry> entries) {
        return entries.stream().map(e -> e.mark().version()).toList();
    }

    @Test
    void matchesTheToolsOwnIdBeforeAnyVersion() {
        // Sqitch changes have no version: the format numbers them, and names each as the tool does
        List<MigrationRef> ms = List.of(m("1", "sqitch:add_users"), m("2", "sqitch:add_posts"), m("3", "sqitch:add_tags"));
        List<Adoption.Entry> out = Adoption.plan("sqitch.changes", ms, AppliedState.of(List.of()),
                List.of(row("sqitch:add_posts", null), row("sqitch:add_users", null)));
        assertThat(versions(out)).containsExactly("2", "1");
        assertThat(out).allSatisfy(e -> {
            assertThat(e.mark().operation()).isEqualTo(Operation.BASELINE);
            assertThat(e.mark().checksum()).isEqualTo("s1:" + e.mark().version());
            assertThat(e.mark().note()).contains("in sqitch.changes").contains("note");
        });
        // an id naming another migration wins over a version that happens to match
        assertThat(versions(Adoption.plan("t", ms, AppliedState.of(List.of()), List.of(row("sqitch:add_tags", "1")))))
                .containsExactly("3");
    }

    @Test
    void aBaselineWithoutAFileIsRecordedWithoutAScriptAndCoversTheVersionsBelow() {
        List<MigrationRef> ms = List.of(m("1", null), m("2", null), m("4", null));
        ForeignRow baseline = new ForeignRow("flyway:3", "3", null, true, true, Instant.EPOCH, "bob", "BASELINE", null);
        List<Adoption.Entry> out = Adoption.plan("flyway_schema_history", ms, AppliedState.of(List.of()),
                List.of(baseline, row("flyway:4", "4")));
        assertThat(versions(out)).containsExactly("1", "2", "3", "4");
        assertThat(out.get(2).mark().script()).isNull();
        assertThat(out.get(2).mark().kind()).isEqualTo("baseline");
        assertThat(out.get(0).mark().note()).contains("at or below flyway:3");
    }

    @Test
    void refusesRowsNamingMigrationsTheProjectLacksAllAtOnce() {
        assertThatThrownBy(() -> Adoption.plan("goose_db_version", List.of(m("1", null)), AppliedState.of(List.of()),
                List.of(row("goose:1", "1"), row("goose:5", "5"), row("goose:6", "6"))))
                .isInstanceOf(DbShiftException.class)
                .hasMessageContaining("records 2 migration(s) this project does not have: goose:5, goose:6")
                .hasMessageContaining("nothing was recorded");
    }

    @Test
    void leavesOutWhatDbshiftsHistoryHasApplied() {
        HistoryRow applied = HistoryRow.applied(new HistoryRow.Origin(1, null, "me"), new HistoryRow.Subject("1", "m1", "sql",
                Operation.APPLY, "migrations/1__m.sql", "s1:1"), null, HistoryRow.Timing.at(Instant.EPOCH));
        List<Adoption.Entry> out = Adoption.plan("t", List.of(m("1", null), m("2", null)), AppliedState.of(List.of(applied)),
                List.of(row("dbmate:1", "1"), row("dbmate:2", "2"), row("dbmate:2", "2")));
        assertThat(versions(out)).containsExactly("2");
    }
}
