package dev.dbshift.cli.online;

import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands end to end against MariaDB: dry run, execute, status --json, refusal exit code. */
class OnlineCommandTest {

    private static String run(TestDatabase db, int expectedExit, String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            // the main command's settings say where the table is, as for every other command
            String[] all = new String[args.length + 5];
            all[0] = "--url";
            all[1] = db.url();
            all[2] = "--user";
            all[3] = db.user();
            all[4] = "online";
            System.arraycopy(args, 0, all, 5, args.length);
            int exit = dev.dbshift.cli.Main.run(all, System.out, System.err);
            assertThat(exit).as(buf.toString()).isEqualTo(expectedExit);
        } finally {
            System.setOut(out);
        }
        return buf.toString();
    }

    /** The flags' defaults are the library's ({@code --max-load} said Threads_running=25, the library 50). */
    @Test
    void flagDefaultsAreTheLibrarysDefaults() {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            dev.dbshift.cli.Main.run(new String[] {"online", "alter", "--help"}, System.out, System.err);
            dev.dbshift.cli.Main.run(new String[] {"online", "resume", "--help"}, System.out, System.err);
        } finally {
            System.setOut(out);
        }
        dev.dbshift.online.OnlineOptions defaults = dev.dbshift.online.OnlineOptions.defaults();
        String help = buf.toString();
        assertThat(defaults.maxLoad()).containsEntry("Threads_running", 50L);
        assertThat(help.split("default: Threads_running=50", -1)).as(help).hasSize(3); // alter and resume
        assertThat(help).doesNotContain("Threads_running=25")
                .contains("default: " + defaults.chunkTime().toMillis() + ")").contains("default: " + defaults.maxChunkRows() + ")");
    }

    @Test
    void dryRunExecuteStatusAndRefusal() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a VARCHAR(10) NULL, n INT NOT NULL DEFAULT 0)");
                st.execute("INSERT INTO t SELECT seq, CONCAT('a', seq), seq FROM seq_1_to_3000");
            }
            String plan = run(db, 0, "alter", "t", "MODIFY n BIGINT NOT NULL DEFAULT 0, CHANGE a b VARCHAR(20) NULL");
            assertThat(plan).contains("method:       copy").contains("a -> b").contains("dry run: nothing changed");

            String done = run(db, 0, "alter", "t", "MODIFY n BIGINT NOT NULL DEFAULT 0, CHANGE a b VARCHAR(20) NULL",
                    "--execute", "--json");
            assertThat(done).contains("\"outcome\":\"done\"").contains("\"rowsCopied\":3000");
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t WHERE b = CONCAT('a', id)")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3000);
            }
            assertThat(run(db, 0, "status", "--json")).contains("\"table\":\"t\"").contains("\"phase\":\"done\"");

            String refused = run(db, 3, "alter", "t", "ADD UNIQUE KEY u (n)", "--execute", "--strategy", "copy");
            assertThat(refused).isEmpty(); // the reason goes to stderr, the exit code says "validation"
        }
    }
}
