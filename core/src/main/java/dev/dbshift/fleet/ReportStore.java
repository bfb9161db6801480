package dev.dbshift.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fleet report kept between runs: what each target reached, by command. Read before a fleet starts (a target
 * done for the same command and goal is not run again), written as targets finish. In a JSON file (rewritten whole,
 * through a temporary file and a rename, at most every {@value #FILE_EVERY_MS} ms and at the end) and/or in a table
 * of the directory database (one row per target and command, replaced as it finishes).
 */
abstract class ReportStore implements AutoCloseable {
    /** One target's line of the report. */
    record Entry(String target, String command, String goal, String state, int exitCode, String from, String to,
                 String message, long durationMs, String finishedAt) {
        static Entry of(TargetOutcome o, FleetCommand command, String goal) {
            return new Entry(o.target().name(), command.label(), goal, o.state().label(), o.exitCode(), o.from(), o.to(),
                    o.message(), o.durationMs(), o.finishedAt() == null ? null : o.finishedAt().toString());
        }

        boolean doneFor(FleetCommand command, String goal) {
            return this.command.equals(command.label()) && goal.equals(this.goal) && state.equals(TargetOutcome.State.DONE.label());
        }
    }

    static final long FILE_EVERY_MS = 250;

    /** The entries of {@code command}, by target. */
    abstract Map<String, Entry> read(FleetCommand command);

    abstract void record(Entry e);

    @Override
    public abstract void close();

    /** The JSON file. */
    static final class File extends ReportStore {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        private final Path path;
        private final Map<String, Entry> all = new LinkedHashMap<>();
        private long written;
        private boolean dirty;

        File(Path path) {
            this.path = path;
            if (Files.exists(path)) {
                try {
                    JsonNode root = JSON.readTree(path.toFile());
                    JsonNode targets = root == null ? null : root.get("targets");
                    if (targets == null || !targets.isArray()) {
                        throw new IOException("expected {\"targets\": [...]}");
                    }
                    for (JsonNode t : targets) {
                        Entry e = new Entry(t.path("target").asText(), t.path("command").asText(), t.path("goal").asText(null),
                                t.path("state").asText(), t.path("exitCode").asInt(), t.path("from").asText(null),
                                t.path("to").asText(null), t.path("message").asText(null), t.path("durationMs").asLong(),
                                t.path("finishedAt").asText(null));
                        all.put(key(e.target(), e.command()), e);
                    }
                } catch (IOException e) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, "--report " + path + ": not a fleet report: "
                            + e.getMessage() + " (move it away to start a new one)", e);
                }
            }
        }

        private static String key(String target, String command) {
            return command + " " + target;
        }

        @Override
        Map<String, Entry> read(FleetCommand command) {
            Map<String, Entry> out = new LinkedHashMap<>();
            all.values().stream().filter(e -> e.command().equals(command.label())).forEach(e -> out.put(e.target(), e));
            return out;
        }

        @Override
        void record(Entry e) {
            all.put(key(e.target(), e.command()), e);
            dirty = true;
            if (System.currentTimeMillis() - written >= FILE_EVERY_MS) {
                write();
            }
        }

        private void write() {
            ObjectNode root = JSON.createObjectNode();
            root.put("updatedAt", Instant.now().toString());
            ArrayNode targets = root.putArray("targets");
            for (Entry e : all.values()) {
                targets.addPOJO(e);
            }
            try {
                Path dir = path.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, ".fleet-report", ".tmp");
                JSON.writeValue(tmp.toFile(), root);
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new DbShiftException(DbShiftException.FAILED, "--report " + path + ": cannot write: " + e.getMessage(), e);
            }
            written = System.currentTimeMillis();
            dirty = false;
        }

        @Override
        public void close() {
            if (dirty || !Files.exists(path)) {
                write();
            }
        }
    }

    /** The table in the directory database, on one connection of its own. */
    static final class Table extends ReportStore {
        private final Connection c;
        private final String table;
        private final String where;

        Table(Connection c, String table, String where) {
            this.c = c;
            this.table = table;
            this.where = where;
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + table + " (target VARCHAR(400) NOT NULL, command VARCHAR(16) NOT NULL,"
                        + " goal VARCHAR(100), state VARCHAR(16) NOT NULL, exit_code INT NOT NULL, from_version VARCHAR(100),"
                        + " to_version VARCHAR(100), message VARCHAR(1000), duration_ms BIGINT NOT NULL, finished_at VARCHAR(40),"
                        + " PRIMARY KEY (target, command))");
            } catch (SQLException e) {
                throw failure("cannot create it", e);
            }
        }

        private DbShiftException failure(String what, SQLException e) {
            return new DbShiftException(DbShiftException.FAILED, "fleet report table " + table + " on " + where + ": " + what
                    + ": " + e.getMessage(), e);
        }

        @Override
        Map<String, Entry> read(FleetCommand command) {
            Map<String, Entry> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT target, command, goal, state, exit_code, from_version,"
                    + " to_version, message, duration_ms, finished_at FROM " + table + " WHERE command = ?")) {
                ps.setString(1, command.label());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10)));
                    }
                }
            } catch (SQLException e) {
                throw failure("cannot read it", e);
            }
            return out;
        }

        @Override
        void record(Entry e) {
            try {
                c.setAutoCommit(false);
                try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE target = ? AND command = ?");
                     PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (target, command, goal, state, exit_code,"
                             + " from_version, to_version, message, duration_ms, finished_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                    del.setString(1, e.target());
                    del.setString(2, e.command());
                    del.executeUpdate();
                    ins.setString(1, e.target());
                    ins.setString(2, e.command());
                    ins.setString(3, e.goal());
                    ins.setString(4, e.state());
                    ins.setInt(5, e.exitCode());
                    ins.setString(6, e.from());
                    ins.setString(7, e.to());
                    ins.setString(8, e.message() == null || e.message().length() <= 1000 ? e.message() : e.message().substring(0, 1000));
                    ins.setLong(9, e.durationMs());
                    ins.setString(10, e.finishedAt());
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException ex) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the failure below is what matters
                }
                throw failure("cannot write it", ex);
            }
        }

        @Override
        public void close() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to write
            }
        }
    }
}
