package dev.dbshift.schema;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.dbshift.schema.SchemaFixtures.execute;
import static dev.dbshift.schema.SchemaFixtures.read;
import static dev.dbshift.schema.SchemaFixtures.writer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random schemas through real databases: a model written as DDL and read back is the model read,
 * and the diff between two random, related schemas turns one into the other, on every vendor.
 */
class SchemaRoundTripPropertiesTest {

    private static final List<String> TYPES = List.of("integer", "bigint", "smallint", "varchar(20)", "varchar(200)",
            "numeric(10,2)", "text", "boolean", "date", "timestamp", "double");

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    void aRandomSchemaSurvivesDdlAndBack(@ForAll Vendor vendor, @ForAll("seeds") long seed) throws Exception {
        SchemaModel generated = randomModel(new Random(seed));
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            execute(ca, writer(vendor).create(generated));
            SchemaModel read = read(a, ca);
            assertThat(read.tables()).extracting(t -> t.name()).isEqualTo(generated.tables().stream().map(Table::name).toList());
            execute(cb, writer(vendor).create(read));
            SchemaModel again = read(b, cb);
            assertThat(again.canonicalText()).isEqualTo(read.canonicalText());
            assertThat(SchemaDiff.between(read, again).isEmpty()).isTrue();
        }
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    void theDiffOfTwoRandomSchemasTurnsOneIntoTheOther(@ForAll Vendor vendor, @ForAll("seeds") long seed) throws Exception {
        Random random = new Random(seed);
        SchemaModel first = randomModel(random);
        SchemaModel second = mutate(first, random);
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            execute(ca, writer(vendor).create(first));
            execute(cb, writer(vendor).create(second));
            SchemaModel from = read(a, ca);
            SchemaModel to = read(b, cb);
            SchemaDiff diff = SchemaDiff.between(from, to);
            execute(ca, writer(vendor).write(diff));
            assertThat(read(a, ca).canonicalText()).as(diff.describe()).isEqualTo(to.canonicalText());
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static String name(Random r, String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        int length = 1 + r.nextInt(6);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static boolean indexable(String type) {
        return !type.equals("text");
    }

    private static Column randomColumn(Random r, String name) {
        String type = TYPES.get(r.nextInt(TYPES.size()));
        String dflt = null;
        if (r.nextInt(3) == 0) {
            dflt = switch (type) {
                case "integer", "bigint", "smallint" -> "42";
                case "varchar(20)", "varchar(200)" -> "'x'";
                default -> null;
            };
        }
        return new Column(name, type, r.nextBoolean(), dflt, null, null, null);
    }

    static SchemaModel randomModel(Random r) {
        List<Table> tables = new ArrayList<>();
        Set<String> tableNames = new LinkedHashSet<>();
        int count = 1 + r.nextInt(4);
        while (tableNames.size() < count) {
            tableNames.add(name(r, "t_"));
        }
        for (String tableName : tableNames) {
            List<Column> columns = new ArrayList<>();
            columns.add(new Column("id", "integer", false, null, null, null, null));
            Set<String> names = new LinkedHashSet<>(List.of("id"));
            int n = 1 + r.nextInt(5);
            while (names.size() <= n) {
                String c = name(r, "c_");
                if (names.add(c)) {
                    columns.add(randomColumn(r, c));
                }
            }
            List<Index> indexes = new ArrayList<>();
            for (Column c : columns.subList(1, columns.size())) {
                if (indexable(c.type()) && r.nextInt(3) == 0) {
                    indexes.add(new Index(tableName + "_" + c.name() + "_ix", r.nextInt(4) == 0,
                            List.of(new Index.Part(c.name(), null, r.nextBoolean(), null)), null, null));
                }
            }
            List<ForeignKey> foreignKeys = new ArrayList<>();
            if (!tables.isEmpty() && r.nextBoolean()) {
                Table parent = tables.get(r.nextInt(tables.size()));
                columns.add(new Column("parent_id", "integer", true, null, null, null, null));
                foreignKeys.add(new ForeignKey(tableName + "_parent_fk", List.of("parent_id"), parent.name(), List.of("id"),
                        "NO ACTION", r.nextBoolean() ? "CASCADE" : "SET NULL"));
                indexes.add(new Index(tableName + "_parent_ix", false, List.of(Index.Part.column("parent_id")), null, null));
            }
            tables.add(new Table(tableName, columns, new PrimaryKey(null, List.of("id")), indexes, foreignKeys, List.of(), null));
        }
        return new SchemaModel(tables, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A related schema: columns added, dropped, retyped, made (not) null, defaults changed; indexes added, dropped, made unique; a table added or dropped. */
    static SchemaModel mutate(SchemaModel model, Random r) {
        List<Table> out = new ArrayList<>();
        Set<String> referenced = new LinkedHashSet<>();
        model.tables().forEach(t -> t.foreignKeys().forEach(f -> referenced.add(f.referencedTable())));
        for (Table t : model.tables()) {
            if (!referenced.contains(t.name()) && r.nextInt(5) == 0) {
                continue;   // dropped
            }
            Set<String> indexed = new LinkedHashSet<>();
            t.indexes().forEach(i -> indexed.addAll(i.columnNames()));
            List<Column> columns = new ArrayList<>();
            for (Column c : t.columns()) {
                boolean fixed = c.name().equals("id") || c.name().equals("parent_id") || indexed.contains(c.name());
                int roll = r.nextInt(6);
                if (!fixed && roll == 0) {
                    continue;   // dropped
                } else if (!fixed && roll == 1) {
                    String type = c.type().equals("varchar(20)") ? "varchar(200)" : c.type().equals("integer") ? "bigint" : c.type();
                    columns.add(new Column(c.name(), type, c.nullable(), c.defaultValue(), null, null, null));
                } else if (!fixed && roll == 2) {
                    columns.add(new Column(c.name(), c.type(), !c.nullable(), c.defaultValue(), null, null, null));
                } else if (!fixed && roll == 3 && c.type().startsWith("varchar")) {
                    columns.add(new Column(c.name(), c.type(), c.nullable(), c.defaultValue() == null ? "'y'" : null, null, null, null));
                } else {
                    columns.add(c);
                }
            }
            if (r.nextBoolean()) {
                columns.add(new Column(name(r, "n_"), "varchar(20)", true, null, null, null, null));
            }
            List<Index> indexes = new ArrayList<>();
            for (Index i : t.indexes()) {
                boolean forForeignKey = i.columnNames().contains("parent_id");
                if (forForeignKey || r.nextInt(4) != 0) {
                    indexes.add(i.unique() || forForeignKey || r.nextInt(4) != 0 ? i
                            : new Index(i.name(), true, i.parts(), i.predicate(), i.method()));
                }
            }
            for (Column c : columns) {
                if (!indexed.contains(c.name()) && !c.name().equals("id") && indexable(c.type()) && r.nextInt(4) == 0) {
                    indexes.add(new Index(t.name() + "_" + c.name() + "_nx", false, List.of(Index.Part.column(c.name())), null, null));
                }
            }
            out.add(new Table(t.name(), columns, t.primaryKey(), indexes, t.foreignKeys(), t.checks(), t.collation()));
        }
        if (r.nextBoolean()) {
            Table extra = randomModel(r).tables().get(0);
            if (out.stream().noneMatch(t -> t.name().equals(extra.name()))) {
                out.add(new Table(extra.name(), extra.columns().stream().filter(c -> !c.name().equals("parent_id")).toList(),
                        extra.primaryKey(), extra.indexes().stream().filter(i -> !i.columnNames().contains("parent_id")).toList(),
                        List.of(), List.of(), null));
            }
        }
        return new SchemaModel(out, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
