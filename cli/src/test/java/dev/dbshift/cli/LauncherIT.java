package dev.dbshift.cli;

import dev.dbshift.testing.Scratch;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./dbshift}'s start-up cache: made once by a training run on the database the first command line names (or a
 * throw-away project: embedded H2, or SQLite when it names SQLite), a class-data archive on JDK 17 and an ahead-of-time
 * cache on JDK 25, and used by the runs after it. Each test copies the launcher and the packaged jar into a folder of its own, so the repository's
 * {@code cli/target} is not touched, and runs it as a user would.
 */
class LauncherIT {
    private static final Path JAR = Path.of("target/dbshift.jar");
    /** The JDK these tests run on, for the launcher. */
    private static final Map<String, String> THIS_JDK = Map.of("JAVA_HOME", System.getProperty("java.home"));

    /** This JDK's archive in a launcher folder. */
    private static Path archive(Path home) {
        return home.resolve("cli/target/dbshift-jdk" + Runtime.version().feature() + ".jsa");
    }

    /** The mark of an archive trained without a server. */
    private static Path marker(Path home) {
        return archive(home).resolveSibling(archive(home).getFileName() + ".provisional");
    }

    /** This JDK, with {@code opts} in DBSHIFT_JAVA_OPTS. */
    private static Map<String, String> thisJdkWith(String opts) {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "DBSHIFT_JAVA_OPTS", opts);
    }

    /** This JDK, logging where each class came from into {@code home/classes.log}. */
    private static Map<String, String> thisJdkLoggingClasses(Path home) {
        return thisJdkWith("-Xlog:class+load:file=" + home.resolve("classes.log"));
    }

    @Test
    void theFirstRunTrainsOnThePostgresDatabaseItNamesAndTheNextStartsFromItsClasses() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            Path home = launcherHome();
            Path project = project(db.url(), db.user());
            Map<String, String> env = THIS_JDK;
            Run first = run(home, env, "-C", project.toString(), "status");
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("one").contains("pending");
            Path archive = archive(home);
            assertThat(archive).exists();
            // the training did not apply anything: status only reads
            Run status = run(home, thisJdkLoggingClasses(home), "-C", project.toString(), "status");
            assertThat(status.exit()).as(status.out()).isZero();
            assertThat(status.out()).contains("pending");
            String classes = Files.readString(home.resolve("classes.log"));
            // the driver's protocol classes, loaded only once connected, come from the archive the training wrote
            assertThat(classes).containsPattern("org\\.postgresql\\.core\\.v3\\.QueryExecutorImpl source: shared objects file");
            assertThat(classes).containsPattern("dev\\.dbshift\\.command\\.Status source: shared objects file");
        }
    }

    @Test
    void aServerThatDoesNotAnswerTrainsOnAThrowAwayProjectAndTheCommandStillRunsAsGiven() throws Exception {
        Path home = launcherHome();
        Path project = project("jdbc:postgresql://127.0.0.1:1/nowhere", "app");
        // what a launcher killed during its training leaves: its file, named after a process that is gone
        Path orphan = archive(home).resolveSibling(archive(home).getFileName() + ".99999999");
        Files.writeString(orphan, "half an archive");
        Run first = run(home, THIS_JDK, "-C", project.toString(), "status");
        assertThat(orphan).as("a killed training's file is removed").doesNotExist();
        assertThat(first.exit()).as(first.out()).isEqualTo(5);
        assertThat(first.out()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere");
        assertThat(archive(home)).exists();
        assertThat(marker(home)).exists();
        assertThat(Files.list(project)).extracting(p -> p.getFileName().toString())
                .as("the training created nothing in the project").containsExactlyInAnyOrder("dbshift.toml", "migrations");
    }

    /**
     * A command line that names an embedded database trains on a throw-away project of the same kind (a SQLite file for
     * SQLite), through the everyday commands (an up that applies, status, check, a no-op up), each opening the
     * database anew: a no-op up and a status with migrations applied then start from classes the archive holds, the
     * SQLite driver's connection settings among them. Trained on an empty H2 project's status alone, a no-op up on
     * embedded H2 with 1,000 applied loaded 211 classes from the jar, and one on SQLite 192.
     */
    @Test
    void anEmbeddedDatabaseTrainsOnAThrowAwayProjectOfItsKindThroughTheEverydayCommands() throws Exception {
        for (String kind : List.of("sqlite", "h2")) {
            Path home = launcherHome();
            Path dir = Scratch.dir("dbshift-launcher-project");
            String url = kind.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("app.db") : "jdbc:h2:file:" + dir.resolve("db/app");
            Path project = project(dir, url, "sa");
            Run first = run(home, THIS_JDK, "-C", project.toString(), "up");
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("Applied 1 migration");
            assertThat(archive(home)).exists();
            assertThat(marker(home)).as("a server named later retrains").exists();
            assertThat(Files.list(project)).extracting(p -> p.getFileName().toString()).as("the training created nothing in the project")
                    .containsExactlyInAnyOrder("dbshift.toml", "migrations", kind.equals("sqlite") ? "app.db" : "db");

            for (String command : List.of("up", "status")) {
                Run again = run(home, thisJdkLoggingClasses(home), "-C", project.toString(), command);
                assertThat(again.exit()).as(again.out()).isZero();
                String classes = Files.readString(home.resolve("classes.log"));
                assertThat(classes).as(kind + " " + command).containsPattern("dev\\.dbshift\\.migration\\.Checksums source: shared objects file");
                if (command.equals("up")) {
                    assertThat(again.out()).contains("Nothing to do");
                    assertThat(classes).as(kind).containsPattern("dev\\.dbshift\\.command\\.Migrate source: shared objects file");
                }
                if (kind.equals("sqlite")) {
                    assertThat(classes).containsPattern("org\\.sqlite\\.SQLiteConfig source: shared objects file");
                }
            }
        }
    }

    /**
     * The throw-away project's commands read none of the user's environment variables: with DBSHIFT_URL naming the
     * user's embedded database, the training's up applied its own migration there (history row 1, "training"), and
     * the user's first up then found version 1 applied under another name.
     */
    @Test
    void theTrainingTakesNoDatabaseFromTheUsersEnvironmentVariables() throws Exception {
        Path home = launcherHome();
        Path dir = Scratch.dir("dbshift-launcher-project");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/1__one.sql"), "CREATE TABLE launcher_one (id INT PRIMARY KEY);\n");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "DBSHIFT_URL", "jdbc:h2:file:" + dir.resolve("db/app"), "DBSHIFT_LOCATIONS", dir.resolve("migrations").toString());
        Run first = run(home, env, "-C", dir.toString(), "up");
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("Applied 1 migration");
        assertThat(archive(home)).as("trained").exists();
        Run history = run(home, env, "-C", dir.toString(), "history");
        assertThat(history.exit()).as(history.out()).isZero();
        assertThat(history.out()).contains("one").doesNotContain("training");
    }

    /**
     * A server that answers the login and then stalls the training (its status waits on the history table, which
     * another session holds locked) does not hold the user's command back: after Training.SERVER_SECONDS the training
     * falls back to the throw-away project and the command runs. The cache is final, not provisional: a server that
     * is slow once (a big catalog: 10,000 migrations on MariaDB) would be slow again, and a provisional cache made
     * every later command retrain first; the next command here starts from the cache and does not train again.
     */
    @Test
    void aServerThatStallsTheTrainingDoesNotHoldTheCommandBack() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES); java.sql.Connection holder = db.connect()) {
            holder.createStatement().execute("CREATE TABLE dbshift_history (id INT)");
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE dbshift_history IN ACCESS EXCLUSIVE MODE");
            Path home = launcherHome();
            Path project = project(db.url(), db.user());
            long start = System.nanoTime();
            Run version = run(home, THIS_JDK, "-C", project.toString(), "version");
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(version.exit()).as(version.out()).isZero();
            assertThat(version.out()).contains("dbshift ");
            assertThat(seconds).as("waited for the stalled training, then went on").isBetween((long) Training.SERVER_SECONDS, 90L);
            assertThat(archive(home)).exists();
            assertThat(marker(home)).as("final: a slow server is not trained on again").doesNotExist();
            java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(archive(home));
            Run versionAgain = run(home, THIS_JDK, "-C", project.toString(), "version");
            assertThat(versionAgain.exit()).isZero();
            holder.rollback();
            holder.setAutoCommit(true);
            holder.createStatement().execute("DROP TABLE dbshift_history"); // the stand-in the lock was held on
            Run status = run(home, THIS_JDK, "-C", project.toString(), "status");
            assertThat(status.exit()).as(status.out()).isZero();
            assertThat(archive(home)).as("not dropped by a command that reaches the server").exists();
            assertThat(Files.getLastModifiedTime(archive(home))).as("not trained again").isEqualTo(made);
        }
    }

    /**
     * A first command whose server takes the connection and never answers: the training gives that connect
     * Training.LOGIN_TIMEOUT_SECONDS, not the project's connect_timeout (here 20 s, set in dbshift.toml: the setting's
     * default of 30 s would make the test wait 35 s), and the command then waits its own 20 s and exits 5 (training and
     * command together would be 40 s and more if the training took the project's setting; the runs' own start, the
     * training's fallback run and its archive take 3.5-5 s more, hence the bound).
     */
    @Test
    void aServerThatNeverAnswersHoldsTheTrainingOnlyItsLoginTimeout() throws Exception {
        try (dev.dbshift.testing.SilentServer server = new dev.dbshift.testing.SilentServer()) {
            Path home = launcherHome();
            Path project = project("jdbc:postgresql://127.0.0.1:" + server.port() + "/x", "app");
            Files.writeString(project.resolve("dbshift.toml"), "connect_timeout = \"20s\"\n", java.nio.file.StandardOpenOption.APPEND);
            long start = System.nanoTime();
            Run status = run(home, THIS_JDK, "-C", project.toString(), "status");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(status.exit()).as(status.out()).isEqualTo(5);
            assertThat(status.out()).contains("did not answer within 20s");
            assertThat(seconds).as("5 s of training, then the command's 20 s").isBetween(20L + Training.LOGIN_TIMEOUT_SECONDS, 38L);
            assertThat(server.accepted()).as("the training's connect and the command's").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anArchiveTrainedWithoutAServerIsRetrainedOnceACommandNamesOne() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            Path home = launcherHome();
            Path project = project(db.url(), db.user());
            Map<String, String> env = THIS_JDK;
            Path archive = archive(home);
            Path marker = marker(home);
            assertThat(run(home, env, "version").exit()).isZero();
            assertThat(archive).exists();
            assertThat(marker).as("trained on the throw-away project").exists();

            Run status = run(home, env, "-C", project.toString(), "status");
            assertThat(status.exit()).as(status.out()).isZero();
            assertThat(archive).as("dropped after a command that names a server").doesNotExist();
            assertThat(marker).doesNotExist();

            assertThat(run(home, env, "-C", project.toString(), "status").exit()).isZero();
            assertThat(archive).as("retrained on PostgreSQL").exists();
            assertThat(marker).doesNotExist();
            Run again = run(home, thisJdkLoggingClasses(home), "-C", project.toString(), "status");
            assertThat(again.exit()).isZero();
            assertThat(Files.readString(home.resolve("classes.log")))
                    .containsPattern("org\\.postgresql\\.core\\.v3\\.QueryExecutorImpl source: shared objects file");
        }
    }

    @Test
    void onJdk25TheLauncherMakesAndUsesAnAheadOfTimeCache() throws Exception {
        Path jdk25 = jdk(25);
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            Path home = launcherHome();
            Path project = project(db.url(), db.user());
            Run first = run(home, Map.of("JAVA_HOME", jdk25.toString()), "-C", project.toString(), "up");
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("Applied 1 migration");
            assertThat(home.resolve("cli/target/dbshift-jdk25.aot")).exists();
            Run status = run(home, Map.of("JAVA_HOME", jdk25.toString(),
                    "DBSHIFT_JAVA_OPTS", "-Xlog:class+load:file=" + home.resolve("classes.log")), "-C", project.toString(), "status");
            assertThat(status.exit()).as(status.out()).isZero();
            assertThat(status.out()).contains("applied").doesNotContain("AOT").doesNotContain("warning");
            String classes = Files.readString(home.resolve("classes.log"));
            assertThat(classes).containsPattern("org\\.postgresql\\.core\\.v3\\.QueryExecutorImpl source: shared objects file");
            assertThat(run(home, Map.of("JAVA_HOME", jdk25.toString()), "version").out()).contains("(Java 25");
        }
    }

    /**
     * The launcher reads the JDK's version from its release file once per java binary (no process per run for it):
     * kept as "feature binary", trusted while the java it runs is that same file, looked up again for another JDK.
     */
    @Test
    void theJdkVersionIsLookedUpOncePerJavaBinary() throws Exception {
        Path home = launcherHome();
        Path known = home.resolve("cli/target/dbshift-jdk.known");
        Path java17 = Path.of(System.getProperty("java.home"), "bin/java").toRealPath();
        int feature = Runtime.version().feature();
        assertThat(run(home, THIS_JDK, "version").out()).contains("(Java " + feature + ".");
        assertThat(Files.readString(known)).isEqualTo(feature + " " + java17 + "\n");

        Path java25 = jdk(25).resolve("bin/java").toRealPath();
        Run other = run(home, Map.of("JAVA_HOME", jdk(25).toString()), "version");
        assertThat(other.out()).as("another JDK is looked up, not taken from the file").contains("(Java 25.");
        assertThat(Files.readString(known)).isEqualTo("25 " + java25 + "\n");
        assertThat(run(home, THIS_JDK, "version").out()).contains("(Java " + feature + ".");
        assertThat(Files.readString(known)).isEqualTo(feature + " " + java17 + "\n");

        // the same binary is not looked up again: a feature written for it is what the launcher goes by (it names
        // the start-up archive after it)
        Files.writeString(known, "24 " + java17 + "\n");
        assertThat(run(home, THIS_JDK, "version").exit()).isZero();
        assertThat(home.resolve("cli/target/dbshift-jdk24.jsa")).exists();
        assertThat(Files.readString(known)).startsWith("24 ");
    }

    /**
     * Another binary of the same JDK feature (the JDK updated in place, or another build of it) drops that feature's
     * start-up cache, which the JVM would refuse without a word, and the run trains a new one; a JDK of another
     * feature leaves it alone.
     */
    @Test
    void anotherBuildOfTheSameJdkMakesTheStartUpCacheAgain() throws Exception {
        Path home = launcherHome();
        Path known = home.resolve("cli/target/dbshift-jdk.known");
        int feature = Runtime.version().feature();
        Path java = Path.of(System.getProperty("java.home"), "bin/java").toRealPath();
        Files.writeString(archive(home), "made by another build of this JDK");
        Files.writeString(known, feature + " /bin/sh\n");
        Run run = run(home, THIS_JDK, "version");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(Files.size(archive(home))).as("trained again").isGreaterThan(1_000_000);
        assertThat(Files.readString(known)).isEqualTo(feature + " " + java + "\n");

        byte[] trained = Files.readAllBytes(archive(home));
        Files.writeString(known, (feature + 8) + " /bin/sh\n");
        assertThat(run(home, THIS_JDK, "version").exit()).isZero();
        assertThat(Files.readAllBytes(archive(home))).as("another feature's binary: this cache stays").isEqualTo(trained);
        assertThat(Files.readString(known)).isEqualTo(feature + " " + java + "\n");
    }

    /**
     * The commands run on every deploy get C1's smaller inlining (less compiling per method on a short run): the
     * read-only ones the smallest, {@code up} (which may apply for minutes) a middle one, the others the JVM's default.
     * Read from the JVM's own final flags.
     */
    @Test
    void theCommandsRunOnEveryDeployCompileWithSmallerInlining() throws Exception {
        Path home = launcherHome();
        Path project = Scratch.dir("dbshift-launcher-h2");
        Files.writeString(project.resolve("dbshift.toml"), "url = \"jdbc:h2:file:" + project.resolve("db") + "\"\n");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/1.0__one.sql"), "CREATE TABLE launcher_one (id INT PRIMARY KEY);\n");
        Map<String, String> flags = thisJdkWith("-XX:+PrintFlagsFinal");
        String small = "C1MaxInlineSize\\s+=\\s+15\\s";
        String middle = "C1MaxInlineSize\\s+=\\s+25\\s";
        String standard = "C1MaxInlineSize\\s+=\\s+35\\s";

        Run up = run(home, flags, "-C", project.toString(), "up");
        assertThat(up.exit()).as(up.out()).isZero();
        assertThat(up.out()).contains("Applied 1 migration").as("up inlines a little less").containsPattern(middle);
        for (String alias : List.of("migrate", "upgrade")) {
            assertThat(run(home, flags, "-C", project.toString(), alias).out()).as(alias).containsPattern(middle);
        }
        for (String command : List.of("status", "list", "info", "check", "validate", "history", "current", "last-version")) {
            Run r = run(home, flags, "-C", project.toString(), command);
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).as(command + " compiles with smaller inlining").containsPattern(small);
        }
        assertThat(run(home, flags, "-C", project.toString(), "version").out()).containsPattern(standard);
    }

    /**
     * The launcher runs the jar's main class from the class path rather than with {@code -jar}, with which the java
     * launcher opens the jar twice more for its manifest. The class it names must be the one the jar's manifest names,
     * so that {@code ./dbshift} and {@code java -jar dbshift.jar} stay the same program.
     */
    @Test
    void theLauncherRunsTheJarsOwnMainClassFromTheClassPath() throws Exception {
        Path home = launcherHome();
        String mainClass;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
        Run version = run(home, thisJdkWith("-XshowSettings:properties"),
                "version");
        assertThat(version.exit()).as(version.out()).isZero();
        assertThat(version.out()).contains("dbshift ").contains("sun.java.command = " + mainClass + " version")
                .contains("java.class.path = " + home.resolve("cli/target/dbshift.jar"));
    }

    /**
     * The young generation starts at 8 MB and may grow to 32 MB with the old one (a fixed 8 MB made embedded H2's
     * applies of thousands of migrations spend most of their time in collections), and -Xmn in DBSHIFT_JAVA_OPTS
     * still fixes it, as it comes after the launcher's flags.
     */
    @Test
    void theYoungGenerationStartsSmallAndMayGrow() throws Exception {
        Path home = launcherHome();
        Run flags = run(home, thisJdkWith("-XX:+PrintFlagsFinal"),
                "version");
        assertThat(flags.exit()).as(flags.out()).isZero();
        assertThat(flags.out()).containsPattern("\\sNewSize\\s+= 8388608\\s").containsPattern("\\sMaxNewSize\\s+= 33554432\\s")
                .containsPattern("\\sNewRatio\\s+= 3\\s").containsPattern("\\sInitialHeapSize\\s+= 33554432\\s");
        Run fixed = run(home, thisJdkWith("-Xmn8m -XX:+PrintFlagsFinal"), "version");
        assertThat(fixed.out()).containsPattern("\\sMaxNewSize\\s+= 8388608\\s");
    }

    /**
     * The heap is on transparent huge pages exactly when this machine's kernel gives them on request ("madvise"): then
     * the JVM must ask, and with "always" or "never" asking changes nothing. A user's {@code -XX:-UseTransparentHugePages}
     * comes after the launcher's flag and turns it off. No warning either way.
     */
    @Test
    void theHeapIsOnTransparentHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
        Path home = launcherHome();
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
        Run flags = run(home, thisJdkWith("-XX:+PrintFlagsFinal"), "version");
        assertThat(flags.exit()).as(flags.out()).isZero();
        assertThat(flags.out()).contains("dbshift ").doesNotContain("warning")
                .containsPattern("\\sUseTransparentHugePages\\s+= " + onRequest + "\\s");
        Run off = run(home, thisJdkWith("-XX:-UseTransparentHugePages -XX:+PrintFlagsFinal"), "version");
        assertThat(off.out()).contains("dbshift ").doesNotContain("warning")
                .containsPattern("\\sUseTransparentHugePages\\s+= false\\s");
    }

    /**
     * A user's heap sizes below the launcher's bound them: the JVM refused to start with {@code -Xmx16m} (the
     * launcher's initial 32 MB above it), and warned about generation sizes at every command with {@code -Xmx48m}.
     */
    @Test
    void aSmallMaximumHeapBoundsTheLaunchersSizesInsteadOfStoppingTheJvm() throws Exception {
        Path home = launcherHome();
        Run small = run(home, thisJdkWith("-Xmx16m -XX:+PrintFlagsFinal"), "version");
        assertThat(small.exit()).as(small.out()).isZero();
        assertThat(small.out()).contains("dbshift ").doesNotContain("warning")
                .containsPattern("\\sInitialHeapSize\\s+= 16777216\\s").containsPattern("\\sMaxNewSize\\s+= 5[0-9]{6}\\s");
        for (String max : List.of("-Xmx48m", "-XX:MaxHeapSize=20m", "-Xmx1g -Xmx31m")) {
            Run bounded = run(home, thisJdkWith(max), "version");
            assertThat(bounded.exit()).as(max + ": " + bounded.out()).isZero();
            assertThat(bounded.out()).as(max).contains("dbshift ").doesNotContain("warning");
        }
        // a small initial heap: -XX:InitialHeapSize=8m contradicted the launcher's -Xms32m on every JDK, and with -Xms8m
        // JDK 25 refused its ahead-of-time cache (made by the first run) and stopped
        for (String jdk : List.of(System.getProperty("java.home"), jdk(25).toString())) {
            Run trained = run(home, Map.of("JAVA_HOME", jdk), "version");
            assertThat(trained.exit()).as(trained.out()).isZero();
            for (String initial : List.of("-Xms8m", "-XX:InitialHeapSize=8m")) {
                Run bounded = run(home, Map.of("JAVA_HOME", jdk, "DBSHIFT_JAVA_OPTS", initial), "version");
                assertThat(bounded.exit()).as(jdk + " " + initial + ": " + bounded.out()).isZero();
                assertThat(bounded.out()).as(jdk + " " + initial).contains("dbshift ").doesNotContain("warning");
            }
        }
    }

    /**
     * An embedded H2 database lives in the command's heap: once a collection has grown the heap, the launcher's tight
     * growth (10 % free at least after a full collection) is set back to the JVM's default (40 %) for the rest of the
     * command. A server's command keeps the launcher's. The serial collector's trace of each resize says which is in
     * force; a small initial heap, most of it young, makes a 1,000-table database (and a PostgreSQL status) grow it.
     */
    @Test
    void anEmbeddedDatabaseThatGrowsTheHeapGetsTheJvmsDefaultGrowthAndAServerKeepsTheLaunchers() throws Exception {
        Path home = launcherHome();
        String url = "jdbc:h2:file:" + Scratch.dir("dbshift-launcher-h2").resolve("db/big");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            for (int i = 0; i < 1000; i++) {
                st.execute("CREATE TABLE big" + i + " (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            }
        }
        Path log = home.resolve("gc.log");
        Map<String, String> tracingResizes = thisJdkWith("-Xms8m -XX:NewSize=6m -Xlog:gc+heap=trace:file=" + log);
        Path h2 = project(url, "sa");
        // the launcher's own growth, as the JVM's trace prints it (10 -> 0.10)
        String launchers = "minimum_free_percentage:   0." + EmbeddedHeap.LAUNCHER_MIN_FREE;
        // with an option after the command (no connection is opened ahead) and without (the settings are read ahead)
        for (List<String> args : List.of(List.of("-C", h2.toString(), "status", "-q"), List.of("-C", h2.toString(), "status"))) {
            Run status = run(home, tracingResizes, args.toArray(String[]::new));
            assertThat(status.exit()).as(status.out()).isZero();
            assertThat(Files.readString(log)).as(String.join(" ", args)).contains(launchers)
                    .contains("minimum_free_percentage:   0.40");
        }
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            Run pg = run(home, tracingResizes, "-C", project(db.url(), db.user()).toString(), "status", "-q");
            assertThat(pg.exit()).as(pg.out()).isZero();
            assertThat(Files.readString(log)).contains(launchers)
                    .doesNotContain("minimum_free_percentage:   0.40");
        }
    }

    /** A folder with the launcher and the packaged jar where the launcher looks for it, newer than any source. */
    private static Path launcherHome() throws IOException {
        Path home = Scratch.dir("dbshift-launcher");
        Path launcher = Path.of(System.getProperty("dbshift.launcher", "../dbshift")).toAbsolutePath();
        Files.copy(launcher, home.resolve("dbshift"));
        Files.createDirectories(home.resolve("cli/target"));
        Files.copy(JAR, home.resolve("cli/target/dbshift.jar"));
        return home;
    }

    private static Path project(String url, String user) throws IOException {
        return project(Scratch.dir("dbshift-launcher-project"), url, user);
    }

    private static Path project(Path dir, String url, String user) throws IOException {
        Files.writeString(dir.resolve("dbshift.toml"), "url = \"" + url + "\"\nuser = \"" + user + "\"\n");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/1.0__one.sql"), "CREATE TABLE launcher_one (id INT PRIMARY KEY);\n");
        return dir;
    }

    private static Path jdk(int feature) throws IOException {
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("release")).contains("JAVA_VERSION=\"" + feature + ".");
                        } catch (IOException e) {
                            return false;
                        }
                    }).findFirst()
                    .orElseThrow(() -> new AssertionError("no JDK " + feature + " under /usr/lib/jvm (this machine has a Temurin "
                            + feature + "; the launcher's ahead-of-time cache is tested with it)"));
        }
    }

    private record Run(int exit, String out) {
    }

    private static Run run(Path home, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", home.resolve("dbshift").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(home.toFile());
        pb.environment().remove("DBSHIFT_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(out).isTrue();
        return new Run(p.exitValue(), out);
    }
}
