package dev.dbshift.execute;

import dev.dbshift.testing.Pure;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.ScriptSyntaxException;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A step reads a small script from disk once and splits it once, however many walks (transaction
 * decision, count, run) it makes; a large one streams from its file on every walk instead of
 * sitting in memory.
 */
@Pure
class StepScriptsTest {
    @TempDir
    Path dir;
    private final Database h2 = Databases.forUrl("jdbc:h2:mem:");
    private final ScriptOptions.Placeholders placeholders = new ScriptOptions.Placeholders(Map.of("t", "items"), true, false);

    /** A source of files that counts how often a script is opened. */
    private static final class CountingSource implements MigrationSource {
        int opens;

        @Override
        public List<MigrationRef> list() {
            return List.of();
        }

        @Override
        public Reader reader(ScriptRef script) throws IOException {
            opens++;
            return MigrationSource.super.reader(script);
        }
    }

    private ScriptRef script(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return new ScriptRef("migrations/" + name, p);
    }

    private static List<SqlStatement> walk(StepScripts scripts, ScriptRef s) {
        List<SqlStatement> out = new ArrayList<>();
        try (StatementIterator it = scripts.statements(s)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void temporaryTablesCreatedByNameAreFoundAsWritten() throws IOException {
        ScriptRef s = script("1__t.sql", "create temp table ids AS SELECT 1;\nCREATE TEMPORARY TABLE IF NOT EXISTS `a b`.x (i INT);\n"
                + "CREATE LOCAL TEMPORARY TABLE \"Q\" (i INT);\nCREATE TABLE kept (i INT);\nCREATE TEMPORARY TABLE ids (i INT);\n");
        ScriptRef none = script("2__u.sql", "CREATE TABLE temps (i INT);\n");
        try (StepScripts scripts = new StepScripts(h2, new CountingSource(), placeholders, schema -> false)) {
            assertThat(scripts.mayLeaveSessionObjects(List.of(s))).isTrue();
            assertThat(scripts.named(List.of(s)).temporaryTables()).containsExactly("ids", "`a b`.x", "\"Q\"");
            assertThat(scripts.mayLeaveSessionObjects(List.of(none))).isFalse();
            assertThat(scripts.named(List.of(none)).temporaryTables()).isEmpty();
        }
    }

    @Test
    void userVariablesAreFoundByNameButNotSystemVariablesOperatorsOrAddresses() throws IOException {
        ScriptRef s = script("1__v.sql", "SET @tenant = 1, @`odd `` name` = 2, @'q''s' = 3, @\"d\" = 4;\n"
                + "SELECT COUNT(*) INTO @Tenant FROM t WHERE @@sql_mode <> '' AND @a.b$c IS NULL;\n-- key @" + "A".repeat(65) + "\n");
        ScriptRef none = script("2__w.sql", "-- mail ops@example.com\nCREATE INDEX j ON t USING gin (doc) WHERE doc @> '{}'"
                + " AND tsv @@ q AND @@session.x = 1 AND abs = @ -5;\n");
        try (StepScripts scripts = new StepScripts(h2, new CountingSource(), placeholders, schema -> false)) {
            assertThat(scripts.mayLeaveSessionObjects(List.of(s))).isTrue();
            assertThat(scripts.named(List.of(s)).userVariables()).containsExactly("tenant", "odd ` name", "q's", "d", "a.b$c");
            assertThat(scripts.mayLeaveSessionObjects(List.of(none))).isFalse();
            assertThat(scripts.named(List.of(none)).userVariables()).isEmpty();
        }
    }

    @Test
    void customSettingsAreFoundWhereTheyAreSetOrReset() throws IOException {
        ScriptRef s = script("1__c.sql", "SET app.tenant = '1';\nset local \"My\".\"Key\" to 2;\nRESET SESSION app . x;\n"
                + "SELECT set_config('app.Tenant', '3', false), set_config('plain', '4', false);\n");
        ScriptRef none = script("2__d.sql", "SET search_path TO a, b;\nUPDATE t SET c = 1;\nALTER TABLE t SET SCHEMA s;\n");
        try (StepScripts scripts = new StepScripts(h2, new CountingSource(), placeholders, schema -> false)) {
            assertThat(scripts.named(List.of(s)).customSettings()).containsExactly("app.tenant", "my.key", "app.x");
            assertThat(scripts.named(List.of(none)).customSettings()).isEmpty();
        }
    }

    @Test
    void aSmallScriptIsReadOnceAndSplitOnceForEveryWalkOfTheStep() throws IOException {
        ScriptRef s = script("1__a.sql", "-- dbshift:no-transaction\nCREATE TABLE ${t} (id INT);\nINSERT INTO ${t} VALUES (1);\n");
        CountingSource source = new CountingSource();
        try (StepScripts scripts = new StepScripts(h2, source, placeholders, schema -> false)) {
            assertThat(scripts.directives(s).noTransaction()).isTrue();
            assertThat(scripts.inTransaction(List.of(s))).isFalse();
            assertThat(scripts.count(List.of(s))).isEqualTo(2);
            List<SqlStatement> first = walk(scripts, s);
            List<SqlStatement> second = walk(scripts, s);

            assertThat(first).extracting(SqlStatement::sql).containsExactly("CREATE TABLE items (id INT)", "INSERT INTO items VALUES (1)");
            assertThat(second).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(second.get(i)).as("the same statement, not a second split").isSameAs(first.get(i));
            }
            assertThat(source.opens).as("read from disk once").isEqualTo(1);
        }
    }

    @Test
    void aSyntaxErrorIsMetAgainByEveryLaterWalkAtTheSameStatement() throws IOException {
        ScriptRef s = script("2__bad.sql", "CREATE TABLE a (id INT);\nINSERT INTO a VALUES ('unterminated);\n");
        CountingSource source = new CountingSource();
        try (StepScripts scripts = new StepScripts(h2, source, placeholders, schema -> false)) {
            for (int walk = 0; walk < 2; walk++) {
                List<SqlStatement> before = new ArrayList<>();
                assertThatThrownBy(() -> {
                    try (StatementIterator it = scripts.statements(s)) {
                        while (it.hasNext()) {
                            before.add(it.next());
                        }
                    }
                }).isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("migrations/2__bad.sql");
                assertThat(before).hasSize(1);
            }
            assertThat(source.opens).isEqualTo(1);
        }
    }

    @Test
    void aScriptLargerThanTheMemoryLimitStreamsFromItsFileOnEveryWalk() throws IOException {
        Path p = dir.resolve("3__dump.sql");
        long rows = 0;
        try (Writer w = Files.newBufferedWriter(p)) {
            w.write("CREATE TABLE d (id INT, pad VARCHAR(100));\n");
            String pad = "x".repeat(90);
            while (Files.size(p) <= StepScripts.IN_MEMORY) {
                for (int i = 0; i < 10_000; i++) {
                    w.write("INSERT INTO d VALUES (" + rows++ + ", '" + pad + "');\n");
                }
                w.flush();
            }
        }
        ScriptRef s = new ScriptRef("migrations/3__dump.sql", p);
        CountingSource source = new CountingSource();
        try (StepScripts scripts = new StepScripts(h2, source, placeholders, schema -> false)) {
            assertThat(scripts.count(List.of(s))).isEqualTo(rows + 1);
            int opensAfterCount = source.opens;
            SqlStatement firstOfFirstWalk;
            try (StatementIterator it = scripts.statements(s)) {
                firstOfFirstWalk = it.next();
            }
            try (StatementIterator it = scripts.statements(s)) {
                assertThat(it.next()).as("split again from the file, not remembered").isNotSameAs(firstOfFirstWalk)
                        .isEqualTo(firstOfFirstWalk);
            }
            assertThat(opensAfterCount).isEqualTo(1);
            assertThat(source.opens).isEqualTo(3);
        }
    }
}
