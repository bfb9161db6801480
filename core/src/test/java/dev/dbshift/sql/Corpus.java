package dev.dbshift.sql;

import dev.dbshift.db.h2.H2ScriptDialect;
import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresCopy;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.db.sqlite.SqliteScriptDialect;
import dev.dbshift.testing.TestDatabase.Vendor;

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

/**
 * The script corpus in {@code src/test/resources/sql/<vendor>/} for the tests that use it ({@link CorpusTest},
 * {@link DumpTest}, the scanner's properties): where it is, its scripts, the dialect of each, and how a split
 * script runs on a server.
 */
final class Corpus {

    private Corpus() {
    }

    static final Map<String, String> PLACEHOLDERS = Map.of("greeting", "hello", "greeting_literal", "'hello'");

    static Path root() {
        try {
            return Paths.get(Corpus.class.getResource("/sql").toURI());
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
            return scripts().map(Corpus::read).toList();
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
