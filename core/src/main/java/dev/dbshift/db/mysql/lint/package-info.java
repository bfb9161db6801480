/**
 * MySQL and MariaDB lint rules. They read a statement's tokens as the MySQL client reads them
 * ({@link dev.dbshift.db.mysql.lint.MySqlDdl}: comments skipped, quoted text kept whole, so a string literal or a
 * comment cannot fool a rule) and the server's version ({@link dev.dbshift.db.mysql.lint.MySqlServer}), because what
 * runs INSTANT, INPLACE or COPY changes from release to release ({@link dev.dbshift.db.mysql.lint.AlterAlgorithm}).
 * No full SQL parser: a token list split at top-level commas is enough to tell an ALTER's clauses and a column's
 * type, and a statement it cannot place produces no finding rather than a guess. Rules about one column definition
 * share {@link dev.dbshift.db.mysql.lint.ColumnRule}; the others are one small class each. Galera rules read the
 * node's {@code wsrep_on} and {@code wsrep_OSU_method} from the connected facts ({@code ServerFacts.settings}):
 * offline they are silent, since nothing in a script says it will run on a cluster.
 */
package dev.dbshift.db.mysql.lint;
