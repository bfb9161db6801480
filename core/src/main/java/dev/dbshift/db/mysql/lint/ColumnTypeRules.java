package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Level;
import dev.dbshift.lint.Rule;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules about a column's type or default, each a {@link ColumnRule}: FLOAT, zero dates, TIMESTAMP, INT AUTO_INCREMENT. */
final class ColumnTypeRules {
    private static final Set<String> APPROXIMATE = Set.of("FLOAT", "DOUBLE", "REAL");
    private static final Pattern MONEY = Pattern.compile(
            "(?i).*(price|amount|cost|total|balance|fee|money|salary|tax|payment|invoice|charge|revenue|refund|discount|wage).*");
    private static final Set<String> SMALL_INTEGERS = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER");

    private ColumnTypeRules() {
    }

    static List<Rule> all() {
        return List.of(
                new ColumnRule("mysql-float",
                        "FLOAT and DOUBLE are approximate: sums drift and equality tests fail, which money cannot afford",
                        "use DECIMAL(p,s) for exact values (money: DECIMAL(19,4)); keep FLOAT for measurements",
                        Level.INFO, ColumnTypeRules::approximate),
                new ColumnRule("mysql-zero-date",
                        "'0000-00-00' is refused under the default sql_mode (NO_ZERO_DATE, strict) and is no date to any client",
                        "use NULL for an unknown date, or a real default such as CURRENT_TIMESTAMP",
                        Level.ERROR, ColumnTypeRules::zeroDate),
                new ColumnRule("mysql-timestamp",
                        "TIMESTAMP ends on 2038-01-19 03:14:07 UTC and converts with the session time zone",
                        "use DATETIME (store UTC) for dates that may pass 2038",
                        Level.INFO, c -> c.type().equals("TIMESTAMP")
                        ? Optional.of("column " + c.name() + " is TIMESTAMP: it cannot hold dates after 2038-01-19")
                        : Optional.empty()),
                new ColumnRule("mysql-int-auto-increment",
                        "an INT AUTO_INCREMENT key runs out at 2,147,483,647 (4,294,967,295 unsigned), and widening it copies the table",
                        "use BIGINT (UNSIGNED) AUTO_INCREMENT for a key of a table that grows",
                        Level.INFO, ColumnTypeRules::autoIncrement));
    }

    private static Optional<String> approximate(MySqlDdl.Column c) {
        if (!APPROXIMATE.contains(c.type())) {
            return Optional.empty();
        }
        return Optional.of(MONEY.matcher(c.name()).matches()
                ? "column " + c.name() + " looks like money but is " + c.type() + ": use DECIMAL"
                : "column " + c.name() + " is " + c.type() + ", an approximate type");
    }

    private static Optional<String> zeroDate(MySqlDdl.Column c) {
        int def = c.indexOf("DEFAULT");
        if (def < 0 || def + 1 >= c.definition().size()) {
            return Optional.empty();
        }
        String value = c.definition().get(def + 1);
        return value.startsWith("'0000-00-00") || value.startsWith("\"0000-00-00")
                ? Optional.of("column " + c.name() + " defaults to the zero date " + value)
                : Optional.empty();
    }

    private static Optional<String> autoIncrement(MySqlDdl.Column c) {
        return SMALL_INTEGERS.contains(c.type()) && c.has("AUTO_INCREMENT")
                ? Optional.of("column " + c.name() + " is " + c.type() + " AUTO_INCREMENT: it runs out of values long before BIGINT")
                : Optional.empty();
    }
}
