package dev.dbshift.fluent;

import dev.dbshift.DbShift;
import dev.dbshift.command.DryRun;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.execute.PlannedStep;
import dev.dbshift.execute.Report;
import dev.dbshift.plan.ValidationException;
import dev.dbshift.schema.Column;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.Table;
import dev.dbshift.schema.TableFilter;
import dev.dbshift.testing.FailedRun;
import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import static dev.dbshift.fluent.ColumnDefinition.bigint;
import static dev.dbshift.fluent.ColumnDefinition.bool;
import static dev.dbshift.fluent.ColumnDefinition.decimal;
import static dev.dbshift.fluent.ColumnDefinition.integer;
import static dev.dbshift.fluent.ColumnDefinition.timestamp;
import static dev.dbshift.fluent.ColumnDefinition.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java migrations written with the fluent schema API, on real H2, SQLite, PostgreSQL and MariaDB through
 * the facade: up builds what the catalog then reads, the generated down gives back the schema checksum
 * from before, a drop makes down refuse before anything changes, and a concurrent index runs as its
 * database needs (PostgreSQL: outside a transaction).
 */
class FluentMigrationTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create();
    private TestDatabase db;

    /** Every kind of reversible change, over a table made by SQL and holding a row. */
    static final class Shop extends FluentMigration {
        Shop() {
            super("2", "shop");
        }

        @Override
        protected void up(Schema schema) {
            schema.createTable("orders")
                    .column("id", bigint().identity())
                    .column("user_id", integer().notNull())
                    .column("total", decimal(10, 2))
                    .column("placed_at", timestamp());
            schema.table("users")
                    .addColumn("username", varchar(50).notNull().defaultTo("'anon'"))
                    .addColumn("active", bool())
                    .renameColumn("email", "mail");
            schema.table("users").addIndex("username").unique();
            schema.table("orders").addForeignKey("user_id").references("users", "id").onDelete("cascade");
        }
    }

    static final class DropEmail extends FluentMigration {
        DropEmail() {
            super("2", "drop email");
        }

        @Override
        protected void up(Schema schema) {
            schema.table("users").addColumn("nickname", varchar(20));
            schema.table("users").dropColumn("email");
        }
    }

    static final class ConcurrentIndex extends FluentMigration {
        ConcurrentIndex() {
            super("2", "email index");
        }

        @Override
        protected void up(Schema schema) {
            schema.table("users").addIndex("email").named("users_by_email").concurrently();
        }
    }

    static final class ConcurrentIndexAndColumn extends FluentMigration {
        ConcurrentIndexAndColumn() {
            super("2", "email index and a column");
        }

        @Override
        protected void up(Schema schema) {
            schema.table("users").addColumn("nickname", varchar(20));
            schema.table("users").addIndex("email").concurrently();
        }
    }

    private DbShift dbshift(FluentMigration migration) {
        // H2 upper-cases unquoted names; the fluent API writes names as given, so the SQL quotes them there
        String users = db.vendor() == Vendor.H2 ? "\"users\" (\"id\" INT PRIMARY KEY, \"email\" VARCHAR(100))"
                : "users (id INT PRIMARY KEY, email VARCHAR(100))";
        project.file("migrations/1__users.sql", "CREATE TABLE " + users + ";\n"
                + "INSERT INTO " + users.substring(0, users.indexOf('(')) + " VALUES (1, 'a@example.org');\n");
        return project.configure(db).javaMigrations(migration).noServiceLoadedJavaMigrations().load();
    }

    private SchemaModel schema() throws SQLException {
        Database database = Databases.forUrl(db.url());
        try (Connection c = db.connect()) {
            return database.schemaReader().orElseThrow().read(c, database.currentSchema(c), TableFilter.excluding(java.util.Set.of()));
        }
    }

    /** The table as the catalog spells it (H2 upper-cases the unquoted names of the SQL migration). */
    private static Table table(SchemaModel model, String name) {
        return model.tables().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElseThrow(() -> new AssertionError("no table " + name));
    }

    private static Column column(Table table, String name) {
        return table.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElseThrow(() -> new AssertionError("no column " + name));
    }

    private static String lowerName(Column c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    /** A column the fluent API named (quoted, so lower case on H2 too). */
    private String q(String column) {
        return db.vendor() == Vendor.MARIADB ? "`" + column + "`" : "\"" + column + "\"";
    }

    private long count(String sql) throws SQLException {
        return Queries.count(db, sql);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void upBuildsTheSchemaAndTheGeneratedDownRestoresIt(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        DbShift dbshift = dbshift(new Shop());
        assertThat(dbshift.up("1").success()).isTrue();
        SchemaModel before = schema();

        DryRun dry = dbshift.planUp(null);
        assertThat(dry.steps()).hasSize(1);
        assertThat(dry.steps().get(0).scripts().get(0).statements()).extracting(s -> s.sql().replace("`", "\""))
                .anyMatch(s -> s.startsWith("CREATE TABLE \"orders\""));

        Report up = dbshift.up();
        assertThat(up.success()).as(up.error()).isTrue();
        SchemaModel after = schema();
        Table orders = table(after, "orders");
        assertThat(orders.columns()).extracting(FluentMigrationTest::lowerName).containsExactly("id", "user_id", "total", "placed_at");
        assertThat(orders.primaryKey().columns()).containsExactly("id");
        assertThat(orders.column("id").orElseThrow().isIdentity()).isTrue();
        assertThat(orders.column("user_id").orElseThrow().nullable()).isFalse();
        assertThat(orders.column("total").orElseThrow().type()).isEqualTo("numeric(10,2)");
        assertThat(orders.foreignKeys()).extracting(f -> f.columns().toString().toLowerCase(Locale.ROOT),
                        f -> f.referencedTable().toLowerCase(Locale.ROOT), ForeignKey::onDelete)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("[user_id]", "users", "CASCADE"));
        assertThat(orders.indexes()).extracting(Index::name).contains("orders_user_id_idx");
        Table users = table(after, "users");
        assertThat(users.columns()).extracting(FluentMigrationTest::lowerName).containsExactlyInAnyOrder("id", "mail", "username", "active");
        assertThat(column(users, "username").nullable()).isFalse();
        assertThat(column(users, "active").type()).isEqualTo("boolean");
        assertThat(users.indexes()).filteredOn(i -> "users_username_key".equals(i.name())).singleElement()
                .satisfies(i -> assertThat(i.unique()).isTrue());
        assertThat(count("SELECT COUNT(*) FROM " + q("users") + " WHERE " + q("mail") + " = 'a@example.org' AND " + q("username") + " = 'anon'")).isEqualTo(1);

        Report down = dbshift.down("1");
        assertThat(down.success()).as(down.error()).isTrue();
        assertThat(schema().checksum()).as(schema().canonicalText()).isEqualTo(before.checksum());
        assertThat(count("SELECT COUNT(*) FROM " + q("users") + " WHERE " + q("email") + " = 'a@example.org'")).isEqualTo(1);
        assertThat(dbshift.up().success()).isTrue();
        assertThat(schema().checksum()).isEqualTo(after.checksum());
    }

    /**
     * SQLite with foreign keys on (the URL's {@code foreign_keys=true}): a change that rebuilds a table others reference
     * keeps their rows. Before, the rebuild's {@code DROP TABLE} ran in dbshift's transaction with the keys on, and the
     * {@code ON DELETE CASCADE} emptied the referencing table while the migration reported success. After it the keys
     * are on again: the next migration cannot insert an orphan.
     */
    @org.junit.jupiter.api.Test
    void anSqliteRebuildWithForeignKeysOnKeepsTheRowsThatReferenceTheTable() throws Exception {
        db = databases.start(Vendor.SQLITE);
        project.file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100));\n"
                + "INSERT INTO users VALUES (1, 'a@example.org');\n"
                + "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT REFERENCES users (id) ON DELETE CASCADE);\n"
                + "INSERT INTO orders VALUES (10, 1);\n")
                .file("migrations/3__orphan.sql", "INSERT INTO orders VALUES (11, 999);\n");
        DbShift dbshift = project.configure(db).url(db.url() + "?foreign_keys=true").javaMigrations(new DropEmail())
                .noServiceLoadedJavaMigrations().load();
        Report up = FailedRun.report(dbshift::up);
        assertThat(up.results()).hasSize(3);
        assertThat(up.results().get(1).success()).as(up.results().get(1).error()).isTrue();
        assertThat(up.error()).contains("3 (orphan)", "FOREIGN KEY constraint failed");
        assertThat(count("SELECT COUNT(*) FROM orders")).as("the referencing row stays").isEqualTo(1);
        assertThat(table(schema(), "users").columns()).extracting(FluentMigrationTest::lowerName).containsExactly("id", "nickname");
    }

    /** Adds a foreign key from orders to users: on SQLite a rebuild of orders. */
    static final class OrdersReferenceUsers extends FluentMigration {
        OrdersReferenceUsers() {
            super("2", "orders reference users");
        }

        @Override
        protected void up(Schema schema) {
            schema.table("orders").addForeignKey("user_id").references("users", "id");
        }
    }

    /**
     * A foreign key added where rows break it fails, as PostgreSQL's and MariaDB's ALTER TABLE fail. SQLite's rebuild
     * copies the rows with the keys off (its documented procedure), and ended with the key in place over an orphan row
     * and the migration reported applied: the rebuild now runs step 10 of that procedure, {@code PRAGMA
     * foreign_key_check} of the tables it rebuilt, inside its own transaction, and rows it finds fail it. Outside
     * PostgreSQL the index the key gets is made before the ALTER (or the rebuild) that fails, and stays: the failure
     * names it, and the next up stops until it is undone and repaired.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aForeignKeyAddedOverRowsThatBreakItFailsAndChangesNothing(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__tables.sql", "CREATE TABLE users (id INT PRIMARY KEY);\nINSERT INTO users VALUES (1);\n"
                + "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT);\nINSERT INTO orders VALUES (10, 1);\n"
                + "INSERT INTO orders VALUES (11, 999);\n");
        DbShift dbshift = project.configure(db).url(vendor == Vendor.SQLITE ? db.url() + "?foreign_keys=true" : db.url())
                .javaMigrations(new OrdersReferenceUsers()).noServiceLoadedJavaMigrations().load();
        assertThat(dbshift.up("1").success()).isTrue();
        SchemaModel before = schema();
        Report up = FailedRun.report(dbshift::up);
        assertThat(up.error()).contains("2 (orders reference users)");
        assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(2);
        boolean transactional = vendor == Vendor.POSTGRES;
        if (vendor == Vendor.SQLITE) {
            // the rebuild's own transaction is rolled back; the index, made before it, stays as on MariaDB and H2
            assertThat(up.error()).contains("PRAGMA foreign_key_check(\"orders\")", "1 row(s) whose foreign key has no parent",
                    "its parent in users is missing");
        }
        if (transactional) {
            assertThat(up.error()).doesNotContain("stay applied");
            assertThat(schema().checksum()).as(schema().canonicalText()).isEqualTo(before.checksum());
        } else {
            // the key's index is made first, and the ALTER that fails cannot take it back: named, and the next up stops
            assertThat(up.error()).containsIgnoringCase("1 statement(s) it ran before the failure stay applied")
                    .containsIgnoringCase("orders_user_id_idx");
            assertThatThrownBy(dbshift::up).isInstanceOf(ValidationException.class);
        }

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM orders WHERE id = 11");
            if (!transactional) {
                st.execute(vendor == Vendor.MARIADB ? "DROP INDEX orders_user_id_idx ON orders" : "DROP INDEX \"orders_user_id_idx\"");
            }
        }
        if (!transactional) {
            dbshift.historyCommands().repair(false);
        }
        Report again = dbshift.up();
        assertThat(again.success()).as(again.error()).isTrue();
        assertThat(table(schema(), "orders").foreignKeys()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDroppedColumnHasNoGeneratedDownAndDownRefusesNamingIt(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        DbShift dbshift = dbshift(new DropEmail());
        Report up = dbshift.up();
        assertThat(up.success()).as(up.error()).isTrue();
        assertThat(table(schema(), "users").columns()).extracting(FluentMigrationTest::lowerName).containsExactlyInAnyOrder("id", "nickname");
        SchemaModel applied = schema();

        assertThatThrownBy(() -> dbshift.down("1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("version 2 (drop email)")
                .hasMessageContaining("'drop column users.email'")
                .hasMessageContaining(DropEmail.class.getName())
                .hasMessageContaining("no known reverse");
        assertThat(schema().checksum()).isEqualTo(applied.checksum());
        assertThat(dbshift.current()).contains("2");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aConcurrentIndexRunsAsItsDatabaseNeedsAndGoesDownToo(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        DbShift dbshift = dbshift(new ConcurrentIndex());
        assertThat(dbshift.up("1").success()).isTrue();
        SchemaModel before = schema();

        PlannedStep planned = dbshift.planUp(null).steps().get(0);
        String sql = planned.scripts().get(0).statements().get(0).sql();
        if (vendor == Vendor.POSTGRES) {
            assertThat(planned.mode()).isEqualTo("no-transaction");
            assertThat(sql).startsWith("CREATE INDEX CONCURRENTLY \"users_by_email\"");
        } else {
            assertThat(sql).doesNotContain("CONCURRENTLY");
        }
        Report up = dbshift.up();
        assertThat(up.success()).as(up.error()).isTrue();
        assertThat(table(schema(), "users").indexes()).extracting(Index::name).contains("users_by_email");

        Report down = dbshift.down("1");
        assertThat(down.success()).as(down.error()).isTrue();
        assertThat(schema().checksum()).isEqualTo(before.checksum());
    }

    /** CONCURRENTLY cannot share a transaction, and autocommit could leave half the migration: refused on PostgreSQL only. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aConcurrentIndexWithOtherChangesIsRefusedWhereItCannotShareATransaction(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        DbShift dbshift = dbshift(new ConcurrentIndexAndColumn());
        assertThat(dbshift.up("1").success()).isTrue();
        if (vendor == Vendor.POSTGRES) {
            Report up = FailedRun.report(dbshift::up);
            assertThat(up.error()).contains("cannot run inside a transaction", "move it to a migration of its own",
                    ConcurrentIndexAndColumn.class.getName());
            assertThat(table(schema(), "users").columns()).extracting(FluentMigrationTest::lowerName).doesNotContain("nickname");
        } else {
            Report up = dbshift.up();
            assertThat(up.success()).as(up.error()).isTrue();
            assertThat(table(schema(), "users").indexes()).extracting(Index::name).contains("users_email_idx");
        }
    }
}
