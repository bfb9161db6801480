/**
 * The linter: finds the migration that would lock or break production before it runs. A rule sees one statement
 * as the vendor's dialect split it ({@link dev.dbshift.lint.LintStatement}), with its migration around it and what
 * is known of the server ({@link dev.dbshift.lint.LintMigration.ServerFacts}: version, table sizes). Rules that hold
 * for every engine live here; a vendor's own rules live in {@code db/<vendor>/} and come from
 * {@code Database.lintRules()}, so that vendor knowledge stays in one place. Each rule has an id, a one-line why,
 * the safe rewrite and a default level; a project overrides levels in {@code [lint]} of dbshift.toml and a script
 * suppresses one finding with {@code -- dbshift:lint-ignore RULE reason}.
 */
package dev.dbshift.lint;
