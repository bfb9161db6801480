package dev.dbshift.sql;

import dev.dbshift.db.h2.H2ScriptDialect;
import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.db.sqlite.SqliteScriptDialect;
import dev.dbshift.testing.Pure;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Properties every dialect keeps for any input: it ends, it throws nothing but
 * {@link ScriptSyntaxException}, the raw texts give the script back byte for byte, each statement's
 * line and column point at its text, and how the Reader happens to deliver characters (one at a time,
 * into a tiny buffer) changes nothing.
 */
@Pure
class ScriptScannerProperties {

    private static final List<String> FRAGMENTS = List.of(
            "'", "\"", "`", ";", ";", ";", "--", "-- ", "-", " ", " ", "\n", "\n", "\r\n", "\t", "/*", "*/", "/*!40101 ",
            "/*M!100100 ", "$$", "$a$", "$", "#", "\\", "\\\\", "\\'", "\\G", "\\.\n", "E'", "U&'", "e", "[", "]", "(", ")",
            "BEGIN", "END", "END IF", "IF", "THEN", "CASE", "WHEN", "LOOP", "REPEAT", "WHILE", "DO", "FOR EACH ROW", "ATOMIC",
            "NOT ATOMIC", "CREATE PROCEDURE p() ", "CREATE FUNCTION f() ", "CREATE TRIGGER t ", "CREATE OR REPLACE FUNCTION ",
            "DELIMITER //\n", "DELIMITER ;\n", "delimiter $$\n", "//", "${x}", "${y:d}", "${", "$${", "}", ":", ".",
            "COPY t FROM stdin;\n", "a\tb\n", "SET standard_conforming_strings = off;", "SET sql_mode='NO_BACKSLASH_ESCAPES';",
            "\\restrict k\n", "\\i x\n", "-- dbshift:statement-begin\n", "-- dbshift:statement-end\n",
            "-- dbshift:delimiter //\n", "-- dbshift:delimiter ;\n", "SELECT 1", "INSERT INTO t VALUES (1, 'x');", "x", "é", "\uFEFF", "1", "new.end");

    private static final List<ScriptDialect> DIALECTS = List.of(new MySqlScriptDialect(), new PostgresScriptDialect(),
            new SqliteScriptDialect(), new H2ScriptDialect());

    @Provide
    Arbitrary<String> scripts() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> mutatedCorpus() {
        Arbitrary<String> base = Arbitraries.of(Corpus.allScriptTexts());
        return Combinators.combine(base, Arbitraries.longs()).as((text, seed) -> mutate(text, new Random(seed)));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("'\"`;-/*!$#\\E[]() \n{}:.aBEGINDLMTR").ofMaxLength(200);
    }

    @Property(tries = 400)
    void randomFragments(@ForAll("scripts") String script, @ForAll("dialectIndexes") int dialect, @ForAll boolean placeholders) {
        check(DIALECTS.get(dialect), script, placeholders);
    }

    @Property(tries = 300)
    void randomCharacters(@ForAll("noise") String script, @ForAll("dialectIndexes") int dialect, @ForAll boolean placeholders) {
        check(DIALECTS.get(dialect), script, placeholders);
    }

    @Property(tries = 200)
    void mutatedRealScripts(@ForAll("mutatedCorpus") String script, @ForAll("dialectIndexes") int dialect) {
        check(DIALECTS.get(dialect), script, false);
    }

    @Provide
    Arbitrary<Integer> dialectIndexes() {
        return Arbitraries.integers().between(0, DIALECTS.size() - 1);
    }

    private static void check(ScriptDialect dialect, String script, boolean placeholders) {
        ScriptOptions options = new ScriptOptions("p.sql", Map.of("x", "X;'"), placeholders);
        Outcome whole = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> run(new ScriptScanner(new StringReader(script), options, (ScriptRules) dialect)));
        Outcome trickled = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> run(new ScriptScanner(new Trickle(script), options, (ScriptRules) dialect, 4)));
        assertThat(trickled).isEqualTo(whole);
        if (whole.error == null) {
            assertThat(whole.raw).isEqualTo(script);
            for (SqlStatement s : whole.statements) {
                int offset = offsetOf(script, s.line(), s.column());
                assertThat(offset).isBetween(0, script.length() - 1);
                if (!placeholders) {
                    assertThat(script.startsWith(s.sql(), offset)).as("sql at %d:%d", s.line(), s.column()).isTrue();
                }
                assertThat(s.sql()).isNotBlank();
            }
        } else {
            assertThat(whole.raw).isEqualTo(script.substring(0, whole.raw.length()));
            assertThat(offsetOf(script, whole.error.line(), whole.error.column())).isBetween(0, script.length());
        }
    }

    private record Outcome(List<SqlStatement> statements, String raw, ScriptSyntaxException error) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && statements.equals(other.statements) && raw.equals(other.raw)
                    && String.valueOf(error == null ? null : error.getMessage())
                    .equals(String.valueOf(other.error == null ? null : other.error.getMessage()));
        }

        @Override
        public int hashCode() {
            return statements.hashCode();
        }
    }

    private static Outcome run(StatementIterator it) {
        List<SqlStatement> out = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        try {
            while (it.hasNext()) {
                SqlStatement s = it.next();
                out.add(s);
                raw.append(s.raw());
            }
            raw.append(it.trailing());
            return new Outcome(out, raw.toString(), null);
        } catch (ScriptSyntaxException e) {
            assertThat(it.hasNext()).isFalse();
            return new Outcome(out, raw.toString(), e);
        }
    }

    static int offsetOf(String script, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            at = script.indexOf('\n', at) + 1;
            if (at == 0) {
                return -1;
            }
        }
        return at + column - 1;
    }

    private static final String INSERTS = "'\";`$/*\\(-#\n{}";

    static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, INSERTS.charAt(random.nextInt(INSERTS.length())));
                default -> {
                    int end = Math.min(sb.length(), at + random.nextInt(40));
                    sb.insert(at, sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }

    /** Hands out characters one to three at a time, as a slow stream would. */
    private static final class Trickle extends Reader {
        private final String text;
        private int at;

        Trickle(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (at >= text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + at % 3), text.length() - at);
            text.getChars(at, at + n, cbuf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
