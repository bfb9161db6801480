/**
 * The lint rules that hold on every engine ({@link dev.dbshift.lint.rules.CommonRules#all()}): destructive drops,
 * renames that break running code, type changes, NOT NULL without a value, unique and foreign keys checked over
 * existing rows, backfills next to DDL, ALTERs that could be one, missing down scripts, and statements nothing
 * reads.
 *
 * <h2>Why it is built this way</h2>
 *
 * <p><b>Words, not a grammar.</b> A rule reads the statement's words (comments skipped, quoted names kept with
 * their quotes, string literals one token) the way {@code sql/} classifies statements: {@link
 * dev.dbshift.lint.rules.AlterTable} cuts an {@code ALTER TABLE} into its actions at the commas outside
 * parentheses, and {@link dev.dbshift.lint.rules.Action} knows the spellings of each engine (PostgreSQL's
 * {@code ALTER c TYPE}, H2's {@code ALTER COLUMN c RENAME TO d}, MySQL's {@code MODIFY} and {@code CHANGE}). No
 * text is searched by substring, so a literal or a comment never fires a rule. Rejected: a SQL parser per engine
 * (the splitter does not need one, and the rules only need the head of a statement and its top-level words).
 *
 * <p><b>Existing tables only.</b> Most rules are about rows other sessions read: a table created earlier in the
 * same migration holds none, so dropping, renaming or constraining it is not reported. Names compare unquoted and
 * case-insensitively, and by their own name when only one of the two is schema-qualified.
 *
 * <p><b>Vendor text stays out.</b> Nothing here asks which engine it runs for: where the engines differ in
 * spelling the rules read every spelling, and where they differ in cost (what rewrites, what locks) the vendor's
 * own rules in {@code db/<vendor>/} judge. A fix names a vendor's safe form only as advice.
 *
 * <p><b>Read the migration on demand.</b> A rule looks at the other statements of its migration only once its
 * own statement is suspect (an ALTER TABLE, an UPDATE), and then only the first words of the others, so a migration
 * of many INSERTs costs no more than its statements.
 */
package dev.dbshift.lint.rules;
