/**
 * The linter: finds the migration that would lock or break production before it runs. A rule sees one statement
 * as the vendor's dialect split it ({@link dev.dbshift.lint.LintStatement}), with its migration around it and what
 * is known of the server ({@link dev.dbshift.lint.LintMigration.ServerFacts}: version, table sizes). Rules that hold
 * for every engine live here; a vendor's own rules live in {@code db/<vendor>/} and come from
 * {@code Database.lintRules()}, so that vendor knowledge stays in one place. Each rule has an id, a one-line why,
 * the safe rewrite and a default level; a project overrides levels in {@code [lint]} of dbshift.toml and a script
 * suppresses one finding with {@code -- dbshift:lint-ignore RULE reason}.
 *
 * <p>The engine ({@link dev.dbshift.lint.Linter}) knows no database and no settings: it takes a dialect, whether the
 * database runs a migration in one transaction, the rules, the levels and the server facts. This package sits below
 * {@code db/} (the database SPI returns its rules) and {@code config/}, so choosing the rules of a database, reading
 * {@code [lint]} and asking the server for its facts is {@code check/ProjectLinter}'s, above both. A suppression
 * lives in the script, next to the statement, with a required reason: a project-wide "off" in {@code [lint]} is for
 * a rule a team rejects, not for one statement someone judged safe; a suppression without a reason, or naming no
 * known rule, suppresses nothing and is itself an error finding ({@code lint-ignore}), so a typo cannot hide a
 * finding. Rejected: suppressing by a comment anywhere in the script (it would hide the next occurrence too) and
 * a baseline file of accepted findings (a second place to keep in step with the scripts).
 *
 * <p>{@code lint --fix}: a rule with a mechanical rewrite returns it from {@link dev.dbshift.lint.Rule#rewrite} as a
 * {@link dev.dbshift.lint.Rewrite} (the statement's new text, directives, a header, statements for a follow-up
 * migration), or says why it is unsafe in this migration; the {@link dev.dbshift.lint.Fixer} applies the rewrites to
 * the script reassembled from each statement's raw text, so every byte it does not rewrite stays as written. The
 * rewrite is the rule's (vendor text stays in {@code db/<vendor>/}), the reassembly is shared. Rejected: rewriting
 * from the statement's normalised SQL (it loses comments and layout) and rewrites by regular expression over the
 * whole file (a comment or string literal could be edited).
 */
package dev.dbshift.lint;
