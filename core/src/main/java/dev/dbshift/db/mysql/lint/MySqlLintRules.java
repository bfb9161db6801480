package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Rule;

import java.util.ArrayList;
import java.util.List;

/** The MySQL and MariaDB lint rules, as {@code MySqlDatabase.lintRules()} returns them. */
public final class MySqlLintRules {

    private MySqlLintRules() {
    }

    /** Every MySQL/MariaDB rule, in the order their findings are most useful to read. */
    public static List<Rule> all() {
        List<Rule> rules = new ArrayList<>(List.of(new AlterCopiesTable(), new ExplicitCopyOrLock(),
                new EnumValuesChanged(), new InlineReferences(), new DropIndex()));
        rules.addAll(ColumnTypeRules.all());
        rules.add(new CharsetRewrite());
        rules.add(new OnlineBlocked());
        rules.add(new GaleraDdl());
        rules.add(new GaleraMixedDdlDml());
        return List.copyOf(rules);
    }
}
