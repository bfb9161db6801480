package dev.dbshift.check;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.Settings;
import dev.dbshift.history.AppliedState;
import dev.dbshift.lint.Linter;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Problem;
import dev.dbshift.plan.Step;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptDirectives;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.StatementIterator;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The errors a script shows without running anything: text that is not in the project's encoding, a
 * binary file, another tool's single-file up/down format, an unknown placeholder, an unterminated
 * literal, comment or dollar quote, a client command dbshift cannot honour ({@code \c}, {@code \i},
 * {@code source}, {@code \.}), an unknown {@code dbshift:} directive. Every script of a plan is split
 * once, exactly as the executor will split it, before the first step runs: {@code up} then refuses
 * with exit 2 having changed nothing, instead of applying the migrations before the bad one and
 * failing half way (exit 1). {@code up --dry-run} refuses the same way, and {@code check} lists them
 * (code {@value #CODE}; {@code check} exits 2 when there is one).
 *
 * <p>{@code check} lints the migrations the next {@code up} applies in the same read ({@link LintProblems}): a
 * pending script of up to {@value #LINTED} bytes is read once into memory, checked from there and handed to the
 * linter; a larger one (a data dump) is streamed and not linted.
 *
 * <p>Cost: one more streaming pass over the pending scripts (the scanner keeps one buffer, nothing is
 * kept; the directives and the statements come from the same open, see {@code Replay}); the executor
 * reads each script again when its step runs. Reading every script once up front
 * and handing the statements to the executor was rejected: a big data script would be held in memory
 * for the whole run, and the executor (crash-resume, transactions) should not depend on this check.
 */
public final class ScriptPrecheck {
    /** The problem code {@code check} reports these under. */
    public static final String CODE = "script_error";
    /** Pending scripts up to this size are read once into memory and linted too; larger ones are streamed. */
    static final long LINTED = 4L * 1024 * 1024;

    private final ScriptDialect dialect;
    private final MigrationSource source;
    private final Settings settings;

    public ScriptPrecheck(ScriptDialect dialect, MigrationSource source, Settings settings) {
        this.dialect = dialect;
        this.source = source;
        this.settings = settings;
    }

    /** Bad input naming every bad script of {@code plan}, before anything of it runs. */
    public void refuseBadScripts(Plan plan) {
        List<String> errors = new ArrayList<>();
        for (ScriptRef s : scripts(plan)) {
            String e = error(dialect, () -> source.reader(s), settings, s);
            if (e != null) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, (errors.size() == 1 ? "a script" : errors.size() + " scripts")
                    + " of this plan cannot be run as written; nothing was run:\n  " + String.join("\n  ", errors));
        }
    }

    /** For {@code check}: the up scripts of every migration not applied yet (what the next {@code up} runs). */
    public static ProblemSource pendingScripts() {
        return ScriptPrecheck::problems;
    }

    private static List<Problem> problems(CheckInput input) throws SQLException {
        MigrationSource src = input.source();
        ScriptDialect d = input.database().scriptDialect();
        AppliedState state = input.state();
        Set<MigrationRef> toLint = new HashSet<>(LintProblems.pending(input.migrations(), state));
        Linter linter = toLint.isEmpty() ? null : ProjectLinter.of(input.database(), input.settings(),
                input.database().lintFacts(input.connection(), input.schema()));
        List<Problem> out = new ArrayList<>();
        for (MigrationRef m : input.migrations()) {
            if (m.java() != null || m.kind() == MigrationKind.JAVA || m.version() != null && state.isApplied(m.version())) {
                continue;
            }
            String version = m.version() == null ? null : m.version().toString();
            List<String> texts = new ArrayList<>();
            for (ScriptRef s : m.up()) {
                String text = toLint.contains(m) ? smallText(src, s) : null;
                String e = text == null ? error(d, () -> src.reader(s), input.settings(), s)
                        : error(d, () -> new StringReader(text), input.settings(), s);
                if (e != null) {
                    out.add(new Problem(CODE, version, e));
                }
                texts.add(e == null ? text : null);
            }
            if (toLint.contains(m) && !texts.contains(null)) {
                out.addAll(LintProblems.of(linter, m, texts));
            }
        }
        return out;
    }

    /**
     * The text of a script small enough to hold ({@link #LINTED}), read once for both this check and the linter;
     * null for a larger one (a data dump: streamed, not linted) or one that cannot be read (streamed, to say why).
     */
    private static String smallText(MigrationSource source, ScriptRef s) {
        try {
            if (s.path() == null || Files.size(s.path()) > LINTED) {
                return null;
            }
            return source.text(s);
        } catch (IOException | DbShiftException | UncheckedIOException unreadable) {
            return null;
        }
    }

    /** The scripts the plan's steps run, each once, in order. */
    private static Set<ScriptRef> scripts(Plan plan) {
        Set<ScriptRef> out = new LinkedHashSet<>();
        for (Step step : plan.steps()) {
            MigrationRef m = step.migration();
            if (m.java() == null) {
                out.addAll(step.action() == Step.Action.REVERT ? m.down() : m.up());
            }
        }
        return out;
    }

    /** What is wrong with one script, or null. */
    private static String error(ScriptDialect dialect, Opener open, Settings settings, ScriptRef s) {
        try {
            ScriptOptions options = settings.placeholderOptions().forScript(s.name(), settings.encoding());
            try (Replay r = new Replay(open.reader())) {
                ScriptDirectives.read(s.name(), r);
                try (StatementIterator it = dialect.split(r.again(), options)) {
                    while (it.hasNext()) {
                        it.next();
                    }
                }
            }
            return null;
        } catch (DbShiftException e) {
            return e.getMessage();
        } catch (IOException e) {
            return s.name() + ": cannot read: " + e.getMessage();
        } catch (UncheckedIOException e) {
            return s.name() + ": cannot read: " + e.getCause().getMessage();
        }
    }

    /** Opens a script's text. */
    private interface Opener {
        Reader reader() throws IOException;
    }

    /**
     * One read of a script for both passes: keeps what the directives pass read (the leading comments and
     * a buffer's worth after them), and {@link #again()} reads that once more, then the rest of the script.
     */
    private static final class Replay extends Reader {
        private final Reader in;
        private final StringBuilder seen = new StringBuilder();

        Replay(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                seen.append(b, off, n);
            }
            return n;
        }

        /** The script from its start: what was read so far, then the rest. */
        Reader again() {
            Reader head = new StringReader(seen.toString());
            return new Reader() {
                private boolean headDone;

                @Override
                public int read(char[] b, int off, int len) throws IOException {
                    if (!headDone) {
                        int n = head.read(b, off, len);
                        if (n > 0) {
                            return n;
                        }
                        headDone = true;
                    }
                    return in.read(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
