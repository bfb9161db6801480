/**
 * Settings and where they come from. Every source (defaults, {@code dbshift.toml} top level, its
 * {@code [environments.NAME]} table, environment variables, flags) is turned into a flat map of
 * setting name to value and merged in that order; the winning source of each setting is kept, so
 * {@code dbshift env} can show it. One immutable record comes out.
 *
 * <p>Every setting is one line of the {@link dev.dbshift.config.Setting} table: its name (which is also its
 * {@code DBSHIFT_<NAME>} variable and its {@code --name} flag), its default, how any source's value is read into
 * its type, and how {@code dbshift env} shows it. The sources ({@code SettingsFile}, {@code SettingSource}), the
 * merge ({@code SettingsLoader}) and {@code dbshift env} go by that table, so adding a setting is a line there
 * and the code that uses it (it used to be six places: the key list, the defaults, the parsing, the record,
 * its copy method and the env command). Rejected: an annotation-driven binder (the table is read at a glance
 * and needs no reflection), and one record component per setting (every new setting changed the record's
 * constructor and every call of it).
 *
 * <p>No class here knows a database product. Which URL forms ({@code scheme://}, a DSN told by its port, a
 * file database's {@code scheme:path}) mean which database, and which URLs name a file of the project, are
 * each database's {@link dev.dbshift.db.Database#urlForm()} and {@link dev.dbshift.db.Database#inProject};
 * {@code ConnectionUrls} only takes the forms apart and splits out their credentials. The one vendor string
 * left is the embedded default URL ({@code Setting.DEFAULT_URL}), the value no source gives.
 *
 * <p>Rejected: a mutable configuration object with a setter per option and its own precedence
 * rules (Flyway's 2,000-line class); global or static configuration (Liquibase's scopes). The TOML
 * file is read with Jackson's TOML module, so this package validates meaning (unknown keys, bad
 * durations, missing {@code ${env:NAME}} variables), not syntax; through the module's parser into a tree
 * ({@code Toml}), not an {@code ObjectMapper}, whose construction was most of the settings step of every
 * command's start. Passwords live in
 * {@link dev.dbshift.config.Secret}, whose {@code toString()} is a mask, and URL forms with
 * credentials ({@code scheme://u:p@h/db}, and a JDBC URL's user-info, which the drivers do not read
 * and echo in their errors) are split so the credentials never travel in the URL. Credentials split out
 * of a URL belong to it: a later source's URL drops them, so a user meant for one database never
 * follows a {@code --url} to another.
 *
 * <p>{@link dev.dbshift.config.Secrets} is the one object that knows every secret of the settings (the
 * password, and placeholders named like passwords, secrets, tokens and keys); whatever prints or stores
 * text scrubs it through that object, rather than each place guessing what a secret looks like. Masking
 * by value, not by pattern, is what catches a secret inside a driver's error or a printed statement.
 *
 * <p>The {@code [lint]} table ({@link dev.dbshift.config.LintSettings}: rule levels, the declared server version) is
 * a top-level-only setting like {@code critical_environments}: it describes the project's scripts, not a target.
 * Only its form is checked here; whether a rule id exists is the linter's to say, as only it knows the rules of the
 * configured database.
 *
 * <p>The targets of critical environments ({@link dev.dbshift.config.CriticalTarget}) are resolved here,
 * from the file alone, so that {@code reset} can refuse a database by where it is, not by the name a
 * command gives it; comparing two URLs is vendor knowledge and lives in {@code db/}.
 *
 * <p>migratore's connection variables ({@link dev.dbshift.config.MigratoreVariables}: {@code HOST},
 * {@code PORT}, {@code UNIX_SOCKET}, {@code DB}, {@code USERNAME}, {@code PASSWORD}) are not a layer: they are
 * read after the merge, only when the URL is still the default and {@code DB} is set. Shells set {@code HOST}
 * and {@code USERNAME} for their own reasons, so as a layer they would redirect a project that names its
 * database in {@code dbshift.toml}, or switch the embedded default to a server; a dbshift setting always wins.
 */
package dev.dbshift.config;
