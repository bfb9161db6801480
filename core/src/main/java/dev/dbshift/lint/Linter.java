package dev.dbshift.lint;

import dev.dbshift.DbShiftException;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptDirectives;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lints migrations: splits each up script with the database's dialect, reads its directives the way the executor
 * does, runs every rule whose level is not {@code off} on every statement, applies the project's {@code [lint]}
 * levels and drops what the script suppresses ({@link Suppressions}). Pure: no connection; what is known of the
 * server comes in as {@link LintMigration.ServerFacts}. It knows no database and no settings (the database's SPI
 * returns this package's rules, so this package stays below {@code db/} and {@code config/}): which rules, which
 * dialect and which facts is {@code check/ProjectLinter}'s to say.
 */
public final class Linter {
    private final ScriptDialect dialect;
    private final boolean transactionalDdl;
    private final List<Rule> rules;
    private final Map<String, Level> levels = new LinkedHashMap<>();
    private final Set<String> ids = new LinkedHashSet<>();
    private final LintMigration.ServerFacts facts;

    /**
     * @param dialect          how the database splits a script
     * @param transactionalDdl whether the database runs a migration in one transaction (else every statement commits)
     * @param levels           the project's {@code [lint]} levels by rule id ({@code error}, {@code warn}, {@code info}, {@code off})
     * @throws DbShiftException (bad input) when {@code levels} names a rule that is not among {@code rules}
     */
    public Linter(ScriptDialect dialect, boolean transactionalDdl, List<Rule> rules, Map<String, String> levels,
                  LintMigration.ServerFacts facts) {
        this.dialect = dialect;
        this.transactionalDdl = transactionalDdl;
        this.rules = List.copyOf(rules);
        for (Rule r : rules) {
            ids.add(r.id());
            this.levels.put(r.id(), r.level());
        }
        levels.forEach((id, level) -> {
            if (!ids.contains(id)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "dbshift.toml [lint] " + id + ": no such rule"
                        + " for this database (known: " + String.join(", ", ids) + ")");
            }
            this.levels.put(id, Level.valueOf(level.toUpperCase(Locale.ROOT)));
        });
        this.facts = facts;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The level a finding of {@code rule} has in this project. */
    public Level level(String rule) {
        return levels.getOrDefault(rule, Level.ERROR);
    }

    public LintMigration.ServerFacts facts() {
        return facts;
    }

    /**
     * The findings of the up scripts of {@code migrations} (Java migrations have none to read), in the order given,
     * then by line. A repeatable migration counts as having a down script: it has none by design.
     *
     * @throws DbShiftException (bad input) when a script cannot be read or split
     */
    public List<Finding> lint(MigrationSource source, List<MigrationRef> migrations) {
        List<Finding> out = new ArrayList<>();
        for (MigrationRef m : migrations) {
            if (m.java() == null) {
                out.addAll(lint(m, m.up().stream().map(s -> text(source, s)).toList()));
            }
        }
        return out;
    }

    /**
     * The findings of one migration whose up scripts' texts were read already ({@code texts} in the order of
     * {@code m.up()}): its directives decide whether it runs in one transaction and online, as the executor decides.
     */
    public List<Finding> lint(MigrationRef m, List<String> texts) {
        boolean noTransaction = false;
        boolean online = false;
        for (int i = 0; i < texts.size(); i++) {
            ScriptDirectives d = ScriptDirectives.parse(m.up().get(i).name(), texts.get(i));
            noTransaction |= d.noTransaction();
            online |= d.online();
        }
        boolean inTransaction = transactionalDdl && !noTransaction;
        boolean hasDown = m.version() == null || m.hasDown();
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.addAll(lintScript(m.up().get(i).name(), texts.get(i), inTransaction, online, hasDown));
        }
        return out;
    }

    /** The findings of one up script, by line and column. */
    public List<Finding> lintScript(String script, String text, boolean inTransaction, boolean online, boolean hasDown) {
        Suppressions suppressions = Suppressions.read(script, text, ids);
        List<Finding> out = new ArrayList<>(suppressions.errors());
        for (LintStatement st : LintStatements.of(dialect, script, text, inTransaction, online, hasDown, facts)) {
            int first = st.statement().line();
            int last = first + (int) st.statement().sql().chars().filter(c -> c == '\n').count();
            for (Rule rule : rules) {
                Level level = levels.get(rule.id());
                if (level == Level.OFF) {
                    continue;
                }
                for (Finding f : rule.check(st)) {
                    if (!suppressions.suppresses(f.rule(), first, last)) {
                        out.add(new Finding(f.rule(), levels.getOrDefault(f.rule(), level), f.file(), f.line(), f.column(),
                                f.message(), f.fix()));
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return out;
    }

    private static String text(MigrationSource source, ScriptRef s) {
        try {
            return source.text(s);
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + e.getMessage(), e);
        }
    }
}
