package dev.dbshift.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- dbshift:lint-ignore RULE reason} comments of one script. One suppresses the findings of RULE at the
 * statement it sits in or at the statement that starts on the next line. The reason is required: a suppression
 * nobody can review later is a finding hidden, so a directive without one (or naming no rule, or a rule that does
 * not exist) suppresses nothing and is itself an error finding of {@value #RULE}, naming the line.
 *
 * <p>Lines are read as text, not through the dialect: the directive is a line comment of its own, like the
 * script's other {@code dbshift:} directives.
 *
 * @param ignores the well-formed suppressions
 * @param errors  the findings about malformed ones
 */
record Suppressions(List<Ignore> ignores, List<Finding> errors) {
    /** The id of findings about malformed suppressions (no rule can be configured under it). */
    static final String RULE = "lint-ignore";
    private static final Pattern DIRECTIVE = Pattern.compile("--\\s*(dbshift:lint-ignore)(?=\\s|$)(.*)$");
    private static final String FIX = "write -- dbshift:lint-ignore RULE why it is safe here";

    /** One suppression: rule id, reason, 1-based line. */
    record Ignore(String rule, String reason, int line) {
    }

    static Suppressions read(String script, String text, Set<String> ruleIds) {
        List<Ignore> ignores = new ArrayList<>();
        List<Finding> errors = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            int line = i + 1;
            int column = m.start(1) + 1;
            String[] args = m.group(2).strip().split("\\s+", 2);
            String rule = args[0];
            String reason = args.length > 1 ? args[1].strip() : "";
            String problem = rule.isEmpty() ? "dbshift:lint-ignore names no rule"
                    : !ruleIds.contains(rule) ? "dbshift:lint-ignore names unknown rule '" + rule + "'"
                    : reason.isEmpty() ? "dbshift:lint-ignore " + rule + " gives no reason (the reason is required)"
                    : null;
            if (problem == null) {
                ignores.add(new Ignore(rule, reason, line));
            } else {
                errors.add(new Finding(RULE, Level.ERROR, script, line, column, problem, FIX));
            }
        }
        return new Suppressions(List.copyOf(ignores), List.copyOf(errors));
    }

    /** True when a suppression of {@code rule} sits on a line from {@code firstLine - 1} to {@code lastLine}. */
    boolean suppresses(String rule, int firstLine, int lastLine) {
        return ignores.stream().anyMatch(x -> x.rule().equals(rule) && x.line() >= firstLine - 1 && x.line() <= lastLine);
    }
}
