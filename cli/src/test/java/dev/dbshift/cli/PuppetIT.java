package dev.dbshift.cli;

import dev.dbshift.DbShift;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Puppet module (integrations/puppet) run by Debian's {@code puppet apply} with the packaged CLI, against
 * PostgreSQL and MariaDB in one manifest: the first apply migrates, the second changes nothing, a third with an older
 * version reverts. Three applies, because each starts Puppet (seconds).
 */
class PuppetIT {
    private static final String SECRET = "pw-never-printed-7f3a";
    private static final Path MODULE = Path.of("../integrations/puppet").toAbsolutePath().normalize();

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path tmp;

    @Test
    void applyMigratesOnceThenChangesNothingThenRevertsToAnOlderVersion() throws IOException {
        Path puppet = puppet();
        TestProject project = TestProject.create()
                .file("migrations/1__create_account.sql", "CREATE TABLE account (id INT NOT NULL PRIMARY KEY);\n")
                .file("migrations/1__create_account.down.sql", "DROP TABLE account;\n")
                .file("migrations/2__add_email.sql", "ALTER TABLE account ADD COLUMN email VARCHAR(200);\n")
                .file("migrations/2__add_email.down.sql", "ALTER TABLE account DROP COLUMN email;\n")
                .file("migrations/3__create_audit.sql", "CREATE TABLE audit (id INT NOT NULL PRIMARY KEY);\n")
                .file("migrations/3__create_audit.down.sql", "DROP TABLE audit;\n");
        TestDatabase pg = databases.start(Vendor.POSTGRES);
        TestDatabase maria = databases.start(Vendor.MARIADB);
        Path dbshift = launcher();
        Path modules = Files.createDirectories(tmp.resolve("modules"));
        Path link = Files.createSymbolicLink(modules.resolve("dbshift"), MODULE);
        try {
            applyThreeTimes(puppet, modules, project, dbshift, pg, maria);
        } finally {
            Files.delete(link); // the link, not the module: @TempDir would warn about a link leaving it
        }
    }

    private void applyThreeTimes(Path puppet, Path modules, TestProject project, Path dbshift, TestDatabase pg, TestDatabase maria)
            throws IOException {

        Result first = apply(puppet, modules, manifest(project.dir(), dbshift, pg, maria, "latest"));
        assertThat(first.out()).doesNotContain(SECRET).doesNotContain("Warning");
        assertThat(tmp.resolve("password-seen")).hasContent(SECRET);
        assertThat(first.exit()).as(first.toString()).isEqualTo(2); // --detailed-exitcodes: changes, no failure
        assertThat(first.out()).as(first.toString()).contains("Dbshift_schema[app on postgres]/ensure: migrated from nothing to latest")
                .contains("Dbshift_schema[app on mariadb]/ensure: migrated from nothing to latest");
        for (TestDatabase db : List.of(pg, maria)) {
            assertThat(project.configure(db).load().current()).contains("3");
            assertThat(applied(project.configure(db).load())).containsExactly("1", "2", "3");
        }

        Result second = apply(puppet, modules, manifest(project.dir(), dbshift, pg, maria, "latest"));
        assertThat(second.exit()).as(second.toString()).isZero(); // no changes
        assertThat(second.out()).as(second.toString()).doesNotContain("/ensure:").doesNotContain("Warning");
        for (TestDatabase db : List.of(pg, maria)) {
            assertThat(project.configure(db).load().history()).as("the second apply ran nothing").hasSize(3);
        }

        Result third = apply(puppet, modules, manifest(project.dir(), dbshift, pg, maria, "'1'"));
        assertThat(third.exit()).as(third.toString()).isEqualTo(2);
        assertThat(third.out()).contains("Dbshift_schema[app on postgres]/ensure: migrated from 3 to 1").doesNotContain(SECRET);
        for (TestDatabase db : List.of(pg, maria)) {
            DbShift d = project.configure(db).load();
            assertThat(d.current()).contains("1");
            assertThat(d.history().stream().filter(h -> h.operation() == Operation.ROLLBACK).map(HistoryRow::version))
                    .containsExactly("3", "2");
        }
    }

    private static List<String> applied(DbShift d) {
        return d.history().stream().filter(h -> h.operation() == Operation.APPLY && h.success()).map(HistoryRow::version).toList();
    }

    private static String manifest(Path project, Path dbshift, TestDatabase pg, TestDatabase maria, String ensure) {
        StringBuilder b = new StringBuilder();
        for (TestDatabase db : List.of(pg, maria)) {
            b.append("dbshift_schema { 'app on ").append(db.vendor() == Vendor.POSTGRES ? "postgres" : "mariadb").append("':\n")
                    .append("  project_dir => '").append(project).append("',\n")
                    .append("  url         => '").append(db.url()).append("',\n")
                    .append("  user        => '").append(db.user()).append("',\n")
                    // PostgreSQL's trust authentication takes any password: it must reach dbshift and never be printed
                    .append(db.vendor() == Vendor.POSTGRES ? "  password    => Sensitive('" + SECRET + "'),\n" : "")
                    .append("  dbshift     => '").append(dbshift).append("',\n")
                    .append("  ensure      => ").append(ensure).append(",\n}\n");
        }
        return b.toString();
    }

    /** A {@code dbshift} executable for Puppet to run: the packaged jar, as the launcher runs it. */
    private Path launcher() throws IOException {
        Path bin = tmp.resolve("dbshift");
        StringBuilder command = new StringBuilder("exec '").append(DbShiftProcess.javaBin()).append("'");
        DbShiftProcess.jvmOptions().forEach(o -> command.append(" '").append(o).append("'"));
        command.append(" -jar '").append(DbShiftProcess.JAR.toAbsolutePath()).append("' \"$@\"\n");
        // and notes the password it was given, to show that the Sensitive parameter reaches dbshift (as DBSHIFT_PASSWORD)
        Files.writeString(bin, "#!/bin/sh\n[ -n \"$DBSHIFT_PASSWORD\" ] && printf '%s' \"$DBSHIFT_PASSWORD\" > '"
                + tmp.resolve("password-seen") + "'\n" + command);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static Path puppet() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, "puppet")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("puppet is not on the PATH; .ci/run installs it (Debian: apt-get install puppet)"));
    }

    record Result(int exit, String out) {
        @Override
        public String toString() {
            return "puppet apply: exit " + exit + "\n" + out;
        }
    }

    /** {@code puppet apply} with its own confdir, vardir and modulepath under the test's folder, so it touches nothing of the machine's. */
    private Result apply(Path puppet, Path modules, String manifest) throws IOException {
        Path site = Files.writeString(Files.createTempFile(tmp, "site", ".pp"), manifest);
        List<String> cmd = new ArrayList<>(List.of(puppet.toString(), "apply", "--detailed-exitcodes", "--color=false"));
        for (String dir : List.of("confdir", "vardir", "codedir", "logdir", "rundir")) {
            cmd.add("--" + dir + "=" + Files.createDirectories(tmp.resolve("puppet").resolve(dir)));
        }
        cmd.addAll(List.of("--modulepath=" + modules, site.toString()));
        Path out = tmp.resolve("puppet.out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DBSHIFT_"));
        try {
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("puppet apply did not finish in 300 s:\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
