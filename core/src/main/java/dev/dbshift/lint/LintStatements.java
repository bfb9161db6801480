package dev.dbshift.lint;

import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementEffect;
import dev.dbshift.sql.StatementIterator;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Splits one migration's script text with the vendor's dialect into what rules see. */
public final class LintStatements {
    /** How many leading tokens of a statement a rule sees as words (the rest it reads from the text). */
    static final int WORDS = 200;

    private LintStatements() {
    }

    /**
     * The statements of {@code text} (one migration's up script, named {@code script}), each with its migration.
     * Placeholders are left as written.
     */
    public static List<LintStatement> of(ScriptDialect dialect, String script, String text, boolean inTransaction,
                                         boolean online, boolean hasDown, LintMigration.ServerFacts facts) {
        List<SqlStatement> statements = new ArrayList<>();
        try (StatementIterator it = dialect.split(new StringReader(text), ScriptOptions.of(script))) {
            while (it.hasNext()) {
                statements.add(it.next());
            }
        }
        LintMigration migration = new LintMigration(script, List.copyOf(statements), inTransaction, online, hasDown, facts);
        List<LintStatement> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement st = statements.get(i);
            out.add(new LintStatement(st, StatementEffect.firstWords(st.sql(), WORDS), script, i + 1, migration));
        }
        return out;
    }
}
