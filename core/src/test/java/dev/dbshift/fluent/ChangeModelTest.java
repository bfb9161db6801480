package dev.dbshift.fluent;

import dev.dbshift.schema.Column;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.PrimaryKey;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.Table;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model a fluent step carries forward keeps what the step does not touch. */
@Pure
class ChangeModelTest {

    /** A column renamed under a deferrable foreign key: the key follows the column and stays deferrable. */
    @Test
    void aRenamedColumnsForeignKeyKeepsHowItIsChecked() {
        ForeignKey key = new ForeignKey("orders_customer", List.of("customer_id"), "customer", List.of("id"), null, "CASCADE",
                "deferrable initially deferred");
        Table orders = new Table("orders", List.of(new Column("id", "integer", false, null, null, null, null),
                new Column("customer_id", "integer", true, null, null, null, null)), new PrimaryKey(null, List.of("id")),
                List.of(), List.of(key), List.of(), null);
        SchemaModel before = new SchemaModel(List.of(orders), List.of(), List.of(), List.of(), List.of(), List.of());

        SchemaModel after = new Change.RenameColumn("orders", "customer_id", "buyer_id").apply(before).after();

        assertThat(after.table("orders").orElseThrow().foreignKeys()).singleElement().satisfies(f -> {
            assertThat(f.columns()).containsExactly("buyer_id");
            assertThat(f.options()).isEqualTo("deferrable initially deferred");
            assertThat(f.onDelete()).isEqualTo("CASCADE");
        });
    }
}
