package dev.dbshift.bench.lint;

import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.db.postgres.lint.PostgresLintRules;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.LintStatements;
import dev.dbshift.lint.Rule;
import dev.dbshift.lint.rules.CommonRules;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * dbshift's side as one process: every PostgreSQL and common rule over every {@code *.sql} up script of a directory,
 * one finding a line ({@code file TAB line TAB rule}) on standard output. A file is one migration; it runs in a
 * transaction unless it says {@code -- dbshift:no-transaction}, and has a down script when {@code <name>.down.sql}
 * sits beside it, as dbshift's executor would see it; the server is declared PostgreSQL {@value LintBench#PG_VERSION},
 * as squawk is told with {@code --pg-version}.
 */
public final class DbshiftLint {

    private DbshiftLint() {
    }

    public static void main(String[] args) throws IOException {
        List<Rule> rules = rules();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        for (Path file : upScripts(Path.of(args[0]))) {
            for (Finding f : lint(rules, file)) {
                out.append(f.file()).append('\t').append(String.valueOf(f.line())).append('\t').append(f.rule()).append('\n');
            }
        }
        out.flush();
    }

    /** PostgreSQL's rules, then the common ones. */
    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>(PostgresLintRules.all());
        rules.addAll(CommonRules.all());
        return rules;
    }

    /** The up scripts of {@code dir} ({@code *.sql} that are not {@code *.down.sql}), sorted by name. */
    static List<Path> upScripts(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .filter(p -> !p.getFileName().toString().endsWith(".down.sql")).sorted().toList();
        }
    }

    /** Every finding of {@code rules} in one migration file. */
    static List<Finding> lint(List<Rule> rules, Path file) throws IOException {
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : statements(file)) {
            for (Rule r : rules) {
                out.addAll(r.check(st));
            }
        }
        return out;
    }

    /** The statements of one migration file as the PostgreSQL dialect splits them. */
    static List<LintStatement> statements(Path file) throws IOException {
        String name = file.getFileName().toString();
        String text = Files.readString(file);
        boolean inTransaction = !text.contains("-- dbshift:no-transaction");
        boolean hasDown = Files.exists(file.resolveSibling(name.replaceFirst("\\.sql$", ".down.sql")));
        return LintStatements.of(new PostgresScriptDialect(), name, text, inTransaction, false, hasDown,
                new ServerFacts(Optional.of(LintBench.PG_VERSION), Map.of()));
    }
}
