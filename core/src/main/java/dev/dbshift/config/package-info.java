/**
 * Settings and where they come from. Every source (defaults, {@code dbshift.toml} top level, its
 * {@code [environments.NAME]} table, environment variables, flags) is turned into a flat map of
 * setting name to value and merged in that order; the winning source of each setting is kept, so
 * {@code dbshift env} can show it. One immutable record comes out.
 *
 * <p>Rejected: a mutable configuration object with a setter per option and its own precedence
 * rules (Flyway's 2,000-line class); global or static configuration (Liquibase's scopes). The TOML
 * file is read with Jackson's TOML module, so this package validates meaning (unknown keys, bad
 * durations, missing {@code ${env:NAME}} variables), not syntax. Passwords live in
 * {@link dev.dbshift.config.Secret}, whose {@code toString()} is a mask, and URL forms with
 * credentials ({@code postgres://u:p@h/db}, and a JDBC URL's user-info, which the drivers do not read
 * and echo in their errors) are split so the credentials never travel in the URL. Credentials split out
 * of a URL belong to it: a later source's URL drops them, so a user meant for one database never
 * follows a {@code --url} to another.
 *
 * <p>{@link dev.dbshift.config.Secrets} is the one object that knows every secret of the settings (the
 * password, and placeholders named like passwords, secrets, tokens and keys); whatever prints or stores
 * text scrubs it through that object, rather than each place guessing what a secret looks like. Masking
 * by value, not by pattern, is what catches a secret inside a driver's error or a printed statement.
 *
 * <p>The targets of critical environments ({@link dev.dbshift.config.CriticalTarget}) are resolved here,
 * from the file alone, so that {@code reset} can refuse a database by where it is, not by the name a
 * command gives it; comparing two URLs is vendor knowledge and lives in {@code db/}.
 */
package dev.dbshift.config;
