package dev.dbshift.sql;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.List;

import static dev.dbshift.sql.Corpus.PLACEHOLDERS;
import static dev.dbshift.sql.Corpus.describe;
import static dev.dbshift.sql.Corpus.dialectOf;
import static dev.dbshift.sql.Corpus.read;
import static dev.dbshift.sql.Corpus.root;
import static dev.dbshift.sql.Corpus.run;
import static dev.dbshift.sql.Corpus.vendorOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script corpus in {@code src/test/resources/sql/<vendor>/}: each {@code x.sql} is split and compared
 * with {@code x.statements} (reviewed by hand), then every statement is executed for real on a fresh
 * database of that vendor. The scripts check themselves (a DO block that raises, a SIGNAL, an insert into a
 * CHECK-constrained table), so a statement cut in the wrong place fails the test twice: in the comparison
 * and on the server.
 *
 * <p>{@code x.statements} holds one block per statement: a header line
 * {@code @@ line:column KIND [no-transaction] [copy]} and then the SQL text. Run with
 * {@code -Ddbshift.corpus.write=true} to rewrite them after a deliberate change, then review the diff.
 */
class CorpusTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.dbshift.sql.Corpus#scripts")
    void splitsAsExpectedAndRunsOnTheServer(Path script) throws Exception {
        Vendor vendor = vendorOf(script);
        String name = root().relativize(script).toString();
        List<SqlStatement> statements = Splits.split(dialectOf(vendor), read(script),
                new ScriptOptions(name, PLACEHOLDERS, true));

        String actual = describe(statements);
        Path expectedFile = Paths.get(script.toString().replaceAll("\\.sql$", ".statements"));
        if (Boolean.getBoolean("dbshift.corpus.write")) {
            Path source = Paths.get("src/test/resources/sql").resolve(name.replaceAll("\\.sql$", ".statements"));
            Files.writeString(source, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as(name).isEqualTo(read(expectedFile));

        try (TestDatabase db = TestDatabase.create(vendor); Connection c = db.connect()) {
            run(c, statements, name);
        }
    }
}
