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
 * credentials ({@code postgres://u:p@h/db}) are split so the credentials never travel in the URL.
 */
package dev.dbshift.config;
