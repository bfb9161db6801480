package dev.dbshift.spring.boot;

import dev.dbshift.DbShift;
import dev.dbshift.command.StatusReport;
import dev.dbshift.history.RunRow;
import dev.dbshift.plan.MigrationStatus;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/dbshift}: what {@code dbshift status} says, as JSON. Plain maps and lists, so that
 * whichever Jackson the Boot version's Actuator writes with (2 on Boot 3, 3 on Boot 4) gives the same document.
 */
@Endpoint(id = "dbshift")
public class DbShiftEndpoint {
    private final DbShift dbShift;

    public DbShiftEndpoint(DbShift dbShift) {
        this.dbShift = dbShift;
    }

    @ReadOperation
    public Map<String, Object> status() {
        StatusReport status = dbShift.status();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", status.database());
        json.put("schema", status.schema());
        json.put("current", status.current());
        json.put("pending", status.pending());
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (MigrationStatus m : status.migrations()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", m.version());
            row.put("description", m.description());
            row.put("kind", m.kind());
            row.put("state", m.state().label());
            migrations.add(row);
        }
        json.put("migrations", migrations);
        json.put("unfinishedRuns", status.unfinishedRuns().stream().map(RunRow::id).toList());
        json.put("warnings", status.warnings());
        return json;
    }
}
