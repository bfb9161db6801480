package dev.dbshift.sql;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Test shorthand: split a script completely and check the byte-for-byte round trip on the way. */
final class Splits {

    private Splits() {
    }

    static List<SqlStatement> split(ScriptDialect dialect, String script) {
        return split(dialect, script, ScriptOptions.of("test.sql"));
    }

    static List<SqlStatement> split(ScriptDialect dialect, String script, Map<String, String> placeholders) {
        return split(dialect, script, new ScriptOptions("test.sql", placeholders, true));
    }

    static List<SqlStatement> split(ScriptDialect dialect, String script, ScriptOptions options) {
        List<SqlStatement> out = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        try (StatementIterator it = dialect.split(new StringReader(script), options)) {
            while (it.hasNext()) {
                SqlStatement s = it.next();
                out.add(s);
                raw.append(s.raw());
            }
            raw.append(it.trailing());
        }
        assertThat(raw.toString()).isEqualTo(script);
        return out;
    }

    static List<String> sqls(ScriptDialect dialect, String script) {
        return split(dialect, script).stream().map(SqlStatement::sql).toList();
    }
}
