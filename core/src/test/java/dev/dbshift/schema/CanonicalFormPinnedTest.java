package dev.dbshift.schema;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical text (format {@code s1}) of a schema holding every kind of object and every character the quoting
 * escapes, pinned as it was written when the format was frozen: every schema checksum already stored in a history
 * table was computed over this text, so a change to how it is written must fail here, not in users' drift checks.
 * Format {@code s2} adds a line for a table's storage engine where it is not the default, its row security, policies
 * and rules; {@code s3} the words {@code invisible} and {@code ignored} and a line per event. A schema without them
 * has the same text and hash under every tag, and one with them has the older forms older records hold.
 */
@Pure
class CanonicalFormPinnedTest {
    private static final String TEXT = String.join("\n",
                "enum \"mood\" (\"happy\", \"s\\\"ad\")",
                "sequence \"seq\" type=\"bigint\" start=1 increment=2 min=1 max=9223372036854775807 cycle=true",
                "table \"orders\" collation=\"utf8mb4_bin\"",
                "  partition by=\"RANGE (id)\" of=- bound=-",
                "  column \"id\" type=\"bigint\" null=false default=- generated=- identity=\"always\" collation=-",
                "  column \"na\\\"me\" type=\"character varying(100)\" null=true default=\"'x\\\\y'::text\" generated=- identity=false collation=\"C\"",
                "  column \"total\" type=\"numeric(10,2)\" null=true default=- generated=\"price * qty\" stored identity=false collation=-",
                "  column \"v\" type=\"int\" null=true default=- generated=\"a\\tb\" virtual identity=\"by default\" collation=-",
                "  column \"\u00e9\ud83d\ude00\\u0001\\r\\n\" type=\"text\" null=false default=\"\" generated=- identity=false collation=-",
                "  primary key \"pk_orders\" (\"id\")",
                "  index \"ix_total\" (\"total\" desc) where=- method=-",
                "  unique index \"ux_name\" (\"na\\\"me\" prefix 10, expr \"lower(x)\" desc) where=\"id > 0\" method=\"btree\"",
                "  foreign key \"fk_parent\" (\"id\") references \"parent\" (\"pid\") on update CASCADE on delete NO ACTION",
                "  check \"ck_total\" \"total >= 0\"",
                "table \"orders_1\" collation=-",
                "  partition by=- of=\"orders\" bound=\"FOR VALUES FROM (1) TO (10)\"",
                "  column \"id\" type=\"bigint\" null=false default=- generated=- identity=\"always\" collation=-",
                "table \"parent\" collation=-",
                "  column \"pid\" type=\"int\" null=false default=- generated=- identity=false collation=-",
                "  primary key - (\"pid\")",
                "materialized view \"mv\" as \"SELECT 1\"",
                "  index \"ix_total\" (\"total\" desc) where=- method=-",
                "view \"v_orders\" as \"SELECT id FROM orders\"",
                "trigger \"trg\" on \"orders\" \"CREATE TRIGGER trg \\\"q\\\"\"",
                "function \"f(integer)\" \"BEGIN\\n  RETURN 1;\\nEND\"") + "\n";
    private static final String HASH = "db77cc5f78f650a6672d2e70394205119b8bbfa4349698f98c1edc76923ac1ae";


    static SchemaModel rich() {
        Column id = new Column("id", "bigint", false, null, null, Column.Identity.ALWAYS, null);
        Column name = new Column("na\"me", "character varying(100)", true, "'x\\y'::text", null, null, "C");
        Column total = new Column("total", "numeric(10,2)", true, null, new Column.Generated("price * qty", true), null, null);
        Column virtual = new Column("v", "int", true, null, new Column.Generated("a\tb", false), Column.Identity.BY_DEFAULT, null);
        Column odd = new Column("é😀\u0001\r\n", "text", false, "", null, null, null);
        Index unique = new Index("ux_name", true, List.of(new Index.Part("na\"me", null, false, 10),
                new Index.Part(null, "lower(x)", true, null)), "id > 0", "btree");
        Index plain = new Index("ix_total", false, List.of(new Index.Part("total", null, true, null)), null, null);
        ForeignKey fk = new ForeignKey("fk_parent", List.of("id"), "parent", List.of("pid"), "CASCADE", null);
        Check check = new Check("ck_total", "total >= 0");
        Table orders = new Table("orders", List.of(id, name, total, virtual, odd), new PrimaryKey("pk_orders", List.of("id")),
                List.of(unique, plain), List.of(fk), List.of(check), "utf8mb4_bin",
                new Table.Partitioning("RANGE (id)", null, null));
        Table part = new Table("orders_1", List.of(id), null, List.of(), List.of(), List.of(), null,
                new Table.Partitioning(null, "orders", "FOR VALUES FROM (1) TO (10)"));
        Table parent = new Table("parent", List.of(new Column("pid", "int", false, null, null, null, null)),
                new PrimaryKey(null, List.of("pid")), List.of(), List.of(), List.of(), null);
        View view = new View("v_orders", "SELECT id FROM orders", false);
        View matView = new View("mv", "SELECT 1", true, List.of(plain));
        return new SchemaModel(List.of(parent, orders, part), List.of(view, matView),
                List.of(new Sequence("seq", "bigint", 1, 2, 1, Long.MAX_VALUE, true)),
                List.of(new Trigger("trg", "orders", "CREATE TRIGGER trg \"q\"")),
                List.of(new Routine("f(integer)", "function", "BEGIN\n  RETURN 1;\nEND")),
                List.of(new EnumType("mood", List.of("happy", "s\"ad"))));
    }

