package dev.dbshift.schema;

import dev.dbshift.testing.Pure;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The checksum is a function of the schema, not of how the model was put together. */
@Pure
class CanonicalChecksumPropertiesTest {

    @Property
    void orderOfTablesIndexesAndColumnsDoesNotCount(@ForAll("tableLists") List<Table> tables,
                                                    @ForAll long seed) {
        SchemaModel model = model(tables);
        Random random = new Random(seed);
        List<Table> shuffled = new ArrayList<>();
        for (Table t : tables) {
            List<Column> columns = new ArrayList<>(t.columns());
            List<Index> indexes = new ArrayList<>(t.indexes());
            Collections.shuffle(columns, random);
            Collections.shuffle(indexes, random);
            shuffled.add(new Table(t.name(), columns, t.primaryKey(), indexes, t.foreignKeys(), t.checks(), t.collation()));
        }
        Collections.shuffle(shuffled, random);
        assertThat(model(shuffled).checksum()).isEqualTo(model.checksum());
    }

    @Property
    void anyChangeToAColumnChangesTheChecksum(@ForAll("tables") Table table, @ForAll("columns") Column replacement) {
        Column first = table.columns().get(0);
        Column changed = new Column(first.name(), replacement.type(), replacement.nullable(), replacement.defaultValue(),
                replacement.generated(), replacement.identity(), replacement.collation());
        List<Column> columns = new ArrayList<>(table.columns());
        columns.set(0, changed);
        SchemaModel before = model(List.of(table));
        SchemaModel after = model(List.of(table.withColumns(columns)));
        assertThat(after.checksum().equals(before.checksum())).isEqualTo(changed.equals(first));
    }

    /** The checksum is hashed object by object as the text is written; it must be the hash of the whole text. */
    @Property
    void theChecksumIsTheHashOfTheCanonicalText(@ForAll("tableLists") List<Table> tables) throws Exception {
        SchemaModel model = model(tables);
        byte[] whole = java.security.MessageDigest.getInstance("SHA-256")
                .digest(model.canonicalText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(model.checksum()).isEqualTo("s9:" + java.util.HexFormat.of().formatHex(whole));
    }

    /**
     * Any characters (non-ASCII, control characters, unpaired surrogates): the checksum, hashed through a reused
     * buffer when the text is ASCII, is the hash of the text's UTF-8 bytes.
     */
    @Property
    void anyNameHashesAsItsUtf8Text(@ForAll("anyStrings") String name) throws Exception {
        SchemaModel model = model(List.of(new Table(name, List.of(column(name + "\uD800")), null, List.of(), List.of(),
                List.of(), null)));
        byte[] whole = java.security.MessageDigest.getInstance("SHA-256")
                .digest(model.canonicalText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(model.checksum()).isEqualTo("s9:" + java.util.HexFormat.of().formatHex(whole));
    }

    @Provide
    Arbitrary<String> anyStrings() {
        return Arbitraries.strings().all().ofMaxLength(12);
    }

    @Property
    void namesCannotForgeLines(@ForAll String a, @ForAll String b) {
        SchemaModel one = model(List.of(new Table(a + "\n" + b, List.of(column("c")), null, List.of(), List.of(), List.of(), null)));
        SchemaModel two = model(List.of(new Table(a, List.of(column("c")), null, List.of(), List.of(), List.of(), null),
                new Table(b, List.of(column("c")), null, List.of(), List.of(), List.of(), null)));
        assertThat(one.checksum()).isNotEqualTo(two.checksum());
    }

    private static Column column(String name) {
        return new Column(name, "integer", true, null, null, null, null);
    }

    @Provide
    Arbitrary<List<Table>> tableLists() {
        return tables().list().ofMaxSize(6).uniqueElements(Table::name);
    }

    @Provide
    Arbitrary<Table> tables() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<List<Column>> columns = columns().list().ofMinSize(1).ofMaxSize(6)
                .uniqueElements(Column::name);
        return Combinators.combine(names, columns).as((name, cols) -> {
            List<Index> indexes = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                indexes.add(new Index(name + "_ix" + i, i % 2 == 0, List.of(Index.Part.column(cols.get(i).name())), null, null));
            }
            return new Table(name, cols, new PrimaryKey(null, List.of(cols.get(0).name())), indexes, List.of(), List.of(), null);
        });
    }

    @Provide
    Arbitrary<Column> columns() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> types = Arbitraries.of("integer", "bigint", "varchar(20)", "text", "numeric(10,2)");
        Arbitrary<String> defaults = Arbitraries.of("0", "'x'", "now()").injectNull(0.5);
        return Combinators.combine(names, types, Arbitraries.of(true, false), defaults, Arbitraries.of(true, false))
                .as((n, t, nullable, d, identity) -> new Column(n, t, nullable, d, null, identity ? Column.Identity.BY_DEFAULT : null, null));
    }

    private static SchemaModel model(List<Table> tables) {
        return new SchemaModel(tables, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
