package dev.dbshift.db.postgres;

import dev.dbshift.schema.Column;
import dev.dbshift.schema.SchemaChange;
import dev.dbshift.schema.Table;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL type spelling to canonical and back, and column changes as DDL: pure functions. */
@Pure
class PostgresSchemaTypesTest {

    @Test
    void typesReadCanonically() {
        assertThat(PostgresSchemaReader.type("character varying(20)")).isEqualTo("varchar(20)");
        assertThat(PostgresSchemaReader.type("character varying")).isEqualTo("varchar");
        assertThat(PostgresSchemaReader.type("character(3)")).isEqualTo("char(3)");
        assertThat(PostgresSchemaReader.type("timestamp without time zone")).isEqualTo("timestamp");
        assertThat(PostgresSchemaReader.type("timestamp(3) with time zone")).isEqualTo("timestamptz(3)");
        assertThat(PostgresSchemaReader.type("time without time zone")).isEqualTo("time");
        assertThat(PostgresSchemaReader.type("double precision")).isEqualTo("double");
        assertThat(PostgresSchemaReader.type("bytea")).isEqualTo("blob");
        assertThat(PostgresSchemaReader.type("character varying(10)[]")).isEqualTo("varchar(10)[]");
        assertThat(PostgresSchemaReader.type("numeric(10,2)")).isEqualTo("numeric(10,2)");
        assertThat(PostgresSchemaReader.checkExpression("CHECK ((total >= (0)::numeric)) NOT VALID")).isEqualTo("(total >= (0)::numeric)");
    }

    @Test
    void aColumnTypeChangeKeepsItsDefaultAroundTheCast() {
        Column from = new Column("qty", "integer", true, "0", null, null, null);
        Column to = new Column("qty", "bigint", false, "1", null, null, null);
        Table after = new Table("t", List.of(to), null, List.of(), List.of(), List.of(), null);
        assertThat(new PostgresDdlWriter().write(new SchemaChange.AlterColumn("t", from, to, after))).containsExactly(
                "ALTER TABLE \"t\" ALTER COLUMN \"qty\" DROP DEFAULT",
                "ALTER TABLE \"t\" ALTER COLUMN \"qty\" TYPE bigint USING \"qty\"::bigint",
                "ALTER TABLE \"t\" ALTER COLUMN \"qty\" SET DEFAULT 1",
                "ALTER TABLE \"t\" ALTER COLUMN \"qty\" SET NOT NULL");
    }

    @Test
    void literalsKeepLineBreaksOutOfTheScriptLayout() {
        PostgresDdlWriter writer = new PostgresDdlWriter();
        assertThat(writer.literal("it's")).isEqualTo("'it''s'");
        assertThat(writer.literal("a\n;\nb\\")).isEqualTo("E'a\\n;\\nb\\\\'");
        assertThat(writer.literal(new byte[]{1, (byte) 0xff})).isEqualTo("'\\x01ff'::bytea");
    }
}
