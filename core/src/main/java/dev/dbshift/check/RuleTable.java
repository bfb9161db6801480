package dev.dbshift.check;

import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.Rule;
import dev.dbshift.lint.rules.CommonRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule dbshift has, for every database on the class path: what {@code dbshift lint --rules} prints and the
 * README's rule table quotes (a test keeps the two equal). A rule two databases share (MySQL and MariaDB) is one row.
 */
public final class RuleTable {
    private RuleTable() {
    }

    /**
     * One row.
     *
     * @param engines {@code all}, or the databases that have it, comma-separated
     */
    public record Row(String id, String engines, Level level, String why, String fix) {
    }

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        CommonRules.all().forEach(r -> rows.add(new Row(r.id(), "all", r.level(), r.why(), r.fix())));
        Map<String, Rule> vendor = new LinkedHashMap<>();
        Map<String, List<String>> engines = new LinkedHashMap<>();
        for (Database d : Databases.all()) {
            for (Rule r : d.lintRules()) {
                vendor.putIfAbsent(r.id(), r);
                engines.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(d.name());
            }
        }
        vendor.forEach((id, r) -> rows.add(new Row(id, String.join(", ", engines.get(id)), r.level(), r.why(), r.fix())));
        return rows;
    }

    /** The rows as a Markdown table (pipes in the text escaped). */
    public static String markdown() {
        return markdown(rows());
    }

    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| rule | engines | level | why | fix |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| `").append(r.id()).append("` | ").append(r.engines()).append(" | ")
                    .append(r.level().name().toLowerCase(java.util.Locale.ROOT)).append(" | ").append(cell(r.why()))
                    .append(" | ").append(cell(r.fix())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
