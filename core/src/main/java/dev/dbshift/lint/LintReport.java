package dev.dbshift.lint;

import java.util.List;
import java.util.Optional;

/**
 * What {@code lint} found.
 *
 * @param database   the database kind the rules were chosen for
 * @param connected  whether facts were read from the server (else offline: the declared version at most)
 * @param version    the server version the rules assumed, when known
 * @param migrations how many migrations were linted
 * @param rules      the rules that ran, for SARIF's rule table
 * @param findings   what remains after levels and suppressions, by migration then line
 */
public record LintReport(String database, boolean connected, Optional<String> version, int migrations, List<Rule> rules,
                         List<Finding> findings) {
    public LintReport {
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
    }

    /** The error-level findings: any one makes {@code lint} exit 3. */
    public List<Finding> errors() {
        return findings.stream().filter(f -> f.level() == Level.ERROR).toList();
    }

    /** 3 when an error-level finding remains, else 0. */
    public int exitCode() {
        return errors().isEmpty() ? 0 : dev.dbshift.DbShiftException.VALIDATION;
    }

    /** One sentence: how many findings and errors in how many migrations, for which database, offline or connected. */
    public String summary() {
        String where = database + ", " + (connected ? "connected" : "offline") + version.map(v -> ", server " + v).orElse("");
        int n = findings.size();
        return (n == 0 ? "No findings" : n + " finding" + (n == 1 ? "" : "s") + " (" + errors().size() + " error"
                + (errors().size() == 1 ? "" : "s") + ")") + " in " + migrations + " migration"
                + (migrations == 1 ? "" : "s") + " (" + where + ").";
    }

    /** A finding as one line of text: {@code file:line:col: LEVEL rule: message (fix: ...)}. */
    public static String line(Finding f) {
        return f.file() + ":" + f.line() + ":" + f.column() + ": " + f.level() + " " + f.rule() + ": " + f.message()
                + (f.fix() == null || f.fix().isBlank() ? "" : " (fix: " + f.fix() + ")");
    }
}
