/**
 * dbshift's PostgreSQL and common lint rules beside squawk, the PostgreSQL migration linter most teams already
 * run. Both lint the same corpus of migration files ({@link dev.dbshift.bench.lint.LintCorpus}: the repository's
 * own PostgreSQL migration scripts, the real PostgreSQL migration sets other projects ship in their jars on Maven
 * Central ({@link dev.dbshift.bench.lint.RealCorpus}), and generated ones built from the statements real migration
 * sets are made of, only to fill up the count);
 * the findings of rules that mean the same thing ({@link dev.dbshift.bench.lint.RuleMap}) are compared statement
 * by statement, and the whole process of each tool (start, read, lint, print) is timed, median of three, reported
 * as a ratio and never asserted. dbshift is run as its own JVM ({@link dev.dbshift.bench.lint.DbshiftLint}) so the
 * timing holds what a user's run costs, JVM start included, as squawk's does. The rules are called directly (no
 * Linter engine): the bench measures the rules, not the CLI around them. How to run it: {@code bench/README-lint.md}.
 */
package dev.dbshift.bench.lint;
