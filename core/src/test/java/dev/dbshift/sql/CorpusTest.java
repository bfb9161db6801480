package dev.dbshift.sql;

import dev.dbshift.db.h2.H2ScriptDialect;
import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresCopy;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.db.sqlite.SqliteScriptDialect;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    static final Map<String, String> PLACEHOLDERS = Map.of("greeting", "hello", "greeting_literal", "'hello'");

    static Path root() {
        try {
            return Paths.get(CorpusTest.class.getResource("/sql").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".sql"))
                    .filter(p -> List.of("mariadb", "postgres", "sqlite", "h2").contains(p.getParent().getFileName().toString()))
                    .sorted().toList().stream();
        }
    }

    static List<String> allScriptTexts() {
        try {
            return scripts().map(CorpusTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Vendor vendorOf(Path script) {
        return switch (script.getParent().getFileName().toString()) {
            case "mariadb" -> Vendor.MARIADB;
            case "postgres" -> Vendor.POSTGRES;
            case "sqlite" -> Vendor.SQLITE;
            case "h2" -> Vendor.H2;
            default -> throw new IllegalArgumentException(script.toString());
        };
    }

    static ScriptDialect dialectOf(Vendor vendor) {
        return switch (vendor) {
            case MARIADB -> new MySqlScriptDialect();
            case POSTGRES -> new PostgresScriptDialect();
            case SQLITE -> new SqliteScriptDialect();
            case H2 -> new H2ScriptDialect();
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
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

    static void run(Connection c, List<SqlStatement> statements, String name) throws SQLException {
        for (SqlStatement s : statements) {
            try {
                if (s.copyData() != null) {
                    PostgresCopy.copyIn(c, s);
                } else {
                    try (Statement st = c.createStatement()) {
                        st.setEscapeProcessing(false);
                        st.execute(s.sql());
                    }
                }
            } catch (SQLException e) {
                throw new SQLException(name + ":" + s.line() + ":" + s.column() + ": " + e.getMessage(), e);
            }
        }
    }

    static String describe(List<SqlStatement> statements) {
        StringBuilder sb = new StringBuilder();
        for (SqlStatement s : statements) {
            sb.append("@@ ").append(s.line()).append(':').append(s.column()).append(' ').append(s.kind());
            if (s.noTransaction()) {
                sb.append(" no-transaction");
            }
            if (s.copyData() != null) {
                sb.append(" copy ").append(s.copyData().lines().count()).append(" lines");
            }
            sb.append('\n').append(s.sql()).append('\n');
        }
        return sb.toString();
    }
}
