package dev.dbshift.lint;

import dev.dbshift.migration.MigrationFiles;
import dev.dbshift.migration.Version;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptDirectives;
import dev.dbshift.sql.SqlStatement;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code lint --fix}: rewrites one script so that the findings with a mechanical fix go away. Each finding's rule
 * proposes a {@link Rewrite} for its statement ({@link Rule#rewrite}); the fixer applies them to the script's text,
 * reassembled from {@link SqlStatement#raw()}, so that every byte outside a rewritten statement stays as written:
 * a statement's new text replaces its old text inside its raw span (leading comments and terminator kept), a header
 * goes just before the first statement (after the leading comments and directives), and directives go on top.
 * Statements for a new migration (the VALIDATE of a NOT VALID constraint) come back apart: where that migration goes
 * and how it is versioned is the caller's (see {@code migration/MigrationFiles}). A pure function of its inputs.
 */
public final class Fixer {
    private final Map<String, Rule> rules;

    /** A fixer for the rules of one project (common and the vendor's). */
    public Fixer(List<Rule> rules) {
        this.rules = rules.stream().collect(Collectors.toMap(Rule::id, Function.identity(), (a, b) -> a));
    }

    /**
     * The script rewritten.
     *
     * @param text      the script's text; it comes back unchanged when nothing is fixed
     * @param fixed     the findings a rewrite removed
     * @param left      the findings of rules with a rewrite that was unsafe here, each with why
     * @param followUp  statements for a new migration to run right after this one, when a rewrite needs one (the
     *                  rewrites' lines in order, each once, so that they may share a header)
     */
    public record Result(String text, List<Finding> fixed, List<Left> left, Optional<String> followUp) {
    }

    /** A finding not fixed, and why. */
    public record Left(Finding finding, String reason) {
    }

    /**
     * Rewrites {@code text} (the up script {@code script}, split by {@code dialect}) for {@code findings} (this script's,
     * as the linter reported them: a finding is matched to its statement by line and column).
     */
    public Result fix(ScriptDialect dialect, String script, String text, List<Finding> findings, boolean hasDown,
                      LintMigration.ServerFacts facts) {
        ScriptDirectives directives = ScriptDirectives.parse(script, text);
        String bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
        String body = text.substring(bom.length());
        List<LintStatement> statements = LintStatements.of(dialect, script, body, !directives.noTransaction(),
                directives.online(), hasDown, facts);
        StringBuilder joined = new StringBuilder();
        statements.forEach(st -> joined.append(st.statement().raw()));
        if (!body.startsWith(joined.toString())) {
            return new Result(text, List.of(), findings.stream().filter(f -> rules.containsKey(f.rule()))
                    .map(f -> new Left(f, "the script's statements do not give back its text")).toList(), Optional.empty());
        }
        String trailing = body.substring(joined.length());

        Map<Integer, String> newSql = new HashMap<>();
        Set<String> addDirectives = new LinkedHashSet<>();
        List<String> headers = new ArrayList<>();
        List<String> followUps = new ArrayList<>();
        List<Finding> fixed = new ArrayList<>();
        List<Left> left = new ArrayList<>();
        for (Finding f : findings) {
            Rule rule = rules.get(f.rule());
            Optional<LintStatement> at = statementAt(statements, f);
            if (rule == null || at.isEmpty()) {
                continue;
            }
            Optional<Rewrite> proposed = rule.rewrite(at.get());
            if (proposed.isEmpty()) {
                continue;
            }
            Rewrite r = proposed.get();
            int index = at.get().ordinal() - 1;
            Optional<String> why = r.refused().or(() -> conflict(r, index, newSql, at.get().statement(), statements.get(0).statement()));
            if (why.isPresent()) {
                left.add(new Left(f, why.get()));
                continue;
            }
            r.statement().ifPresent(sql -> newSql.put(index, sql));
            addDirectives.addAll(r.directives());
            r.header().filter(h -> !headers.contains(h)).ifPresent(headers::add);
            r.followUp().ifPresent(s -> s.lines().filter(l -> !followUps.contains(l)).forEach(followUps::add));
            fixed.add(f);
        }
        if (fixed.isEmpty()) {
            return new Result(text, fixed, left, Optional.empty());
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder(bom);
        if (!addDirectives.isEmpty()) {
            for (String d : addDirectives) {
                if (!(d.equals("no-transaction") && directives.noTransaction()) && !(d.equals("online") && directives.online())) {
                    out.append("-- dbshift:").append(d).append(newline);
                }
            }
        }
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement st = statements.get(i).statement();
            String raw = st.raw();
            int start = raw.lastIndexOf(st.sql());
            if (start < 0) {
                out.append(raw);
                continue;
            }
            String head = i == 0 && !headers.isEmpty() ? String.join(newline, headers) + newline : "";
            out.append(raw, 0, start).append(head).append(newSql.getOrDefault(i, st.sql())).append(raw, start + st.sql().length(), raw.length());
        }
        out.append(trailing);
        String rewritten = out.toString();
        List<String> stuck = notRemoved(dialect, script, statements, rewritten, fixed, hasDown, facts);
        if (!stuck.isEmpty()) {
            List<Left> all = new ArrayList<>(left);
            fixed.forEach(f -> all.add(new Left(f, "the rewrite did not remove the findings of " + stuck + ": fix by hand")));
            return new Result(text, List.of(), List.copyOf(all), Optional.empty());
        }
        return new Result(rewritten, List.copyOf(fixed), List.copyOf(left),
                followUps.isEmpty() ? Optional.empty() : Optional.of(String.join(newline, followUps) + newline));
    }

    /**
     * The rules among {@code fixed}'s whose findings the rewritten text does not reduce by as many as were fixed:
     * each rule checked again over the old and the new statements (with the new directives), so that a rewrite that
     * misses its mark leaves the script as written rather than half fixed.
     */
    private List<String> notRemoved(ScriptDialect dialect, String script, List<LintStatement> before, String rewritten,
                                    List<Finding> fixed, boolean hasDown, LintMigration.ServerFacts facts) {
        String body = rewritten.startsWith("\uFEFF") ? rewritten.substring(1) : rewritten;
        ScriptDirectives d = ScriptDirectives.parse(script, body);
        List<LintStatement> after = LintStatements.of(dialect, script, body, !d.noTransaction(), d.online(), hasDown, facts);
        Map<String, Long> count = fixed.stream().collect(Collectors.groupingBy(Finding::rule, Collectors.counting()));
        List<String> stuck = new ArrayList<>();
        count.forEach((id, n) -> {
            Rule rule = rules.get(id);
            long was = before.stream().mapToLong(st -> rule.check(st).size()).sum();
            long is = after.stream().mapToLong(st -> rule.check(st).size()).sum();
            if (is > was - n) {
                stuck.add(id);
            }
        });
        return stuck;
    }

    /**
     * The file name of the migration that holds a {@link Result#followUp()} of the migration {@code description}: the
     * project's next version ({@link MigrationFiles#nextVersion}), after every existing one, so it runs in a migration
     * of its own after the one fixed (written with {@link MigrationFiles#write}, which never overwrites).
     */
    public static String followUpFileName(List<Version> existing, String description, Clock clock) {
        return MigrationFiles.nextVersion(existing, clock) + "__" + MigrationFiles.slug("validate " + description) + ".sql";
    }

    /**
     * Why {@code r} cannot be applied: the text it changes (its statement's, or the first's for a header) is not found
     * in the raw span, or another rewrite changed the statement already.
     */
    private static Optional<String> conflict(Rewrite r, int index, Map<Integer, String> newSql, SqlStatement st,
                                             SqlStatement first) {
        if (r.statement().isPresent() && st.raw().lastIndexOf(st.sql()) < 0
                || r.header().isPresent() && first.raw().lastIndexOf(first.sql()) < 0) {
            return Optional.of("the statement's text differs from the script's (placeholders?)");
        }
        if (r.statement().isPresent() && newSql.containsKey(index)) {
            return Optional.of("another finding's rewrite changed this statement: run lint --fix again");
        }
        return Optional.empty();
    }

    /**
     * The statement a finding is about: the last one starting at or before the finding's line and column (the first
     * when none does: a linter that counted a byte-order mark as a column).
     */
    private static Optional<LintStatement> statementAt(List<LintStatement> statements, Finding f) {
        LintStatement found = null;
        for (LintStatement st : statements) {
            SqlStatement s = st.statement();
            if (s.line() < f.line() || s.line() == f.line() && s.column() <= f.column()) {
                found = st;
            }
        }
        return Optional.ofNullable(found).or(() -> statements.stream().findFirst());
    }
}
