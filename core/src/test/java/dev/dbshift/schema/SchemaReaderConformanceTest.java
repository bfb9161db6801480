package dev.dbshift.schema;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import static dev.dbshift.schema.SchemaFixtures.create;
import static dev.dbshift.schema.SchemaFixtures.execute;
import static dev.dbshift.schema.SchemaFixtures.n;
import static dev.dbshift.schema.SchemaFixtures.read;
import static dev.dbshift.schema.SchemaFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

/** Every vendor's reader, on the same shop schema. */
class SchemaReaderConformanceTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void readsTablesColumnsKeysIndexesAndViews(Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor); Connection c = db.connect()) {
            create(c, shop(vendor), false);
            SchemaModel model = read(db, c);

            assertThat(model.tables()).extracting(Table::name).containsExactlyElementsOf(vendor == Vendor.POSTGRES
                    ? List.of("customers", "events", "events_2024", "events_2025", "notes", "orders")
                    : List.of(n(vendor, "customers"), n(vendor, "notes"), n(vendor, "orders")));
            Table orders = model.table(n(vendor, "orders")).orElseThrow();
            assertThat(orders.columns()).extracting(Column::name).containsExactly(n(vendor, "id"), n(vendor, "customer_id"),
                    n(vendor, "total"), n(vendor, "status"), n(vendor, "note"), n(vendor, "total_with_tax"));
            Column total = orders.column(n(vendor, "total")).orElseThrow();
            assertThat(total.type()).isEqualTo("numeric(10,2)");
            assertThat(total.nullable()).isFalse();
            assertThat(total.defaultValue()).isNotNull();
            assertThat(orders.column(n(vendor, "status")).orElseThrow().type()).isEqualTo("varchar(20)");
            assertThat(orders.column(n(vendor, "status")).orElseThrow().nullable()).isTrue();
            assertThat(orders.column(n(vendor, "total_with_tax")).orElseThrow().generated()).isNotNull();
            assertThat(orders.column(n(vendor, "id")).orElseThrow().isIdentity()).isEqualTo(vendor != Vendor.POSTGRES && vendor != Vendor.SQLITE);
            assertThat(model.table(n(vendor, "customers")).orElseThrow().column(n(vendor, "id")).orElseThrow().isIdentity()).isTrue();

            assertThat(orders.primaryKey().columns()).containsExactly(n(vendor, "id"));
            assertThat(orders.foreignKeys()).hasSize(1);
            ForeignKey fk = orders.foreignKeys().get(0);
            assertThat(fk.columns()).containsExactly(n(vendor, "customer_id"));
            assertThat(fk.referencedTable()).isEqualTo(n(vendor, "customers"));
            assertThat(fk.referencedColumns()).containsExactly(n(vendor, "id"));
            assertThat(fk.onDelete()).isEqualTo("CASCADE");

            Index byCustomer = orders.indexes().stream().filter(i -> n(vendor, "orders_customer_idx").equals(i.name()))
                    .findFirst().orElseThrow();
            assertThat(byCustomer.unique()).isFalse();
            assertThat(byCustomer.parts()).containsExactly(
                    new Index.Part(n(vendor, "customer_id"), null, false, null),
                    new Index.Part(n(vendor, "id"), null, true, null));
            assertThat(orders.checks()).extracting(Check::expression).anySatisfy(e -> assertThat(e.toLowerCase()).contains("total"));
            assertThat(model.table(n(vendor, "customers")).orElseThrow().checks()).extracting(Check::expression)
                    .anySatisfy(e -> assertThat(e.toLowerCase()).contains("length"));
            assertThat(model.table(n(vendor, "customers")).orElseThrow().indexes()).anySatisfy(i -> assertThat(i.unique()).isTrue());

