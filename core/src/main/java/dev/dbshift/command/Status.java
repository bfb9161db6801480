package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.execute.InterruptedStatement;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryView;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.plan.Planner;
import dev.dbshift.schema.LiveChecksum;
import dev.dbshift.session.Project;
import dev.dbshift.session.Session;
import dev.dbshift.session.Takeover;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the database is at: {@code status}, the current version, the history log and the schema's checksum. Reads only. */
public final class Status {
    private final Project project;

    public Status(Project project) {
        this.project = project;
    }

    public StatusReport status() {
        ListingAhead listing = ListingAhead.start(project.source());
        try (Session s = project.open(false)) {
            // the live schema first: its model (10,000 tables are tens of MB) is garbage before the migrations and
            // the history are read, so the process's peak memory is the larger of the two, not their sum
            LiveChecksum live = s.liveChecksums();
            boolean exists = s.store().exists();
            List<MigrationRef> migrations = listing.get();
            Takeover.Preview preview = Takeover.view(s, migrations);
            HistoryView history = preview.history();
            Planner planner = new Planner(migrations, history.state());
            List<String> warnings = new ArrayList<>();
            planner.validate(project.settings().outOfOrder()).forEach(p -> warnings.add(p.message()));
            planner.missingScripts().forEach(p -> warnings.add(p.message()));
            planner.rowsStayed().forEach(p -> warnings.add(p.message()));
            history.partialSquashes().forEach(p -> warnings.add(p.message()));
            for (RunRow r : history.unfinished()) {
                warnings.add(unfinished(r, preview.decisions()));
            }
            SchemaState schema = schemaState(live, history);
            if (schema.newer()) {
                warnings.add(schema.notCompared());
            }
            if (schema.drift()) {
                warnings.add("schema drift: the live schema (" + schema.live() + ") is not the one recorded after "
                        + schema.recordedAfter() + " (" + schema.recorded() + "); 'dbshift diff --live' shows what changed");
            }
            return new StatusReport(s.database().name(), s.schema(), history.state().current().map(Object::toString).orElse(null),
                    exists, planner.status(), history.unfinished(), warnings, schema);
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    private static String unfinished(RunRow r, List<InterruptedStatement.Decision> decisions) {
        return "run #" + r.id() + " (" + r.command() + ", started " + r.startedAt() + " on " + r.host()
                + ") has not finished: it is still running, or its process died"
                + (r.progressVersion() != null ? "; it had run " + r.progressStatements() + " statement(s) of "
                + r.progressVersion() : "")
                + decisions.stream().filter(d -> d.run().id() == r.id()).map(d -> ". The next 'up': " + d.message())
                .findFirst().orElse("");
    }

    /**
     * The live schema's checksum, and whether it still matches the history. A schema that does not exist yet has no
     * checksum: that is said, not left to read as a database without a schema reader.
     */
    public SchemaState schemaState() {
        try (Session s = project.open(false)) {
            if (!s.schemaExists()) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "schema " + s.schema()
                        + " does not exist yet, so it has no checksum ('dbshift up' creates it)");
            }
            return schemaState(s.liveChecksums(), HistoryView.of(s.rows(), List.of(), List.of()));
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    /** The live schema's checksum next to the latest one the history recorded. */
    private static SchemaState schemaState(LiveChecksum live, HistoryView history) {
        HistoryRow recorded = history.lastSchemaChecksum().orElse(null);
        String inItsVersion = live == null ? null : live.as(recorded == null ? null : recorded.schemaChecksum());
        return new SchemaState(inItsVersion, recorded == null ? null : recorded.schemaChecksum(),
                recorded == null ? null : recorded.step() + " (history row " + recorded.id() + ")");
    }

    /** The whole history log, oldest first (empty when the history table does not exist). */
    public List<HistoryRow> history() {
        try (Session s = project.open(false)) {
            return s.rows();
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    /** The highest applied version. */
    public Optional<String> current() {
        try (Session s = project.open(false)) {
            if (!s.store().exists()) {
                return Optional.empty();
            }
            List<MigrationRef> migrations = project.source().list();
            return HistoryView.of(s.store().read(), List.of(), migrations).state().current().map(Object::toString);
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }
}
