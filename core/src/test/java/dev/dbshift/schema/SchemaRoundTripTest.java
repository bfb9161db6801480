package dev.dbshift.schema;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;

import static dev.dbshift.schema.SchemaFixtures.changes;
import static dev.dbshift.schema.SchemaFixtures.create;
import static dev.dbshift.schema.SchemaFixtures.execute;
import static dev.dbshift.schema.SchemaFixtures.read;
import static dev.dbshift.schema.SchemaFixtures.shop;
import static dev.dbshift.schema.SchemaFixtures.writer;
import static org.assertj.core.api.Assertions.assertThat;

/** Model, DDL and diff agree with each other on every vendor. */
class SchemaRoundTripTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void modelToDdlToFreshSchemaGivesTheSameModel(Vendor vendor) throws Exception {
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            create(ca, shop(vendor), false);
            SchemaModel original = read(a, ca);
            List<String> ddl = writer(vendor).create(original);
            execute(cb, ddl);
            SchemaModel copy = read(b, cb);
            assertThat(copy.canonicalText()).isEqualTo(original.canonicalText());
            assertThat(copy).isEqualTo(original);
            assertThat(copy.checksum()).isEqualTo(original.checksum());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void diffOfADatabaseWithItselfIsEmpty(Vendor vendor) throws Exception {
        try (TestDatabase a = TestDatabase.create(vendor); Connection ca = a.connect()) {
            create(ca, shop(vendor), false);
            SchemaDiff diff = SchemaDiff.between(read(a, ca), read(a, ca));
            assertThat(diff.changes()).isEmpty();
            assertThat(writer(vendor).write(diff)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void applyingTheDiffMakesTwoSchemasEqualAndItsReverseRestoresTheFirst(Vendor vendor) throws Exception {
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            create(ca, shop(vendor), false);
            create(cb, shop(vendor), false);
            execute(cb, changes(vendor));
            SchemaModel before = read(a, ca);
            SchemaModel target = read(b, cb);
            assertThat(target.checksum()).isNotEqualTo(before.checksum());

            SchemaDiff up = SchemaDiff.between(before, target);
            assertThat(up.describe()).contains("add column").contains("drop column");
            execute(ca, writer(vendor).write(up));
            SchemaModel after = read(a, ca);
            assertThat(after.canonicalText()).isEqualTo(target.canonicalText());
            assertThat(after.checksum()).isEqualTo(target.checksum());

            SchemaDiff down = SchemaDiff.between(after, before);
            execute(ca, writer(vendor).write(down));
            assertThat(read(a, ca).canonicalText()).isEqualTo(before.canonicalText());
            assertThat(read(a, ca).checksum()).isEqualTo(before.checksum());
        }
    }
}