            assertThat(model.views()).extracting(View::name).contains(n(vendor, "big_orders"));
            assertThat(model.view(n(vendor, "big_orders")).orElseThrow().definition().toLowerCase()).contains("total").contains("100");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void historyTablesAndDbshiftTablesAreLeftOut(Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor); Connection c = db.connect()) {
            create(c, shop(vendor), false);
            SchemaModel withoutNotes = SchemaFixtures.reader(vendor).read(c, SchemaFixtures.schemaOf(db), Set.of("notes"));
            assertThat(withoutNotes.tables()).extracting(t -> t.name().toLowerCase())
                    .filteredOn(name -> !name.startsWith("events")).containsExactly("customers", "orders");
            assertThat(withoutNotes.canonicalText().toLowerCase()).doesNotContain("dbshift_");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void checksumIsStableAndIgnoresDataAndCounters(Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor); Connection c = db.connect()) {
            create(c, shop(vendor), false);
            SchemaModel before = read(db, c);
            assertThat(before.checksum()).matches("s9:[0-9a-f]{64}");
            assertThat(read(db, c)).isEqualTo(before);

            execute(c, "insert into customers (email, name) values ('a@example.com', 'A')",
                    "insert into customers (email, name) values ('b@example.com', 'B')",
                    "insert into dbshift_history (id) values (1)");
            if (vendor == Vendor.POSTGRES) {
                execute(c, "select nextval('invoice_no')", "analyze");
            }
            if (vendor == Vendor.MARIADB) {
                execute(c, "analyze table customers, orders", "alter table orders auto_increment = 5000");
            }
            assertThat(read(db, c).checksum()).isEqualTo(before.checksum());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void checksumDoesNotDependOnCreationOrder(Vendor vendor) throws Exception {
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            create(ca, shop(vendor), false);
            create(cb, shop(vendor), true);
            SchemaModel ma = read(a, ca);
            SchemaModel mb = read(b, cb);
            assertThat(mb.canonicalText()).isEqualTo(ma.canonicalText());
            assertThat(mb.checksum()).isEqualTo(ma.checksum());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anAlteredColumnChangesTheChecksum(Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor); Connection c = db.connect()) {
            create(c, shop(vendor), false);
            String before = read(db, c).checksum();
            execute(c, vendor == Vendor.SQLITE ? "alter table notes add column extra text"
                    : vendor == Vendor.MARIADB ? "alter table notes modify body varchar(100)"
                    : "alter table notes alter column body type varchar(100)");
            assertThat(read(db, c).checksum()).isNotEqualTo(before);
        }
    }

    /** What diff against a scratch schema needs: one connection reads a schema that is not its current one. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void readsASchemaOtherThanTheConnectionsOwn(Vendor vendor) throws Exception {
        try (TestDatabase a = TestDatabase.create(vendor); TestDatabase b = TestDatabase.create(vendor);
             Connection ca = a.connect(); Connection cb = b.connect()) {
            create(cb, shop(vendor), false);
            SchemaModel expected = read(b, cb);
            String other;
            switch (vendor) {
                case POSTGRES:
                case MARIADB:
                    other = b.name();
                    break;
                case H2:
                    execute(ca, "create schema scratch", "set schema scratch");
                    create(ca, shop(vendor), false);
                    execute(ca, "set schema public");
                    other = "SCRATCH";
                    break;
                default:
                    execute(ca, "attach database '" + b.url().substring("jdbc:sqlite:".length()) + "' as scratch");
                    other = "scratch";
            }
            String pathBefore = vendor == Vendor.POSTGRES ? SchemaFixtures.scalar(ca, "show search_path") : null;
            SchemaModel model = SchemaFixtures.reader(vendor).read(ca, other, SchemaFixtures.HISTORY);
            assertThat(model.canonicalText()).isEqualTo(expected.canonicalText());
            if (vendor == Vendor.POSTGRES) {
                assertThat(SchemaFixtures.scalar(ca, "show search_path")).isEqualTo(pathBefore);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aMissingSchemaIsAnErrorNotAnEmptyModel(Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor); Connection c = db.connect()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> SchemaFixtures.reader(vendor).read(c, "no_such_schema", SchemaFixtures.HISTORY))
                    .isInstanceOf(java.sql.SQLException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "SQLITE"})
    void partialAndExpressionIndexes(Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor); Connection c = db.connect()) {
            create(c, shop(vendor), false);
            Table orders = read(db, c).table("orders").orElseThrow();
            Index open = orders.indexes().stream().filter(i -> "orders_open_idx".equals(i.name())).findFirst().orElseThrow();
            assertThat(open.predicate()).contains("status").contains("done");
            Table customers = read(db, c).table("customers").orElseThrow();
            Index expression = (vendor == Vendor.POSTGRES ? customers : orders).indexes().stream()
                    .filter(i -> i.parts().get(0).expression() != null).findFirst().orElseThrow();
            assertThat(expression.parts().get(0).expression()).startsWith("lower(");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB", "H2"})
    void routinesAndTriggers(Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor); Connection c = db.connect()) {
            create(c, shop(vendor), false);
            SchemaModel model = read(db, c);
            assertThat(model.routines()).extracting(Routine::name).anySatisfy(name -> assertThat(name).startsWith(n(vendor, "order_count")));
            assertThat(model.routines()).allSatisfy(r -> assertThat(r.definition()).doesNotContain(db.name()));
            assertThat(model.triggers()).extracting(Trigger::name).containsExactly(n(vendor, "orders_touch"));
            assertThat(model.triggers().get(0).table()).isEqualTo(n(vendor, "orders"));
        }
    }

    /**
     * Each key of a PostgreSQL index, in order, as a column (quoted names read back as written) or an expression,
     * with its direction; INCLUDE columns are not keys; the method unless btree; a materialized view's too.
     */
    @org.junit.jupiter.api.Test
    void postgresIndexPartsInOrder() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES); Connection c = db.connect()) {
            execute(c, "create table \"Mixed Case\" (\"Id\" int primary key, \"select\" text, \"we\"\"ird\" text, b int, c text, d jsonb)");
            execute(c, "create index \"IX Mixed\" on \"Mixed Case\" (\"select\", \"we\"\"ird\" desc nulls last)");
            execute(c, "create unique index ux_expr on \"Mixed Case\" (lower(\"select\"), (b + 1)) where b > 0");
            execute(c, "create index ix_incl on \"Mixed Case\" (b) include (c, \"select\")");
            execute(c, "create index ix_mixed on \"Mixed Case\" (c, (b * 2) desc, \"Id\")");
            execute(c, "create index ix_gin on \"Mixed Case\" using gin (d)");
            execute(c, "create materialized view mv as select \"Id\", b from \"Mixed Case\"");
            execute(c, "create index ix_mv on mv (b desc, \"Id\")");
            SchemaModel model = read(db, c);
            Table t = model.table("Mixed Case").orElseThrow();
            assertThat(t.indexes()).extracting(Index::name).containsExactlyInAnyOrder("IX Mixed", "ux_expr", "ix_incl", "ix_mixed", "ix_gin");
            java.util.function.Function<String, Index> index = name -> t.indexes().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
            // NULLS LAST against DESC's default, and an INCLUDE list, are read (s5)
            assertThat(index.apply("IX Mixed").parts()).containsExactly(new Index.Part("select", null, false, null),
                    new Index.Part("we\"ird", null, true, null, null, null, "last"));
            assertThat(index.apply("ux_expr").unique()).isTrue();
            assertThat(index.apply("ux_expr").predicate()).isEqualTo("b > 0");
            assertThat(index.apply("ux_expr").parts()).containsExactly(new Index.Part(null, "lower(\"select\")", false, null),
                    new Index.Part(null, "(b + 1)", false, null));
            assertThat(index.apply("ix_incl").parts()).containsExactly(new Index.Part("b", null, false, null));
            assertThat(index.apply("ix_incl").include()).containsExactly("c", "select");
            assertThat(index.apply("ix_mixed").parts()).containsExactly(new Index.Part("c", null, false, null),
                    new Index.Part(null, "(b * 2)", true, null), new Index.Part("Id", null, false, null));
            assertThat(index.apply("ix_gin").method()).isEqualTo("gin");
            assertThat(index.apply("ix_mixed").method()).isNull();
            assertThat(model.view("mv").orElseThrow().indexes()).singleElement().satisfies(i -> assertThat(i.parts())
                    .containsExactly(new Index.Part("b", null, true, null), new Index.Part("Id", null, false, null)));
        }
    }

    /**
     * PostgreSQL's reader fetches rows by batches, which its driver does only inside a transaction. On a connection in
     * autocommit it opens one of its own and ends it: the connection comes back in autocommit, with no transaction open
     * and its search_path. Within a caller's transaction it reads there and leaves that transaction open, uncommitted.
     * A schema with more column rows than one batch reads the same either way, and whole.
     */
    @org.junit.jupiter.api.Test
    void postgresReadsByBatchesAndHandsTheConnectionBackAsItCame() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES); Connection c = db.connect(); Connection watcher = db.connect()) {
            String pid = scalar(c, "select pg_backend_pid()");
            String state = "select state from pg_stat_activity where pid = " + pid;
            int tables = dev.dbshift.db.postgres.PostgresSchemaReader.FETCH / 3 + 50;
            StringBuilder ddl = new StringBuilder();
            for (int i = 0; i < tables; i++) {
                ddl.append("create table t").append(i).append(" (a int primary key, b text, c date);");
            }
            execute(c, ddl.toString(), "create index ix_t7 on t7 (c, b)");
            String path = scalar(c, "show search_path");

            SchemaModel own = read(db, c);
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(scalar(watcher, state)).as("no transaction left open").isEqualTo("idle");
            assertThat(scalar(c, "show search_path")).isEqualTo(path);
            assertThat(own.tables()).hasSize(tables).allSatisfy(t -> assertThat(t.columns()).hasSize(3));
            assertThat(own.table("t7").orElseThrow().indexes()).singleElement().satisfies(i -> assertThat(i.parts())
                    .containsExactly(new Index.Part("c", null, false, null), new Index.Part("b", null, false, null)));

            c.setAutoCommit(false);
            execute(c, "insert into t0 values (1, 'x', null)");
            SchemaModel inCallers = read(db, c);
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(scalar(watcher, state)).as("the caller's, still open").isEqualTo("idle in transaction");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(scalar(c, "select count(*) from t0")).as("the read committed nothing of the caller's").isEqualTo("0");
            assertThat(inCallers).isEqualTo(own);
            assertThat(inCallers.checksum()).isEqualTo(own.checksum());
        }
    }

    /**
     * A catalog query that fails halfway through PostgreSQL's read (printing a view another session holds locked, past
     * the lock timeout) is the error reported, not the search_path restore that could not run after it in the aborted
     * transaction; the connection comes back in autocommit, idle, with its search_path.
     */
    @org.junit.jupiter.api.Test
    void aPostgresReadThatFailsHalfwayReportsTheQuerysErrorAndHandsTheConnectionBack() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES); Connection c = db.connect();
             Connection holder = db.connect(); Connection watcher = db.connect()) {
            // a path other than the schema alone, which the read sets while it reads
            execute(c, "create table base (a int)", "create view shown as select a from base", "set lock_timeout = '200ms'",
                    "select set_config('search_path', current_setting('search_path') || ', public', false)");
            String path = scalar(c, "show search_path");
            String pid = scalar(c, "select pg_backend_pid()");
            holder.setAutoCommit(false);
            failsWhileLocked(db, c, holder, watcher, pid, path, "base");
            assertThat(read(db, c).view("shown")).isPresent();

            // the same halfway through a later query (a column default's table), after the read set the path in a
            // transaction it already ended
            execute(c, "create table defaulted (a int default 1)");
            failsWhileLocked(db, c, holder, watcher, pid, path, "defaulted");
        }
    }

    /** The read fails on {@code table}, which {@code holder} locks, with the lock timeout, and hands the connection back. */
    private static void failsWhileLocked(TestDatabase db, Connection c, Connection holder, Connection watcher, String pid,
                                         String path, String table) throws Exception {
        execute(holder, "lock table " + table + " in access exclusive mode");
        java.sql.SQLException failed = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> read(db, c));
        holder.rollback();
        assertThat(failed.getSQLState()).as(failed.getMessage()).isEqualTo("55P03");
        assertThat(c.getAutoCommit()).as(table).isTrue();
        assertThat(scalar(watcher, "select state from pg_stat_activity where pid = " + pid)).as(table).isEqualTo("idle");
        assertThat(scalar(c, "show search_path")).as("restored after failing on " + table).isEqualTo(path);
    }


    /**
     * Printing a view locks the tables it reads, and printing a column default or a partial index's predicate locks
     * its table (share locks, which a transaction keeps to its end). PostgreSQL's read in transactions of its own ends
     * each query's after it, as autocommit did: an ALTER TABLE must not wait on the rest of the read, with the
     * application's queries queued behind it. A watcher polls which of the reader's queries holds which of the three
     * tables while 600 tables' columns and indexes are read.
     */
    @org.junit.jupiter.api.Test
    void aPostgresReadHoldsATableOnlyWhileTheQueryThatPrintsItRuns() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES); Connection c = db.connect(); Connection watcher = db.connect()) {
            execute(c, "create table base (a int)", "create view shown as select a from base",
                    "create table defaulted (a int default 1)", "create table predicated (a int, b int)",
                    "create index ix_partial on predicated (a) where b > 0",
                    "do $$ begin for i in 1..600 loop execute format('create table w%s (a int primary key, b text, c text, d date,"
                            + " e int, f text, g text, h int, i text, j date)', i); execute format('create index ix_w%s on w%s (b, c)', i, i);"
                            + " end loop; end $$");
            String pid = scalar(c, "select pg_backend_pid()");
            java.util.Set<String> holding = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread poll = new Thread(() -> {
                // pg_stat_activity and pg_locks are not read at one instant, so the locks are read between two reads of the
                // query (each its own statistics snapshot) and counted only when the same query, started at the same
                // moment, was running before and after: one sample read the next query with the last one's locks
                try (java.sql.PreparedStatement activity = watcher.prepareStatement("select query, query_start::text"
                        + " from pg_stat_activity where pid = " + pid);
                     java.sql.PreparedStatement locks = watcher.prepareStatement("select string_agg(r.relname, ',')"
                        + " from pg_locks l join pg_class r on r.oid = l.relation where l.pid = " + pid + " and l.granted"
                        + " and r.relname in ('base', 'defaulted', 'predicated')")) {
                    while (!done.get()) {
                        String[] before = row(activity);
                        String held;
                        try (java.sql.ResultSet rs = locks.executeQuery()) {
                            held = rs.next() ? rs.getString(1) : null;
                        }
                        String[] after = row(activity);
                        // a COMMIT holds what its transaction's query took until it ends: the query's, not the next one's
                        if (before[0] == null || before[0].equalsIgnoreCase("COMMIT") || !java.util.Arrays.equals(before, after)) {
                            continue;
                        }
                        String sql = before[0];
                        String query = sql.contains("pg_get_viewdef") ? "views" : sql.contains("pg_attrdef") ? "columns"
                                : sql.contains("pg_index x") ? "indexes" : "other";
                        running.add(query);
                        if (held != null) {
                            for (String table : held.split(",")) {
                                holding.add(query + " holds " + table);
                            }
                        }
                    }
                } catch (java.sql.SQLException e) {
                    holding.add("watcher failed: " + e.getMessage());
                }
            });
            poll.start();
            try {
                for (int i = 0; i < 8 && !(running.contains("columns") && running.contains("indexes")); i++) {
                    assertThat(read(db, c).view("shown")).isPresent();
                }
            } finally {
                done.set(true);
                poll.join();
            }
            assertThat(running).as("the watcher saw the later queries run").contains("columns", "indexes");
            assertThat(holding).as("which query was seen holding which table")
                    .isSubsetOf("views holds base", "columns holds defaulted", "indexes holds predicated");
        }
    }

    /** The one row's two columns, or nulls. */
    private static String[] row(java.sql.PreparedStatement query) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = query.executeQuery()) {
            return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[2];
        }
    }

    private static String scalar(Connection c, String sql) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Key and index columns are named by their number from the column read: a dropped column leaves a gap in the
     * numbers, a key lists its columns in its own order (not the table's), and a foreign key names the target's columns.
     */
    @org.junit.jupiter.api.Test
    void postgresKeyColumnsByNumberAcrossADroppedColumn() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES); Connection c = db.connect()) {
            execute(c, "create table parent (gone int, a int, \"B\" int, primary key (\"B\", a))",
                    "alter table parent drop column gone",
                    "create table child (x int, gone text, y int, z int, foreign key (z, y) references parent (\"B\", a))",
                    "alter table child drop column gone",
                    "create index ix_child on child (z desc, x)");
            SchemaModel model = read(db, c);
            assertThat(model.table("parent").orElseThrow().primaryKey().columns()).containsExactly("B", "a");
            Table child = model.table("child").orElseThrow();
            assertThat(child.foreignKeys()).singleElement().satisfies(fk -> {
                assertThat(fk.columns()).containsExactly("z", "y");
                assertThat(fk.referencedColumns()).containsExactly("B", "a");
            });
            assertThat(child.indexes()).singleElement().satisfies(i -> assertThat(i.parts())
                    .containsExactly(new Index.Part("z", null, true, null), new Index.Part("x", null, false, null)));
        }
    }

    @org.junit.jupiter.api.Test
    void postgresEnumsSequencesAndCollations() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES); Connection c = db.connect()) {
            create(c, shop(Vendor.POSTGRES), false);
            SchemaModel model = read(db, c);
            assertThat(model.enumTypes()).containsExactly(new EnumType("mood", List.of("sad", "ok", "happy")));
            Table events = model.table("events").orElseThrow();
            assertThat(events.partitioning().by()).isEqualTo("RANGE (at)");
            assertThat(events.primaryKey().columns()).containsExactly("id", "at");
            assertThat(events.indexes()).extracting(Index::name).containsExactly("events_kind_idx");
            Table partition = model.table("events_2024").orElseThrow();
            assertThat(partition.partitioning().parent()).isEqualTo("events");
            assertThat(partition.partitioning().bound()).contains("2024-01-01").contains("2025-01-01");
            assertThat(partition.primaryKey()).isNull();
            assertThat(partition.indexes()).isEmpty();
            assertThat(partition.checks()).isEmpty();
            assertThat(model.view("order_totals").orElseThrow().materialized()).isTrue();
            assertThat(model.view("order_totals").orElseThrow().indexes()).singleElement()
                    .satisfies(i -> assertThat(i.name()).isEqualTo("order_totals_customer"));
            // the serial behind orders.id and invoice_no; not the identity of customers, not dbshift_runs' serial
            assertThat(model.sequences()).extracting(Sequence::name).containsExactly("invoice_no", "orders_id_seq");
            assertThat(model.sequences().get(0).start()).isEqualTo(1000);
            assertThat(model.sequences().get(0).increment()).isEqualTo(5);
            assertThat(model.table("customers").orElseThrow().column("mood").orElseThrow().type()).isEqualTo("mood");
            assertThat(model.table("customers").orElseThrow().column("created_at").orElseThrow().type()).isEqualTo("timestamptz");
        }
    }

    @org.junit.jupiter.api.Test
    void mariadbPrefixLengthsCollationsAndOnUpdate() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); Connection c = db.connect()) {
            create(c, shop(Vendor.MARIADB), false);
            execute(c, "alter table notes add column code varchar(10) character set ascii collate ascii_bin");
            SchemaModel model = read(db, c);
            Table customers = model.table("customers").orElseThrow();
            assertThat(customers.indexes()).filteredOn(i -> "customers_email_key".equals(i.name()))
                    .singleElement().satisfies(i -> assertThat(i.parts().get(0).prefixLength()).isEqualTo(50));
            assertThat(customers.column("created_at").orElseThrow().defaultValue()).containsIgnoringCase("on update");
            assertThat(customers.column("mood").orElseThrow().type()).isEqualTo("enum('sad','ok','happy')");
            assertThat(customers.collation()).isNotNull();
            assertThat(model.table("notes").orElseThrow().column("code").orElseThrow().collation()).isEqualTo("ascii_bin");
            assertThat(model.table("notes").orElseThrow().column("body").orElseThrow().collation()).isNull();
            assertThat(model.sequences()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("invoice_no");
                assertThat(s.start()).isEqualTo(1000);
                assertThat(s.increment()).isEqualTo(5);
            });
        }
    }
}