    @Test
    void theTextIsWrittenAsTheFormatWasFrozen() {
        assertThat(rich().canonicalText()).isEqualTo(TEXT);
    }

    @Test
    void theChecksumIsTheOneStoredHistoriesHold() {
        assertThat(rich().checksum()).isEqualTo("s9:" + HASH);
        assertThat(rich().liveChecksum()).isEqualTo(new LiveChecksum(List.of("s1:" + HASH, "s2:" + HASH, "s3:" + HASH, "s4:" + HASH,
                "s5:" + HASH, "s6:" + HASH, "s7:" + HASH, "s8:" + HASH, "s9:" + HASH)));
    }

    @Test
    void engineRowSecurityPoliciesAndRulesAreLinesOfS2AndLeftOutOfS1() {
        SchemaModel plain = rich();
        Policy policy = new Policy("p\"1", false, "UPDATE", List.of("web", "public"), "(id > 0)", null);
        List<Table> tables = plain.tables().stream().map(t -> t.name().equals("parent") ? new Table(t.name(), t.columns(),
                t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), t.collation(), t.partitioning(), "myisam")
                : t.name().equals("orders") ? new Table(t.name(), t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(),
                t.checks(), t.collation(), t.partitioning(), null, "enabled forced", List.of(policy),
                List.of(new Rule("r", "CREATE RULE r AS ON DELETE TO orders DO INSTEAD NOTHING"))) : t).toList();
        SchemaModel myisam = new SchemaModel(tables, plain.views(), plain.sequences(), plain.triggers(), plain.routines(),
                plain.enumTypes());
        assertThat(myisam.canonicalText()).isEqualTo(TEXT
                .replace("table \"parent\" collation=-\n", "table \"parent\" collation=-\n  engine \"myisam\"\n")
                .replace("table \"orders\" collation=\"utf8mb4_bin\"\n",
                        "table \"orders\" collation=\"utf8mb4_bin\"\n  row security \"enabled forced\"\n")
                .replace("  check \"ck_total\" \"total >= 0\"\n", "  check \"ck_total\" \"total >= 0\"\n"
                        + "  policy \"p\\\"1\" restrictive for \"UPDATE\" to (\"public\", \"web\") using=\"(id > 0)\" check=-\n"
                        + "  rule \"r\" \"CREATE RULE r AS ON DELETE TO orders DO INSTEAD NOTHING\"\n"));
        assertThat(myisam.checksum()).startsWith("s9:").isNotEqualTo(plain.checksum());
        assertThat(myisam.liveChecksum().s1()).isEqualTo("s1:" + HASH);
        LiveChecksum live = myisam.liveChecksum();
        assertThat(live.as("s1:" + HASH)).isEqualTo("s1:" + HASH);
        assertThat(live.as(plain.checksum())).isEqualTo(myisam.checksum()).isNotEqualTo(plain.checksum());
        assertThat(live.as(null)).isEqualTo(myisam.checksum());
        // the s2 hash of this text is what an s2 record of this schema holds: pinned by the text above
        assertThat(live.versions().get(1)).isEqualTo("s2:" + sha256(myisam.canonicalText()));
        assertThat(live.as("s2:0")).isEqualTo("s2:" + sha256(myisam.canonicalText()));
    }

    /**
     * A version whose text would be the next one's is that hash under its own tag, not another pass: for a schema with
     * any one thing a version counts, every version's checksum is still the one written out in that version.
     */
    @Test
    void everyVersionsChecksumIsItsOwnTextsWhateverOneThingTheSchemaHas() {
        SchemaModel plain = rich();
        java.util.function.Function<java.util.function.UnaryOperator<Column>, SchemaModel> column = f -> withOrders(plain,
                t -> t.withColumns(t.columns().stream().map(c -> c.name().equals("total") ? f.apply(c) : c).toList()));
        List<SchemaModel> models = List.of(plain,
                column.apply(c -> new Column(c.name(), c.type(), c.nullable(), c.defaultValue(), c.generated(), c.identity(),
                        c.collation(), true)),
                column.apply(c -> new Column(c.name(), c.type(), c.nullable(), c.defaultValue(), c.generated(), c.identity(),
                        c.collation(), false, true)),
                column.apply(c -> new Column(c.name(), c.type(), c.nullable(), c.defaultValue(), c.generated(), c.identity(),
                        c.collation(), false, false, "START WITH 10")),
                column.apply(c -> new Column(c.name(), "varchar(20) array", c.nullable(), c.defaultValue(), c.generated(),
                        c.identity(), c.collation())),
                column.apply(c -> new Column(c.name(), "integer array[4]", c.nullable(), c.defaultValue(), c.generated(),
                        c.identity(), c.collation())),
                withOrders(plain, t -> new Table(t.name(), t.columns(), t.primaryKey(),
                        t.indexes().stream().map(i -> i.ignored(true)).toList(), t.foreignKeys(), t.checks(), t.collation(),
                        t.partitioning())),
                withOrders(plain, t -> new Table(t.name(), t.columns(), t.primaryKey(),
                        t.indexes().stream().map(i -> i.withInclude(List.of("id"))).toList(), t.foreignKeys(), t.checks(),
                        t.collation(), t.partitioning())),
                withOrders(plain, t -> new Table(t.name(), t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(),
                        t.checks(), t.collation(), t.partitioning(), "myisam")),
                new SchemaModel(plain.tables(), plain.views(), plain.sequences(), plain.triggers(),
                        java.util.stream.Stream.concat(plain.routines().stream(), java.util.stream.Stream.of(new Routine("once",
                                "event", "CREATE EVENT `once` ON SCHEDULE AT '2030-01-01 00:00:00' DO DELETE FROM orders")))
                                .toList(), plain.enumTypes()));
        for (SchemaModel model : models) {
            List<String> written = new java.util.ArrayList<>();
            for (int v = 1; v <= CanonicalForm.CURRENT; v++) {
                written.add(CanonicalForm.checksum(model, v));
            }
            assertThat(model.liveChecksum().versions()).as(model.canonicalText()).isEqualTo(written);
        }
        // each one something: an event that ends by itself is left out of s5 alone
        assertThat(models.stream().map(m -> m.liveChecksum().versions()).distinct()).hasSize(models.size());
    }

    private static SchemaModel withOrders(SchemaModel plain, java.util.function.UnaryOperator<Table> change) {
        return new SchemaModel(plain.tables().stream().map(t -> t.name().equals("orders") ? change.apply(t) : t).toList(),
                plain.views(), plain.sequences(), plain.triggers(), plain.routines(), plain.enumTypes());
    }

    @Test
    void invisibleColumnsIgnoredIndexesEventsDomainsAndCompositeTypesAreWordsAndLinesOfS3AndLeftOutOfOlderVersions() {
        SchemaModel plain = rich();
        List<Table> tables = plain.tables().stream().map(t -> !t.name().equals("orders") ? t : new Table(t.name(),
                t.columns().stream().map(c -> c.name().equals("total") ? new Column(c.name(), c.type(), c.nullable(),
                        c.defaultValue(), c.generated(), c.identity(), c.collation(), true) : c).toList(),
                t.primaryKey(), t.indexes().stream().map(i -> i.ignored(i.name().equals("ix_total"))).toList(),
                t.foreignKeys(), t.checks(), t.collation(), t.partitioning())).toList();
        List<Routine> routines = new java.util.ArrayList<>(plain.routines());
        routines.add(new Routine("nightly", "event", "CREATE EVENT `nightly` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE"
                + " ENABLE DO DELETE FROM orders"));
        SchemaModel hidden = new SchemaModel(tables, plain.views(), plain.sequences(), plain.triggers(), routines,
                plain.enumTypes(), List.of(new Domain("email", "character varying(100)", false, "'a@b'::text", "C",
                        List.of(new Check("z", "VALUE <> ''"), new Check("a\"t", "VALUE ~~ '%@%'")))),
                List.of(new CompositeType("pair", List.of(new Column("b", "text", true, null, null, null, "C"),
                        new Column("a", "integer", true, null, null, null, null)))));
        assertThat(hidden.canonicalText()).isEqualTo(TEXT
                .replace("table \"orders\" collation", "domain \"email\" type=\"character varying(100)\" null=false"
                        + " default=\"'a@b'::text\" collation=\"C\"\n  check \"a\\\"t\" \"VALUE ~~ '%@%'\"\n"
                        + "  check \"z\" \"VALUE <> ''\"\ncomposite type \"pair\"\n"
                        + "  attribute \"b\" type=\"text\" collation=\"C\"\n  attribute \"a\" type=\"integer\" collation=-\n"
                        + "table \"orders\" collation")
                .replace("generated=\"price * qty\" stored identity=false collation=-\n",
                        "generated=\"price * qty\" stored identity=false collation=- invisible\n")
                .replace("  index \"ix_total\" (\"total\" desc) where=- method=-\n  unique",
                        "  index \"ix_total\" (\"total\" desc) where=- method=- ignored\n  unique")
                + "event \"nightly\" \"CREATE EVENT `nightly` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE"
                + " DO DELETE FROM orders\"\n");
        // the materialized view's index of the same name is not the table's: it stays used
        assertThat(hidden.canonicalText()).contains("materialized view \"mv\" as \"SELECT 1\"\n  index \"ix_total\" (\"total\" desc) where=- method=-\n");
        LiveChecksum live = hidden.liveChecksum();
        assertThat(live.current()).isEqualTo("s9:" + sha256(hidden.canonicalText())).isNotEqualTo("s9:" + HASH);
        assertThat(live.versions()).containsExactly("s1:" + HASH, "s2:" + HASH, "s3:" + sha256(hidden.canonicalText()),
                "s4:" + sha256(hidden.canonicalText()), "s5:" + sha256(hidden.canonicalText()), "s6:" + sha256(hidden.canonicalText()),
                "s7:" + sha256(hidden.canonicalText()), "s8:" + sha256(hidden.canonicalText()), live.current());
        assertThat(live.as("s2:" + HASH)).isEqualTo("s2:" + HASH);
        assertThat(live.as("s3:" + HASH)).isEqualTo("s3:" + sha256(hidden.canonicalText()));
    }

    /**
     * A MySQL or MariaDB table's partitioning clause is a line of s4 and nothing before: an older record of a schema
     * with one is compared without it. PostgreSQL's declarative partitioning keeps its s1 line, and a table with only a
     * MySQL clause writes no s1 line (it had none before).
     */
    @Test
    void aMySqlPartitioningClauseIsALineOfS4AndLeftOutOfOlderVersions() {
        SchemaModel plain = rich();
        String clause = "PARTITION BY RANGE (`pid`)\n(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,\n"
                + " PARTITION `pmax` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)";
        List<Table> tables = plain.tables().stream().map(t -> !t.name().equals("parent") ? t : new Table(t.name(),
                t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), t.collation(),
                Table.Partitioning.layout(clause))).toList();
        SchemaModel split = new SchemaModel(tables, plain.views(), plain.sequences(), plain.triggers(), plain.routines(),
                plain.enumTypes());
        assertThat(split.canonicalText()).isEqualTo(TEXT.replace("table \"parent\" collation=-\n", "table \"parent\" collation=-\n"
                + "  partitions \"PARTITION BY RANGE (`pid`)\\n(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,\\n"
                + " PARTITION `pmax` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)\"\n"));
        LiveChecksum live = split.liveChecksum();
        assertThat(live.current()).isEqualTo("s9:" + sha256(split.canonicalText())).isNotEqualTo("s9:" + HASH);
        assertThat(live.versions()).containsExactly("s1:" + HASH, "s2:" + HASH, "s3:" + HASH, "s4:" + sha256(split.canonicalText()),
                "s5:" + sha256(split.canonicalText()), "s6:" + sha256(split.canonicalText()),
                "s7:" + sha256(split.canonicalText()), "s8:" + sha256(split.canonicalText()), live.current());
        assertThat(live.as("s3:" + HASH)).isEqualTo("s3:" + HASH);
        assertThat(live.as("s4:" + HASH)).isEqualTo("s4:" + sha256(split.canonicalText()));
    }

    /** A MariaDB system-versioned table is in s4's text, with a line saying so, and in no older version's (no reader read it). */
    @Test
    void aSystemVersionedTableIsInS4AndLeftOutOfOlderVersions() {
        SchemaModel plain = rich();
        List<Table> tables = new java.util.ArrayList<>(plain.tables());
        tables.add(new Table("price", List.of(new Column("id", "integer", false, null, null, null, null)),
                new PrimaryKey(null, List.of("id")), List.of(), List.of(), List.of(), null, null, null, null, List.of(), List.of(), Table.SYSTEM_VERSIONED));
        SchemaModel versioned = new SchemaModel(tables, plain.views(), plain.sequences(), plain.triggers(), plain.routines(),
                plain.enumTypes());
        assertThat(versioned.canonicalText()).isEqualTo(TEXT.replace("materialized view \"mv\"", "table \"price\" collation=-\n"
                + "  persistence \"system versioned\"\n  column \"id\" type=\"integer\" null=false default=- generated=- identity=false collation=-\n"
                + "  primary key - (\"id\")\nmaterialized view \"mv\""));
        LiveChecksum live = versioned.liveChecksum();
        assertThat(live.versions()).containsExactly("s1:" + HASH, "s2:" + HASH, "s3:" + HASH, "s4:" + sha256(versioned.canonicalText()),
                "s5:" + sha256(versioned.canonicalText()), "s6:" + sha256(versioned.canonicalText()), "s7:" + sha256(versioned.canonicalText()),
                "s8:" + sha256(versioned.canonicalText()), "s9:" + sha256(versioned.canonicalText()));
    }

    /**
     * A PostgreSQL exclusion constraint's operators and a deferrable key's or unique constraint's checking are words of s5
     * and nothing before: an older record of a schema with them is compared without them (before, an exclusion
     * constraint read as an index of the same parts, and a deferrable key as one checked at each statement).
     */
    @Test
    void exclusionConstraintsAndDeferrableKeysAreWordsOfS5AndLeftOutOfOlderVersions() {
        SchemaModel plain = rich();
        List<Table> tables = plain.tables().stream().map(t -> !t.name().equals("orders") ? t : new Table(t.name(), t.columns(),
                new PrimaryKey(t.primaryKey().name(), t.primaryKey().columns(), "deferrable initially deferred"),
                t.indexes().stream().map(i -> i.name().equals("ix_total") ? i.constraint(List.of("&&"), null)
                        : i.constraint(null, "deferrable")).toList(),
                t.foreignKeys(), t.checks(), t.collation(), t.partitioning())).toList();
        SchemaModel constrained = new SchemaModel(tables, plain.views(), plain.sequences(), plain.triggers(), plain.routines(),
                plain.enumTypes());
        assertThat(constrained.canonicalText()).isEqualTo(TEXT
                .replace("  primary key \"pk_orders\" (\"id\")\n",
                        "  primary key \"pk_orders\" (\"id\") options \"deferrable initially deferred\"\n")
                .replace("  index \"ix_total\" (\"total\" desc) where=- method=-\n  unique",
                        "  index \"ix_total\" (\"total\" desc) where=- method=- exclude (\"&&\")\n  unique")
                .replace("\n  foreign key", " options \"deferrable\"\n  foreign key"));
        // the materialized view's index of the same name is not the table's
        assertThat(constrained.canonicalText()).contains("materialized view \"mv\" as \"SELECT 1\"\n  index \"ix_total\" (\"total\" desc) where=- method=-\n");
        LiveChecksum live = constrained.liveChecksum();
        assertThat(live.versions()).containsExactly("s1:" + HASH, "s2:" + HASH, "s3:" + HASH, "s4:" + HASH,
                "s5:" + sha256(constrained.canonicalText()), "s6:" + sha256(constrained.canonicalText()),
                "s7:" + sha256(constrained.canonicalText()), "s8:" + sha256(constrained.canonicalText()),
                "s9:" + sha256(constrained.canonicalText()));
        assertThat(live.as("s4:" + HASH)).isEqualTo("s4:" + HASH);
        assertThat(live.as("s5:" + HASH)).isEqualTo("s5:" + sha256(constrained.canonicalText())).isNotEqualTo("s5:" + HASH);
    }

    /** A PostgreSQL rule disabled (or firing otherwise than as made) is a word of s5 on its line; older versions have the line without it. */
    @Test
    void aRulesFiringIsAWordOfS5() {
        SchemaModel plain = rich();
        java.util.function.Function<String, SchemaModel> withRule = firing -> new SchemaModel(plain.tables().stream()
                .map(t -> !t.name().equals("orders") ? t : new Table(t.name(), t.columns(), t.primaryKey(), t.indexes(),
                        t.foreignKeys(), t.checks(), t.collation(), t.partitioning(), null, null, List.of(),
                        List.of(new Rule("r", "CREATE RULE r AS ON DELETE TO orders DO INSTEAD NOTHING", firing)))).toList(),
                plain.views(), plain.sequences(), plain.triggers(), plain.routines(), plain.enumTypes());
        SchemaModel asMade = withRule.apply(null);
        SchemaModel disabled = withRule.apply(Trigger.DISABLED);
        assertThat(disabled.canonicalText()).isEqualTo(asMade.canonicalText().replace(
                "  rule \"r\" \"CREATE RULE r AS ON DELETE TO orders DO INSTEAD NOTHING\"\n",
                "  rule \"r\" \"CREATE RULE r AS ON DELETE TO orders DO INSTEAD NOTHING\" firing \"disabled\"\n"));
        assertThat(disabled.liveChecksum().versions().subList(0, 4)).isEqualTo(asMade.liveChecksum().versions().subList(0, 4));
        assertThat(disabled.checksum()).isEqualTo("s9:" + sha256(disabled.canonicalText())).isNotEqualTo(asMade.checksum());
    }

    /**
     * PostgreSQL prints a rule's table with its schema ({@code TO public.orders}); versions before s5 counted that text,
     * s5 the statement without it (the one the baseline writes), so a rule reads the same in any schema from s5 on and
     * an older record of it is the hash it always was.
     */
    @Test
    void aRulesSchemaIsLeftOutFromS5AndKeptForOlderVersions() {
        SchemaModel plain = rich();
        java.util.function.Function<Rule, SchemaModel> with = rule -> new SchemaModel(plain.tables().stream()
                .map(t -> !t.name().equals("orders") ? t : new Table(t.name(), t.columns(), t.primaryKey(), t.indexes(),
                        t.foreignKeys(), t.checks(), t.collation(), t.partitioning(), null, null, List.of(), List.of(rule)))
                .toList(), plain.views(), plain.sequences(), plain.triggers(), plain.routines(), plain.enumTypes());
        String bare = "CREATE RULE r AS\n    ON DELETE TO orders DO INSTEAD NOTHING";
        SchemaModel printed = with.apply(new Rule("r", bare.replace("TO orders", "TO public.orders")));
        SchemaModel read = with.apply(new Rule("r", bare, null, bare.replace("TO orders", "TO public.orders")));
        SchemaModel otherSchema = with.apply(new Rule("r", bare, null, bare.replace("TO orders", "TO \"Other\".orders")));
        assertThat(read.liveChecksum().versions().subList(0, 4)).as("s1-s4: the text as printed")
                .isEqualTo(printed.liveChecksum().versions().subList(0, 4));
        assertThat(read.checksum()).isEqualTo("s9:" + sha256(read.canonicalText())).isNotEqualTo(printed.checksum())
                .isEqualTo(otherSchema.checksum());
        assertThat(read.canonicalText()).contains("  rule \"r\" \"CREATE RULE r AS\\n    ON DELETE TO orders DO INSTEAD NOTHING\"\n");
        assertThat(otherSchema.liveChecksum().versions().get(3)).isNotEqualTo(read.liveChecksum().versions().get(3));
        assertThat(read.table("orders").orElseThrow().rules()).isEqualTo(otherSchema.table("orders").orElseThrow().rules());
    }

    /**
     * A MySQL/MariaDB routine that runs with the caller's rights says so on its line from s6 (before, one changed to run
     * with its definer's was no drift); older versions' text is as it was, so their records still compare.
     */
    @Test
    void aRoutinesSqlSecurityIsAWordOfS6AndLeftOutOfOlderVersions() {
        SchemaModel plain = rich();
        String made = "CREATE FUNCTION `twice`(`x` int(11)) RETURNS int(11) DETERMINISTIC\nreturn x * 2";
        java.util.function.Function<Routine, SchemaModel> with = routine -> {
            List<Routine> routines = new java.util.ArrayList<>(plain.routines());
            routines.add(routine);
            return new SchemaModel(plain.tables(), plain.views(), plain.sequences(), plain.triggers(), routines, plain.enumTypes());
        };
        SchemaModel definer = with.apply(new Routine("twice", "function", made));
        SchemaModel invoker = with.apply(new Routine("twice", "function", made, "SQL SECURITY INVOKER"));
        assertThat(invoker.canonicalText()).isEqualTo(definer.canonicalText().replace("return x * 2\"\n",
                "return x * 2\" security \"SQL SECURITY INVOKER\"\n"));
        assertThat(invoker.checksum()).startsWith("s9:").isNotEqualTo(definer.checksum());
        assertThat(invoker.liveChecksum().versions().subList(0, 5)).isEqualTo(definer.liveChecksum().versions().subList(0, 5));
        assertThat(invoker.liveChecksum().as(definer.liveChecksum().versions().get(4))).as("an s5 record compares in s5")
                .isEqualTo(definer.liveChecksum().versions().get(4));
        assertThat(new Routine("twice", "function", made, "SQL SECURITY INVOKER").made())
                .isEqualTo("CREATE FUNCTION `twice`(`x` int(11)) RETURNS int(11) DETERMINISTIC SQL SECURITY INVOKER\nreturn x * 2");
    }

    /**
     * A MySQL/MariaDB trigger that fires after another of its table, timing and event, and a MariaDB view made with an
     * algorithm, say so on their lines from s7 (before, triggers made again the other way round, and a TEMPTABLE view made
     * to take writes, were no drift); older versions' text is as it was, so their records still compare.
     */
    @Test
    void aTriggersPlaceAndAViewsAlgorithmAreWordsOfS7AndLeftOutOfOlderVersions() {
        SchemaModel plain = rich();
        String tz = "CREATE TRIGGER `tz` BEFORE INSERT ON `orders` FOR EACH ROW SET NEW.note = 'z'";
        String ta = "CREATE TRIGGER `ta` BEFORE INSERT ON `orders` FOR EACH ROW SET NEW.note = 'a'";
        java.util.function.BiFunction<List<Trigger>, View, SchemaModel> with = (triggers, view) -> {
            List<Trigger> all = new java.util.ArrayList<>(plain.triggers());
            all.addAll(triggers);
            List<View> views = new java.util.ArrayList<>(plain.views());
            views.add(view);
            return new SchemaModel(plain.tables(), views, plain.sequences(), all, plain.routines(), plain.enumTypes());
        };
        View merged = new View("recent", "select `id` from `orders`", false, List.of(), null);
        View temp = new View("recent", "select `id` from `orders`", false, List.of(), null, View.TEMPTABLE);
        SchemaModel tzFirst = with.apply(List.of(new Trigger("tz", "orders", tz), new Trigger("ta", "orders", ta, null, "tz")), merged);
        SchemaModel taFirst = with.apply(List.of(new Trigger("ta", "orders", ta), new Trigger("tz", "orders", tz, null, "ta")), merged);
        SchemaModel tempView = with.apply(List.of(new Trigger("ta", "orders", ta), new Trigger("tz", "orders", tz, null, "ta")), temp);
        assertThat(tzFirst.canonicalText()).contains("SET NEW.note = 'a'\" follows \"tz\"\n")
                .doesNotContain("SET NEW.note = 'z'\" follows");
        assertThat(tempView.canonicalText()).isEqualTo(taFirst.canonicalText().replace("from `orders`\"\n",
                "from `orders`\" algorithm \"temptable\"\n"));
        assertThat(List.of(tzFirst.checksum(), taFirst.checksum(), tempView.checksum())).doesNotHaveDuplicates()
                .allMatch(c -> c.startsWith("s9:"));
        assertThat(tzFirst.liveChecksum().versions().subList(0, 6)).isEqualTo(taFirst.liveChecksum().versions().subList(0, 6))
                .isEqualTo(tempView.liveChecksum().versions().subList(0, 6));
        assertThat(tzFirst.liveChecksum().as(taFirst.liveChecksum().versions().get(5))).as("an s6 record compares in s6")
                .isEqualTo(taFirst.liveChecksum().versions().get(5));
    }

    /** The tables a PostgreSQL table inherits from are a line of s7, in their order, and left out of older versions. */
    @Test
    void aTablesParentsAreALineOfS7() {
        SchemaModel plain = rich();
        java.util.function.Function<List<String>, SchemaModel> with = parents -> {
            List<Table> tables = new java.util.ArrayList<>(plain.tables());
            Table t = tables.remove(0);
            tables.add(new Table(t.name(), t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), t.collation(),
                    t.partitioning(), t.engine(), t.rowSecurity(), t.policies(), t.rules(), t.persistence(), t.replicaIdentity(), parents));
            return new SchemaModel(tables, plain.views(), plain.sequences(), plain.triggers(), plain.routines(), plain.enumTypes());
        };
        SchemaModel one = with.apply(List.of("base"));
        SchemaModel two = with.apply(List.of("base", "\"audit\".\"tagged\""));
        SchemaModel turned = with.apply(List.of("\"audit\".\"tagged\"", "base"));
        assertThat(two.canonicalText()).contains("\n  inherits (\"base\", \"\\\"audit\\\".\\\"tagged\\\"\")\n");
        assertThat(List.of(plain.checksum(), one.checksum(), two.checksum(), turned.checksum())).doesNotHaveDuplicates();
        assertThat(two.liveChecksum().versions().subList(0, 6)).isEqualTo(plain.liveChecksum().versions().subList(0, 6))
                .isEqualTo(turned.liveChecksum().versions().subList(0, 6));
    }

    /**
     * A MariaDB application-time period and its keys {@code WITHOUT OVERLAPS} say so on their lines from s8 (before, the
     * period read as its check and the keys as plain ones, which a table made with those has alike); older versions'
     * text is as it was, so their records still compare.
     */
    @Test
    void aPeriodAndItsKeysWithoutOverlapsAreWordsOfS8() {
        SchemaModel plain = rich();
        java.util.function.Function<Boolean, SchemaModel> with = period -> {
            List<Table> tables = new java.util.ArrayList<>(plain.tables());
            List<Index.Part> parts = List.of(Index.Part.column("room"), Index.Part.column("until"), Index.Part.column("since"));
            Index key = new Index("one_at_a_time", true, parts, null, null);
            PrimaryKey pk = new PrimaryKey(null, List.of("id", "until", "since"));
            tables.add(new Table("booking", List.of(new Column("id", "int", false, null, null, null, null),
                    new Column("room", "int", false, null, null, null, null), new Column("since", "date", false, null, null, null, null),
                    new Column("until", "date", false, null, null, null, null)), period ? pk.withPeriod("stay") : pk,
                    List.of(period ? key.withPeriod("stay") : key), List.of(),
                    List.of(new Check("stay", "`since` < `until`", period)), null));
            return new SchemaModel(tables, plain.views(), plain.sequences(), plain.triggers(), plain.routines(), plain.enumTypes());
        };
        SchemaModel checked = with.apply(false);
        SchemaModel period = with.apply(true);
        assertThat(period.canonicalText()).isEqualTo(checked.canonicalText()
                .replace("(\"id\", \"until\", \"since\")\n", "(\"id\", \"until\", \"since\") without overlaps \"stay\"\n")
                .replace("method=-\n  check \"stay\" \"`since` < `until`\"\n",
                        "method=- without overlaps \"stay\"\n  check \"stay\" \"`since` < `until`\" period\n"));
        assertThat(period.checksum()).startsWith("s9:").isNotEqualTo(checked.checksum());
        assertThat(period.liveChecksum().versions().subList(0, 7)).isEqualTo(checked.liveChecksum().versions().subList(0, 7));
        assertThat(period.liveChecksum().as(checked.liveChecksum().versions().get(6))).as("an s7 record compares in s7")
                .isEqualTo(checked.liveChecksum().versions().get(6));
    }

    /** A PostgreSQL extension installed in the schema is a line of s9, and left out of older versions. */
    @Test
    void anExtensionIsALineOfS9() {
        SchemaModel plain = rich();
        java.util.function.Function<List<String>, SchemaModel> with = extensions -> new SchemaModel(plain.tables(), plain.views(),
                plain.sequences(), plain.triggers(), plain.routines(), plain.enumTypes(), plain.domains(), plain.compositeTypes(),
                extensions);
        SchemaModel two = with.apply(List.of("pg_trgm", "citext"));
        assertThat(two.canonicalText()).isEqualTo("extension \"citext\"\nextension \"pg_trgm\"\n" + TEXT);
        assertThat(List.of(plain.checksum(), with.apply(List.of("citext")).checksum(), two.checksum())).doesNotHaveDuplicates()
                .allMatch(c -> c.startsWith("s9:"));
        assertThat(two.liveChecksum().versions().subList(0, 8)).isEqualTo(plain.liveChecksum().versions().subList(0, 8));
        assertThat(two.liveChecksum().as("s8:" + HASH)).as("an s8 record compares in s8").isEqualTo("s8:" + HASH);

        // a view an extension made is the extension's from s9, and a line of older versions, as it was
        List<View> views = new java.util.ArrayList<>(plain.views());
        views.add(new View("pg_buffercache", "SELECT 1", false, List.of()));
        java.util.function.Function<List<String>, SchemaModel> withView = objects -> new SchemaModel(plain.tables(), views,
                plain.sequences(), plain.triggers(), plain.routines(), plain.enumTypes(), plain.domains(), plain.compositeTypes(),
                List.of("pg_buffercache"), objects);
        SchemaModel theirs = withView.apply(List.of("pg_buffercache"));
        SchemaModel ours = withView.apply(List.of());
        assertThat(theirs.canonicalText()).isEqualTo("extension \"pg_buffercache\"\n" + TEXT);
        assertThat(ours.canonicalText()).contains("view \"pg_buffercache\"");
        assertThat(theirs.liveChecksum().versions().subList(0, 8)).isEqualTo(ours.liveChecksum().versions().subList(0, 8))
                .doesNotContainAnyElementsOf(plain.liveChecksum().versions());
        assertThat(theirs.ownObjects().views()).isEqualTo(plain.views());
    }

    /** A MySQL/MariaDB event that ends by itself is a line of s3 and s4 and left out of s5; one without an end stays. */
    @Test
    void anEventThatEndsByItselfIsLeftOutOfS5() {
        SchemaModel plain = rich();
        Routine nightly = new Routine("nightly", "event", "CREATE EVENT `nightly` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE"
                + " ENABLE DO DELETE FROM orders");
        Routine once = new Routine("once", "event", "CREATE EVENT `once` ON SCHEDULE AT '2026-12-06 03:00:00' ON COMPLETION NOT PRESERVE"
                + " ENABLE DO DELETE FROM orders");
        Routine ends = new Routine("ends", "event", "CREATE EVENT `ends` ON SCHEDULE EVERY 1 HOUR ENDS '2026-12-31 00:00:00'"
                + " ON COMPLETION PRESERVE DISABLE DO DELETE FROM orders");
        java.util.function.Function<List<Routine>, SchemaModel> with = events -> {
            List<Routine> routines = new java.util.ArrayList<>(plain.routines());
            routines.addAll(events);
            return new SchemaModel(plain.tables(), plain.views(), plain.sequences(), plain.triggers(), routines, plain.enumTypes());
        };
        SchemaModel recurring = with.apply(List.of(nightly));
        SchemaModel all = with.apply(List.of(nightly, once, ends));
        assertThat(all.canonicalText()).isEqualTo(recurring.canonicalText()).contains("event \"nightly\"");
        assertThat(all.checksum()).isEqualTo(recurring.checksum());
        assertThat(all.liveChecksum().versions().get(3)).isNotEqualTo(recurring.liveChecksum().versions().get(3));
        assertThat(all.liveChecksum().versions().get(2)).isNotEqualTo(recurring.liveChecksum().versions().get(2));
        // a body that says AT or ENDS is not a schedule that does
        SchemaModel body = with.apply(List.of(nightly, new Routine("log", "event", "CREATE EVENT `log` ON SCHEDULE EVERY 1 HOUR"
                + " ON COMPLETION NOT PRESERVE ENABLE DO INSERT INTO log VALUES (' ON SCHEDULE AT ', ' ENDS ''x''')")));
        assertThat(body.canonicalText()).contains("event \"log\"");
    }

    /**
     * A PostgreSQL index key's operator class, where not its type's default, is a word of s5 and nothing before, on a
     * table's index and on a materialized view's alike.
     */
    @Test
    void anOperatorClassIsAWordOfS5OnATablesAndAMaterializedViewsIndex() {
        SchemaModel plain = rich();
        Index pattern = new Index("ix_total", false, List.of(new Index.Part("total", null, true, null, "text_pattern_ops")), null, null);
        SchemaModel onView = new SchemaModel(plain.tables(), plain.views().stream().map(v -> !v.name().equals("mv") ? v
                : new View(v.name(), v.definition(), true, List.of(pattern))).toList(), plain.sequences(), plain.triggers(),
                plain.routines(), plain.enumTypes());
        assertThat(onView.canonicalText()).isEqualTo(TEXT.replace(
                "materialized view \"mv\" as \"SELECT 1\"\n  index \"ix_total\" (\"total\" desc) where=- method=-\n",
                "materialized view \"mv\" as \"SELECT 1\"\n  index \"ix_total\" (\"total\" opclass \"text_pattern_ops\" desc)"
                        + " where=- method=-\n"));
        assertThat(onView.liveChecksum().versions()).containsExactly("s1:" + HASH, "s2:" + HASH, "s3:" + HASH, "s4:" + HASH,
                "s5:" + sha256(onView.canonicalText()), "s6:" + sha256(onView.canonicalText()), "s7:" + sha256(onView.canonicalText()),
                "s8:" + sha256(onView.canonicalText()), "s9:" + sha256(onView.canonicalText()));
        SchemaModel onTable = new SchemaModel(plain.tables().stream().map(t -> !t.name().equals("orders") ? t : new Table(t.name(),
                t.columns(), t.primaryKey(), t.indexes().stream().map(i -> i.name().equals("ix_total") ? pattern : i).toList(),
                t.foreignKeys(), t.checks(), t.collation(), t.partitioning())).toList(), plain.views(), plain.sequences(),
                plain.triggers(), plain.routines(), plain.enumTypes());
        assertThat(onTable.liveChecksum().versions()).containsExactly("s1:" + HASH, "s2:" + HASH, "s3:" + HASH, "s4:" + HASH,
                "s5:" + sha256(onTable.canonicalText()), "s6:" + sha256(onTable.canonicalText()), "s7:" + sha256(onTable.canonicalText()),
                "s8:" + sha256(onTable.canonicalText()), "s9:" + sha256(onTable.canonicalText()));
        assertThat(onTable.canonicalText()).contains("  index \"ix_total\" (\"total\" opclass \"text_pattern_ops\" desc) where=- method=-\n  unique");
    }

    /** H2's array and case-blind text types are spelled in full from s5; older versions' text has them as their readers did. */
    @Test
    void h2ArrayAndCaseBlindTypesAreSpelledInFullFromS5() {
        SchemaModel plain = rich();
        java.util.function.Function<List<String>, SchemaModel> with = types -> new SchemaModel(plain.tables().stream()
                .map(t -> !t.name().equals("parent") ? t : new Table(t.name(), List.of(t.columns().get(0),
                        new Column("tags", types.get(0), true, null, null, null, null),
                        new Column("nick", types.get(1), true, null, null, null, null)), t.primaryKey(), t.indexes(),
                        t.foreignKeys(), t.checks(), t.collation(), t.partitioning())).toList(),
                plain.views(), plain.sequences(), plain.triggers(), plain.routines(), plain.enumTypes());
        SchemaModel before = with.apply(List.of("array", "varchar_ignorecase"));
        SchemaModel now = with.apply(List.of("varchar(20) array[3]", "varchar_ignorecase(5)"));
        assertThat(now.canonicalText()).contains("type=\"varchar(20) array[3]\"", "type=\"varchar_ignorecase(5)\"");
        assertThat(now.liveChecksum().versions().subList(0, 4)).isEqualTo(before.liveChecksum().versions().subList(0, 4));
        assertThat(now.checksum()).isNotEqualTo(before.checksum());
        assertThat(CanonicalForm.typeBeforeS5("text array")).isEqualTo("array");
        assertThat(CanonicalForm.typeBeforeS5("integer")).isEqualTo("integer");
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
