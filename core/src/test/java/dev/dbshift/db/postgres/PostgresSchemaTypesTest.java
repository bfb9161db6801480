package dev.dbshift.db.postgres;

import dev.dbshift.schema.Column;
import dev.dbshift.schema.SchemaChange;
import dev.dbshift.schema.Table;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * DDL and descriptions do not depend on the JVM's locale: under Turkish, "function".toUpperCase() is "FUNCTİON"
     * (a dotted capital I), and the writer wrote DROP FUNCTİON, which no server takes.
     */
    @Test
    void ddlAndDescriptionsAreTheSameUnderATurkishLocale() {
        java.util.Locale machine = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            dev.dbshift.schema.Routine f = new dev.dbshift.schema.Routine("f(integer)", "function", "CREATE FUNCTION f(i integer) ...");
            assertThat(new PostgresDdlWriter().write(new SchemaChange.DropRoutine(f))).containsExactly("DROP FUNCTION \"f\"(integer)");
            dev.dbshift.schema.ForeignKey fk = new dev.dbshift.schema.ForeignKey("fk", List.of("a"), "t", List.of("id"),
                    "RESTRICT", "NO ACTION", null);
            assertThat(new SchemaChange.AddForeignKey("c", fk, null).describe()).contains("on delete no action on update restrict");
        } finally {
            java.util.Locale.setDefault(machine);
        }
    }

    /** pg_get_ruledef's header names the table with its schema; only that qualifier is taken out, never the body's or the name's. */
    @Test
    void aRulesHeaderLosesItsSchemaAndNothingElse() {
        String head = "CREATE RULE r AS";
        assertThat(PostgresSchemaReader.unqualifiedRule("CREATE RULE r AS\n    ON DELETE TO public.t DO INSTEAD  UPDATE public.t SET a = 1",
                head, " TO public.")).isEqualTo("CREATE RULE r AS\n    ON DELETE TO t DO INSTEAD  UPDATE public.t SET a = 1");
        assertThat(PostgresSchemaReader.unqualifiedRule("CREATE RULE \"x TO public.y\" AS\n    ON INSERT TO \"My S\".\"T\"\n   WHERE (new.a = 1) DO NOTHING",
                "CREATE RULE \"x TO public.y\" AS", " TO \"My S\".")).isEqualTo(
                "CREATE RULE \"x TO public.y\" AS\n    ON INSERT TO \"T\"\n   WHERE (new.a = 1) DO NOTHING");
        assertThat(PostgresSchemaReader.unqualifiedRule("CREATE RULE r AS ON UPDATE TO t DO NOTHING", head, " TO public."))
                .as("already unqualified").isEqualTo("CREATE RULE r AS ON UPDATE TO t DO NOTHING");
        assertThat(PostgresSchemaReader.unqualifiedRule("CREATE RULE r AS ON UPDATE TO publicity.t DO NOTHING", head, " TO public."))
                .as("another schema whose name starts alike").isEqualTo("CREATE RULE r AS ON UPDATE TO publicity.t DO NOTHING");
    }

    @Test
    void domainsAndCompositeTypesChangeInPlaceOrAreRefusedNeverDropped() {
        PostgresDdlWriter w = new PostgresDdlWriter();
        dev.dbshift.schema.Domain qty = new dev.dbshift.schema.Domain("qty", "integer", true, "1", null,
                List.of(new dev.dbshift.schema.Check("positive", "VALUE > 0")));
        dev.dbshift.schema.Domain strict = new dev.dbshift.schema.Domain("qty", "integer", false, null, null,
                List.of(new dev.dbshift.schema.Check("positive", "VALUE > 1")));
        assertThat(w.write(new SchemaChange.AlterDomain(qty, strict))).containsExactly(
                "ALTER DOMAIN \"qty\" DROP CONSTRAINT \"positive\"", "ALTER DOMAIN \"qty\" DROP DEFAULT",
                "ALTER DOMAIN \"qty\" SET NOT NULL", "ALTER DOMAIN \"qty\" ADD CONSTRAINT \"positive\" CHECK (VALUE > 1)");
        dev.dbshift.schema.Domain wider = new dev.dbshift.schema.Domain("qty", "bigint", true, "1", null, qty.checks());
        assertThatThrownBy(() -> w.write(new SchemaChange.AlterDomain(qty, wider)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("alter domain qty: type integer -> bigint");

        Column a = new Column("a", "integer", true, null, null, null, null);
        Column b = new Column("b", "text", true, null, null, null, "C");
        Column c = new Column("c", "bigint", true, null, null, null, null);
        dev.dbshift.schema.CompositeType ab = new dev.dbshift.schema.CompositeType("pair", List.of(a, b));
        assertThat(w.write(new SchemaChange.CreateCompositeType(ab)))
                .containsExactly("CREATE TYPE \"pair\" AS (\"a\" integer, \"b\" text COLLATE \"C\")");
        assertThat(w.write(new SchemaChange.AlterCompositeType(ab, new dev.dbshift.schema.CompositeType("pair",
                List.of(new Column("b", "varchar(5)", true, null, null, null, null), c))))).containsExactly(
                "ALTER TYPE \"pair\" DROP ATTRIBUTE \"a\"", "ALTER TYPE \"pair\" ALTER ATTRIBUTE \"b\" TYPE varchar(5)",
                "ALTER TYPE \"pair\" ADD ATTRIBUTE \"c\" bigint");
        assertThatThrownBy(() -> w.write(new SchemaChange.AlterCompositeType(ab, new dev.dbshift.schema.CompositeType("pair",
                List.of(b, a))))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> w.write(new SchemaChange.AlterCompositeType(ab, new dev.dbshift.schema.CompositeType("pair",
                List.of(c, a, b))))).isInstanceOf(UnsupportedOperationException.class);
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
