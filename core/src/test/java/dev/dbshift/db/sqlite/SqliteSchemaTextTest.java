package dev.dbshift.db.sqlite;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scanner over SQLite's stored CREATE statements: quotes and parentheses never confuse it. */
@Pure
class SqliteSchemaTextTest {

    private static final String TABLE = "CREATE TABLE \"odd, name\" (\n"
            + "  \"id\" integer PRIMARY KEY AUTOINCREMENT,\n"
            + "  [label] text DEFAULT 'a, (b) CHECK (x)' COLLATE nocase CHECK (length(label) > 0),\n"
            + "  `total` numeric(10,2) GENERATED ALWAYS AS (price * (1 + tax)) STORED,\n"
            + "  CONSTRAINT \"positive total\" CHECK (total >= 0),\n"
            + "  UNIQUE (label, total)\n"
            + ") WITHOUT ROWID";

    @Test
    void itemsSplitOnlyAtTopLevelCommas() {
        List<String> items = SqliteSchemaText.items(TABLE);
        assertThat(items).hasSize(5);
        assertThat(items.get(1)).startsWith("[label] text DEFAULT 'a, (b) CHECK (x)'");
        assertThat(SqliteSchemaText.afterItems(TABLE)).isEqualTo("WITHOUT ROWID");
    }

    @Test
    void namesChecksCollationsAndGeneratedExpressions() {
        List<String> items = SqliteSchemaText.items(TABLE);
        assertThat(SqliteSchemaText.unquote(SqliteSchemaText.firstToken(items.get(0)))).isEqualTo("id");
        assertThat(SqliteSchemaText.unquote(SqliteSchemaText.firstToken(items.get(1)))).isEqualTo("label");
        assertThat(SqliteSchemaText.checks(items.get(1))).containsExactly(new SqliteSchemaText.CheckText(null, "length(label) > 0"));
        assertThat(SqliteSchemaText.collation(items.get(1))).isEqualTo("nocase");
        assertThat(SqliteSchemaText.generated(items.get(2))).containsExactly("price * (1 + tax)", "stored");
        assertThat(SqliteSchemaText.isTableConstraint(items.get(3))).isTrue();
        assertThat(SqliteSchemaText.checks(items.get(3))).containsExactly(new SqliteSchemaText.CheckText("positive total", "total >= 0"));
        assertThat(SqliteSchemaText.isTableConstraint(items.get(4))).isTrue();
        assertThat(SqliteSchemaText.autoincrement(TABLE)).isTrue();
        assertThat(SqliteSchemaText.autoincrement("CREATE TABLE t (note text DEFAULT 'autoincrement')")).isFalse();
    }

    /** When and on what a trigger fires, however its name is written, with SQLite's default timing where none is. */
    @Test
    void whenATriggerFires() {
        assertThat(SqliteSchemaText.triggerFires("CREATE TRIGGER t1 AFTER INSERT ON t BEGIN SELECT 1; END")).isEqualTo("AFTER INSERT");
        assertThat(SqliteSchemaText.triggerFires("create temp trigger if not exists main.\"a b\" update of x, y on t begin select 1; end"))
                .isEqualTo("BEFORE UPDATE");
        assertThat(SqliteSchemaText.triggerFires("CREATE TRIGGER [before] /* c */ INSTEAD OF DELETE ON v BEGIN SELECT 1; END"))
                .isEqualTo("INSTEAD OF DELETE");
        assertThat(SqliteSchemaText.triggerFires("CREATE TRIGGER `x` -- c\n BEFORE DELETE ON t BEGIN SELECT 1; END")).isEqualTo("BEFORE DELETE");
        assertThat(SqliteSchemaText.triggerFires("CREATE TABLE t (x)")).isNull();
    }

    @Test
    void indexExpressionsPredicatesAndViewQueries() {
        String index = "CREATE UNIQUE INDEX ix ON t (lower(name) COLLATE nocase DESC, \"a b\" ASC) WHERE deleted_at IS NULL AND x IN (1, 2)";
        assertThat(SqliteSchemaText.indexExpressions(index)).containsExactly("lower(name)", "\"a b\"");
        assertThat(SqliteSchemaText.indexPredicate(index)).isEqualTo("deleted_at IS NULL AND x IN (1, 2)");
        assertThat(SqliteSchemaText.indexPredicate("CREATE INDEX ix ON t (a)")).isNull();
        assertThat(SqliteSchemaText.viewQuery("CREATE VIEW \"as\" (a) AS SELECT 'AS' AS a")).isEqualTo("SELECT 'AS' AS a");
        assertThat(SqliteSchemaText.viewQuery("create view data as select 1")).isEqualTo("select 1");
    }
}
