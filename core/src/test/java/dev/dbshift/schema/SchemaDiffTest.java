package dev.dbshift.schema;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The diff on models alone: no database. */
@Pure
class SchemaDiffTest {

    private static Column col(String name, String type) {
        return new Column(name, type, true, null, null, null, null);
    }

    private static Table table(String name, Column... columns) {
        return new Table(name, List.of(columns), new PrimaryKey(null, List.of(columns[0].name())), List.of(), List.of(), List.of(), null);
    }

    private static SchemaModel model(Table... tables) {
        return new SchemaModel(List.of(tables), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static SchemaModel withTriggers(Trigger... triggers) {
        return new SchemaModel(List.of(table("t", col("id", "integer"))), List.of(), List.of(), List.of(triggers), List.of(), List.of());
    }

    private static Trigger trigger(String name, String follows) {
        return new Trigger(name, "t", "CREATE TRIGGER `" + name + "` BEFORE INSERT ON `t` FOR EACH ROW SET @x = 1", null, follows);
    }

    /**
     * Triggers that fire in the order they were made (MySQL/MariaDB) are made in their order, and every one after the
     * first that changes is made again, as one made alone fires after those already there; those before it stay.
     */
    @Test
    void triggersFiringInTheOrderMadeAreMadeAgainFromTheFirstThatChanges() {
        java.util.function.BiFunction<SchemaModel, SchemaModel, List<String>> steps = (from, to) -> SchemaDiff.between(from, to)
                .changes().stream().filter(c -> c instanceof SchemaChange.DropTrigger || c instanceof SchemaChange.CreateTrigger)
                .map(c -> c instanceof SchemaChange.DropTrigger d ? "drop " + d.trigger().name()
                        : "create " + ((SchemaChange.CreateTrigger) c).trigger().name()).toList();
        SchemaModel ab = withTriggers(trigger("a", null), trigger("b", "a"));
        assertThat(steps.apply(SchemaModel.empty(), withTriggers(trigger("z", null), trigger("a", "z"), trigger("m", "a"))))
                .containsExactly("create z", "create a", "create m");
        assertThat(steps.apply(ab, withTriggers(trigger("a", null), trigger("b", "a"), trigger("c", "b"))))
                .as("one added last: the others stay").containsExactly("create c");
        assertThat(steps.apply(ab, withTriggers(trigger("a", null), trigger("c", "a"), trigger("b", "c"))))
                .as("one added between: the one after it is made again after it").containsExactly("drop b", "create c", "create b");
        assertThat(steps.apply(ab, withTriggers(trigger("b", null), trigger("a", "b"))))
                .as("the order turned round").containsExactly("drop a", "drop b", "create b", "create a");
        assertThat(steps.apply(withTriggers(trigger("a", null), trigger("x", "a"), trigger("b", "x")), ab))
                .as("one between dropped").containsExactly("drop b", "drop x", "create b");
        assertThat(steps.apply(ab, withTriggers(trigger("x", null), trigger("a", "x"), trigger("b", "a"))))
                .as("one added first: all after it made again, though the last follows the same one")
                .containsExactly("drop a", "drop b", "create x", "create a", "create b");
        assertThat(steps.apply(ab, ab)).isEmpty();
    }

    @Test
    void aColumnThatLooksRenamedIsDropAndAddWithADataLossWarning() {
        SchemaModel before = model(table("users", col("id", "integer"), col("mail", "varchar(100)")));
        SchemaModel after = model(table("users", col("id", "integer"), col("email", "varchar(100)")));
        SchemaDiff diff = SchemaDiff.between(before, after);
        assertThat(diff.changes()).hasSize(2);
        assertThat(diff.changes().get(0)).isInstanceOf(SchemaChange.AddColumn.class);
        assertThat(diff.changes().get(1)).isInstanceOf(SchemaChange.DropColumn.class);
        assertThat(diff.warnings()).singleElement().asString()
                .contains("users.mail looks renamed to email").contains("loses its data");
        assertThat(diff.describe()).contains("add column users.email varchar(100)", "drop column users.mail", "! column users.mail");
    }

    @Test
    void aDroppedColumnWithoutLookalikeStillWarns() {
        SchemaModel before = model(table("users", col("id", "integer"), col("mail", "varchar(100)")));
        SchemaModel after = model(table("users", col("id", "integer"), col("age", "integer")));
        assertThat(SchemaDiff.between(before, after).warnings()).singleElement().asString()
                .isEqualTo("dropping column users.mail loses its data");
    }

    @Test
    void aTableThatLooksRenamedWarnsToo() {
        SchemaModel before = model(table("people", col("id", "integer")));
        SchemaModel after = model(table("persons", col("id", "integer")));
        assertThat(SchemaDiff.between(before, after).warnings()).singleElement().asString().contains("people looks renamed to persons");
    }

    @Test
    void columnOrderIsNoDifference() {
        SchemaModel before = model(table("t", col("a", "integer"), col("b", "text")));
        SchemaModel after = model(new Table("t", List.of(col("b", "text"), col("a", "integer")),
                new PrimaryKey(null, List.of("a")), List.of(), List.of(), List.of(), null));
        assertThat(SchemaDiff.between(before, after).isEmpty()).isTrue();
        assertThat(before.checksum()).isEqualTo(after.checksum());
    }

    @Test
    void viewsAreCreatedAfterTheViewsTheyUse() {
        View base = new View("base_v", "select 1 as x", false);
        View top = new View("top_v", "select x from base_v", false);
        SchemaModel to = new SchemaModel(List.of(), List.of(top, base), List.of(), List.of(), List.of(), List.of());
        SchemaDiff diff = SchemaDiff.between(SchemaModel.empty(), to);
        assertThat(diff.changes()).extracting(SchemaChange::describe).containsExactly("create view base_v", "create view top_v");
        assertThat(diff.reverse().changes()).extracting(SchemaChange::describe).containsExactly("drop view top_v", "drop view base_v");
    }

    @Test
    void foreignKeysComeAfterEveryTableTheyJoin() {
        Table parent = table("parent", col("id", "integer"));
        Table child = new Table("child", List.of(col("id", "integer"), col("parent_id", "integer")), null, List.of(),
                List.of(new ForeignKey("child_parent_fk", List.of("parent_id"), "parent", List.of("id"), null, "CASCADE")),
                List.of(), null);
        SchemaDiff diff = SchemaDiff.between(SchemaModel.empty(), model(child, parent));
        assertThat(diff.changes()).extracting(SchemaChange::describe).containsExactly(
                "create table child (2 columns)", "create table parent (1 columns)",
                "add foreign key child_parent_fk child[parent_id] -> parent[id] on delete cascade on update no action");
    }
}
