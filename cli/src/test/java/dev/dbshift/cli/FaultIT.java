package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fault injection: {@code dbshift up} is SIGKILLed, or all its connections are cut (through a
 * {@link CuttingProxy}), at a random moment; the next {@code up} must finish the job without running
 * any committed statement twice, or stop with exit 3 and the repair message, which the test then
 * answers as a DBA would (by looking at the table) before running {@code up} again. Every trial ends
 * by counting the rows of every table: no duplicates, nothing missing, no DDL run twice.
 *
 * <p>Each vendor's migrations hold a large INSERT ... SELECT, DDL the catalog can verify, one DDL
 * statement it cannot (so the exit-3 path is exercised), small DML and a DROP; on PostgreSQL the
 * middle one is a {@code -- dbshift:no-transaction} script with CREATE INDEX CONCURRENTLY. A repeatable migration runs
 * last, with an INSERT ... SELECT of its own (it had no progress marks, and ran again from its start after a fault).
 *
 * <p>The fault lands at a random moment between the start of the first migration and the time an
 * uninterrupted {@code up} takes (measured once per vendor). Every third trial waits for the server to
 * end the dead session and checks that {@code status} says what the next {@code up} then does; the
 * others start the next {@code up} at once, which must wait for the lock.
 *
 * <p>Delays come from a seeded random generator; the seed is printed, and
 * {@code -Ddbshift.faults.seed=...} repeats a run. The default test run makes 4 kill and 4 cut trials per
 * vendor (it must stay well under 15 minutes; every run draws new moments); the fault campaign CI runs after it
 * ({@code -Pfaults}, see the README) makes 24 and 12. {@code -Ddbshift.faults.trials=N} (kills) and
 * {@code -Ddbshift.faults.cuts=N} set them; {@code -Ddbshift.faults.rows} (and
 * {@code -Ddbshift.faults.pgrows} for PostgreSQL) set the size.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class FaultIT {
    private static final long SEED = Long.getLong("dbshift.faults.seed", System.currentTimeMillis());
    private static final int KILLS = Integer.getInteger("dbshift.faults.trials", 4);
    private static final int CUTS = Integer.getInteger("dbshift.faults.cuts", 4);
    private static final int ROWS = Integer.getInteger("dbshift.faults.rows", 20_000);
    /** PostgreSQL is fast: more rows, so the no-transaction migration (INSERT ... SELECT, CREATE INDEX CONCURRENTLY) takes time */
    private static final int PG_ROWS = Integer.getInteger("dbshift.faults.pgrows", 100_000);
    /** e.g. {@code POSTGRES:CUT}: run only that case */
    private static final String ONLY = System.getProperty("dbshift.faults.only", "");

    /** Per vendor: how long an uninterrupted up takes (measured once, on a fresh database). */
    private final Map<Vendor, Long> durations = new java.util.EnumMap<>(Vendor.class);

    enum Fault { SIGKILL, CUT }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(Vendor.MARIADB, Fault.SIGKILL), Arguments.of(Vendor.H2, Fault.SIGKILL),
                Arguments.of(Vendor.POSTGRES, Fault.SIGKILL), Arguments.of(Vendor.MARIADB, Fault.CUT),
                Arguments.of(Vendor.POSTGRES, Fault.CUT))
                .filter(a -> ONLY.isEmpty() || ONLY.equals(a.get()[0] + ":" + a.get()[1]));
    }

    /**
     * The migrations of one vendor, statement by statement, and the one statement the catalog cannot decide; the
     * repeatable migration {@code R__seed.sql} runs last, its statements committing one by one as the versions' do (on
     * PostgreSQL a {@code -- dbshift:no-transaction} script).
     */
    private record Scenario(Map<String, List<String>> versions, String undecidable, String noTransactionVersion,
                            List<String> repeatable) {
        String statement(String version, int n) {
            return versions.get(version).get(n - 1);
        }
    }

    private static Scenario scenario(Vendor vendor) {
        Map<String, List<String>> v = new LinkedHashMap<>();
        switch (vendor) {
            case MARIADB:
                v.put("1", List.of("CREATE TABLE src (id INT, v INT)",
                        "INSERT INTO src SELECT seq, seq % 97 FROM seq_1_to_" + ROWS,
                        "CREATE TABLE dst (id INT, v INT)", "CREATE TABLE gone (a INT)"));
                v.put("2", List.of("INSERT INTO dst SELECT id, v FROM src", "CREATE INDEX ix_dst_v ON dst (v)",
                        "ALTER TABLE dst CHANGE v v BIGINT", "ALTER TABLE dst ADD COLUMN w INT", "CREATE TABLE marks (id INT)",
                        "INSERT INTO marks VALUES (1), (2)", "UPDATE dst SET w = 1 WHERE id <= 1000"));
                v.put("3", List.of("CREATE TABLE dst2 (id INT, v BIGINT, w INT)", "INSERT INTO dst2 SELECT id, v, w FROM dst",
                        "DROP TABLE gone"));
                // no rule reads CHANGE (MODIFY runs again)
                return new Scenario(v, "ALTER TABLE dst CHANGE v v BIGINT", null, List.of("CREATE TABLE rep (id INT, v INT)",
                        "INSERT INTO rep SELECT id, v FROM src", "CREATE INDEX ix_rep_v ON rep (v)", "CREATE TABLE rmarks (id INT)",
                        "INSERT INTO rmarks VALUES (1)"));
            case H2:
                v.put("1", List.of("CREATE TABLE src (id INT, v INT)",
                        "INSERT INTO src SELECT X, MOD(X, 97) FROM SYSTEM_RANGE(1, " + ROWS + ")",
                        "CREATE TABLE dst (id INT, v INT)", "CREATE TABLE gone (a INT)"));
                v.put("2", List.of("INSERT INTO dst SELECT id, v FROM src", "CREATE INDEX ix_dst_v ON dst (v)",
                        "ALTER TABLE dst ALTER COLUMN v SET DATA TYPE BIGINT", "ALTER TABLE dst ADD COLUMN w INT",
                        "CREATE TABLE marks (id INT)", "INSERT INTO marks VALUES (1), (2)", "UPDATE dst SET w = 1 WHERE id <= 1000"));
                v.put("3", List.of("CREATE TABLE dst2 (id INT, v BIGINT, w INT)", "INSERT INTO dst2 SELECT id, v, w FROM dst",
                        "DROP TABLE gone"));
                return new Scenario(v, "ALTER TABLE dst ALTER COLUMN v SET DATA TYPE BIGINT", null, List.of(
                        "CREATE TABLE rep (id INT, v INT)", "INSERT INTO rep SELECT id, v FROM src", "CREATE INDEX ix_rep_v ON rep (v)",
                        "CREATE TABLE rmarks (id INT)", "INSERT INTO rmarks VALUES (1)"));
            case POSTGRES:
                v.put("1", List.of("CREATE TABLE src (id int, v int)",
                        "INSERT INTO src SELECT g, g % 97 FROM generate_series(1, " + PG_ROWS + ") g",
                        "CREATE TABLE dst (id int, v int)", "CREATE TABLE gone (a int)", "CREATE TYPE mood AS ENUM ('a')"));
                v.put("2", List.of("INSERT INTO dst SELECT id, v FROM src", "CREATE INDEX CONCURRENTLY ix_dst_v ON dst (v)",
                        "ALTER TYPE mood ADD VALUE 'b'", "ALTER TABLE dst ADD COLUMN w int", "CREATE TABLE marks (id int)",
                        "INSERT INTO marks VALUES (1), (2)", "UPDATE dst SET w = 1 WHERE id <= 1000"));
                v.put("3", List.of("CREATE TABLE dst2 (id int, v int, w int)", "INSERT INTO dst2 SELECT id, v, w FROM dst",
                        "DROP TABLE gone"));
                return new Scenario(v, "ALTER TYPE mood ADD VALUE 'b'", "2", List.of("CREATE TABLE rep (id int, v int)",
                        "INSERT INTO rep SELECT id, v FROM src", "CREATE INDEX CONCURRENTLY ix_rep_v ON rep (v)",
                        "CREATE TABLE rmarks (id int)", "INSERT INTO rmarks VALUES (1)"));
            default:
                throw new IllegalArgumentException(vendor.toString());
        }
    }

    private static TestProject project(Scenario s) {
        TestProject p = TestProject.create();
        for (Map.Entry<String, List<String>> e : s.versions().entrySet()) {
            String header = e.getKey().equals(s.noTransactionVersion()) ? "-- dbshift:no-transaction\n" : "";
            p.file("migrations/" + e.getKey() + "__step" + e.getKey() + ".sql", header + String.join(";\n", e.getValue()) + ";\n");
        }
        String header = s.noTransactionVersion() != null ? "-- dbshift:no-transaction\n" : "";
        p.file("migrations/R__seed.sql", header + String.join(";\n", s.repeatable()) + ";\n");
        return p;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void afterEveryFaultEachStatementIsAppliedExactlyOnce(Vendor vendor, Fault fault) throws Exception {
        long seed = SEED + 31L * vendor.ordinal() + fault.ordinal();
        Random random = new Random(seed);
        Scenario scenario = scenario(vendor);
        TestProject project = project(scenario);
        Long measured = durations.get(vendor);
        long full = measured != null ? measured : calibrate(project, vendor);
        durations.put(vendor, full);
        int trials = fault == Fault.SIGKILL ? KILLS : CUTS;
        System.out.println("FaultIT " + vendor + " " + fault + ": seed " + seed + " (-Ddbshift.faults.seed=" + SEED
                + "), an uninterrupted up takes " + full + " ms, " + trials + " trials");
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int t = 0; t < trials; t++) {
            long delay = (long) (random.nextDouble() * full);
            long[] ranFor = {-1};
            String outcome = trial(project, scenario, vendor, fault, delay, t % 3 == 0, ranFor);
            System.out.println("FaultIT " + vendor + " " + fault + " trial " + (t + 1) + ": after " + delay + " ms: " + outcome);
            outcomes.merge(outcome.replaceAll("#\\d+", "#n"), 1, Integer::sum);
            if (ranFor[0] >= 0 && ranFor[0] < full) {
                // the calibration ran slower than this up (a busy machine, a cold start): a fault drawn past the end
                // of a run tests nothing, so later trials draw their moments within the run this trial measured
                full = Math.max(ranFor[0], 1);
                durations.put(vendor, full);
                System.out.println("FaultIT " + vendor + " " + fault + ": an up took " + full + " ms; later faults land within that");
            }
        }
        System.out.println("FaultIT " + vendor + " " + fault + ": " + trials + " trials, all correct: " + outcomes);
    }

    /**
     * One uninterrupted up on a fresh database: how long its migrations take (from the first step's
     * start, so JVM start-up is not counted), and proof that the expected contents are right.
     */
    private static long calibrate(TestProject project, Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor)) {
            Path log = Files.createTempFile("dbshift-calibrate", ".txt");
            Process up = DbShiftProcess.builder(project.dir(), env(db, db.url()), "up").redirectOutput(log.toFile())
                    .redirectErrorStream(true).start();
            assertThat(awaitFirstStep(up, log)).isTrue();
            long t0 = System.nanoTime();
            assertThat(up.waitFor(300, TimeUnit.SECONDS)).isTrue();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(up.exitValue()).as(Files.readString(log)).isZero();
            Files.delete(log);
            verifyContents(db);
            return Math.max(ms, 1);
        }
    }

    /** Waits until the process has started its first migration (it prints "[1/3] applying ..."); false if it ended first. */
    private static boolean awaitFirstStep(Process up, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains("] applying")) {
                return true;
            }
            if (!up.isAlive()) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return fail("up never started its first migration");
    }

    /** One fault and its aftermath; {@code ranFor[0]} gets how long the up ran when it finished before the fault. */
    private static String trial(TestProject project, Scenario scenario, Vendor vendor, Fault fault, long delay,
                                boolean checkStatusFirst, long[] ranFor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor);
             CuttingProxy proxy = fault == Fault.CUT ? CuttingProxy.inFrontOf(db) : null) {
            Map<String, String> direct = env(db, db.url());
            Map<String, String> faulty = fault == Fault.CUT ? env(db, proxy.url(db)) : direct;
            Path log = Files.createTempFile("dbshift-fault", ".txt");
            Process up = DbShiftProcess.builder(project.dir(), faulty, "up", "--lock-timeout", "120s")
                    .redirectOutput(log.toFile()).redirectErrorStream(true).start();
            StringBuilder outcome = new StringBuilder();
            // the fault lands while it works: the delay counts from its first migration's start
            boolean started = awaitFirstStep(up, log);
            long t0 = System.nanoTime();
            if (!started || up.waitFor(delay, TimeUnit.MILLISECONDS)) {
                assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(up.exitValue()).as(Files.readString(log)).isZero();
                if (started) {
                    ranFor[0] = (System.nanoTime() - t0) / 1_000_000;
                }
                outcome.append("finished before the fault");
            } else if (fault == Fault.SIGKILL) {
                up.destroyForcibly();
                assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
                outcome.append("killed");
            } else {
                proxy.cutAll();
                assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("up ends by itself after a cut").isTrue();
                String out = Files.readString(log, StandardCharsets.UTF_8);
                // it must not claim success it cannot know; exit 0 only when it had finished as the cut came
                assertThat(up.exitValue()).as(out).isIn(0, 1, 5);
                outcome.append("cut, exit ").append(up.exitValue());
            }
            Files.deleteIfExists(log);

            String statusError = null;
            if (checkStatusFirst) {
                // once the server has ended the dead session, status must say what the next up will do
                waitForSessionEnd(db);
                statusError = String.join("\n", errors(DbShiftProcess.run(project.dir(), direct, "status", "--json")));
            }
            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), direct, "up", "--lock-timeout", "120s");
            String told = again.out() + again.err();
            if (again.exit() == 3) {
                String said = again.out() + again.err();
                if (statusError != null) {
                    assertThat(statusError).as("status before the up that stopped").contains(firstProblem(said));
                }
                outcome.append(", ").append(resolveAsADba(project, direct, db, scenario, said));
                again = DbShiftProcess.run(project.dir(), direct, "up", "--lock-timeout", "120s");
            } else if (statusError != null) {
                for (String line : again.out().lines().filter(l -> l.startsWith("note: interrupted:")).toList()) {
                    assertThat(statusError).as("status said what up then did").contains(line.substring("note: ".length()));
                }
            }
            assertThat(again.exit()).as(again.toString()).isZero();
            Matcher decided = Pattern.compile("note: interrupted: .*?; (not done|done)").matcher(again.out());
            if (decided.find()) {
                outcome.append(", next up: ").append(decided.group(1));
            }
            if ((told + again.out()).contains("repeatable migration seed")) {
                outcome.append(" (in the repeatable migration)");
            }
            verifyContents(db);
            if (checkStatusFirst) {
                JsonNode status = new ObjectMapper().readTree(DbShiftProcess.run(project.dir(), direct, "status", "--json").out());
                assertThat(status.get("current").asText()).isEqualTo("3");
                assertThat(status.get("pending").asInt()).isZero();
            }
            assertThat(count(db, "SELECT COUNT(*) FROM dbshift_runs WHERE finished_at IS NULL")).as("every run closed").isZero();
            return outcome.toString();
        }
    }

    /** The first line of what up said when it stopped, without the file:line prefix that status leaves out. */
    private static String firstProblem(String said) {
        Matcher m = Pattern.compile("(statement \\d+ of version \\S+ may or may not have completed|left index \\S+ half built)").matcher(said);
        assertThat(m.find()).as(said).isTrue();
        return m.group(1);
    }

    /** Reads what up said, checks the database by hand, and records the answer with repair. */
    private static String resolveAsADba(TestProject project, Map<String, String> env, TestDatabase db, Scenario scenario,
                                        String said) throws Exception {
        Matcher invalid = Pattern.compile("left index (\\S+) half built").matcher(said);
        Matcher doubt = Pattern.compile("statement (\\d+) of version (\\S+) may or may not have completed").matcher(said);
        boolean done;
        String version;
        if (invalid.find()) {
            assertThat(said).contains("DROP INDEX CONCURRENTLY");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DROP INDEX CONCURRENTLY " + invalid.group(1));
            }
            Matcher v = Pattern.compile("repair --statement-not-done (\\S+)'").matcher(said);
            assertThat(v.find()).as(said).isTrue();
            version = v.group(1);
            done = false;
        } else {
            assertThat(doubt.find()).as("exit 3 must say which statement is in doubt: " + said).isTrue();
            assertThat(said).contains("dbshift repair --statement-done " + doubt.group(2))
                    .contains("dbshift repair --statement-not-done " + doubt.group(2));
            version = doubt.group(2);
            String statement = scenario.statement(version, Integer.parseInt(doubt.group(1)));
            assertThat(statement).as("only the statement nothing in the catalog can decide may be in doubt")
                    .isEqualTo(scenario.undecidable());
            done = undecidableIsDone(db, said);
        }
        return "exit 3, a DBA recorded " + (done ? "done" : "not done") + ": "
                + repair(project, env, version, done);
    }

    private static String repair(TestProject project, Map<String, String> env, String version, boolean done) {
        String flag = done ? "--statement-done" : "--statement-not-done";
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), env, "repair", flag, version);
        assertThat(r.exit()).as(r.toString()).isZero();
        return "repair " + flag;
    }

    /**
     * What a DBA looks at: has the column type (or enum value) changed? When H2 died between the drop and the rename of
     * its ALTER's copy, {@code said} (what the stopped up printed) names the copy and the renames that give the table
     * back; the DBA runs them as written, and the statement is done.
     */
    private static boolean undecidableIsDone(TestDatabase db, String said) throws SQLException {
        String sql;
        switch (db.vendor()) {
            case MARIADB:
                sql = "SELECT data_type = 'bigint' FROM information_schema.columns WHERE table_schema = DATABASE()"
                        + " AND table_name = 'dst' AND column_name = 'v'";
                break;
            case H2:
                sql = "SELECT DATA_TYPE = 'BIGINT' FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA"
                        + " AND TABLE_NAME = 'DST' AND COLUMN_NAME = 'V'";
                break;
            default:
                sql = "SELECT count(*) = 1 FROM pg_enum WHERE enumlabel = 'b' AND enumtypid = 'mood'::regtype";
        }
        String schema;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (rs.next()) {
                return rs.getBoolean(1);
            }
            schema = columns(c).toString();
            Matcher mend = Pattern.compile("H2 left the table as DST_COPY_\\S+ and \"DST\" is gone: .*?Rename it back \\((.*?)\\),"
                    + " check it, and record the statement done").matcher(said == null ? "" : said);
            if (db.vendor() == Vendor.H2 && mend.find()) {
                for (String mending : mend.group(1).split("; ")) {
                    st.execute(mending);
                }
                return true;
            }
        }
        // closed first, so that an embedded database's file is whole when it is kept
        return fail("the DBA finds no column dst.v after the fault; the schema holds " + schema + kept(db));
    }

    /** Every column of the connection's schema, as table.column type: what a failed trial left, for its message. */
    private static List<String> columns(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
            }
        }
        return out;
    }

    /** An embedded database's files kept past the test (it deletes them) so that a failed trial can be looked at. */
    private static String kept(TestDatabase db) {
        if (db.vendor() != Vendor.H2) {
            return "";
        }
        try {
            Path file = Path.of(db.url().substring("jdbc:h2:file:".length()) + ".mv.db");
            Path keep = Files.createDirectories(Path.of("target", "faults-kept")).resolve(file.getFileName());
            Files.copy(file, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return "; its file is kept as " + keep.toAbsolutePath();
        } catch (Exception e) {
            return "; its file could not be kept: " + e;
        }
    }

    /** Every table has exactly its rows: nothing twice, nothing missing; the DDL all there once. */
    private static void verifyContents(TestDatabase db) throws SQLException {
        int expected = db.vendor() == Vendor.POSTGRES ? PG_ROWS : ROWS;
        assertThat(rows(db, "src")).as("src").isEqualTo(expected);
        assertThat(rows(db, "dst")).as("dst: no duplicated INSERT ... SELECT").isEqualTo(expected);
        assertThat(rows(db, "dst2")).as("dst2").isEqualTo(expected);
        assertThat(rows(db, "marks")).as("marks").isEqualTo(2);
        assertThat(count(db, "SELECT COUNT(*) FROM dst WHERE w = 1")).isEqualTo(1000);
        assertThat(rows(db, "gone")).as("gone is dropped").isEqualTo(-1);
        assertThat(rows(db, "rep")).as("rep: the repeatable migration's INSERT ... SELECT once").isEqualTo(expected);
        assertThat(rows(db, "rmarks")).as("rmarks").isEqualTo(1);
        assertThat(undecidableIsDone(db, null)).isTrue();
        if (db.vendor() == Vendor.POSTGRES) {
            assertThat(count(db, "SELECT COUNT(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE c.relname = 'ix_dst_v' AND c.relnamespace = current_schema()::regnamespace AND i.indisvalid"))
                    .isEqualTo(1);
        }
    }

    private static List<String> errors(DbShiftProcess.Result status) throws Exception {
        assertThat(status.exit()).as(status.toString()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode m : new ObjectMapper().readTree(status.out()).get("migrations")) {
            if (m.hasNonNull("error")) {
                out.add(m.get("error").asText());
            }
        }
        for (JsonNode w : new ObjectMapper().readTree(status.out()).path("warnings")) {
            out.add(w.asText());
        }
        return out;
    }

    /** Waits until the server has ended every session of the killed or cut run. */
    private static void waitForSessionEnd(TestDatabase db) throws Exception {
        if (db.vendor() == Vendor.H2) {
            return; // embedded: the session died with the process
        }
        String sql = db.vendor() == Vendor.MARIADB
                ? "SELECT COUNT(*) FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db.name());
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        fail("the server never ended the dead run's session");
    }

    private static Map<String, String> env(TestDatabase db, String url) {
        // PostgreSQL sessions carry the test's name, so the test can see when the server has ended them
        String u = db.vendor() == Vendor.POSTGRES ? url + "&ApplicationName=" + db.name() : url;
        return Map.of("DBSHIFT_URL", u, "DBSHIFT_USER", db.user());
    }

    private static int rows(TestDatabase db, String table) throws SQLException {
        try {
            return count(db, "SELECT COUNT(*) FROM " + table);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static int count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
