package dev.dbshift.online;

import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static dev.dbshift.testing.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL online copy leaves the table as the server's own ALTER would: rows converted as it converts them
 * ({@code USING}, assignment, the session's time zone), and identity and serial sequences where and as they would be.
 */
class OnlinePostgresAlterParityTest {

    /**
     * {@code ALTER COLUMN c TYPE t USING expression}: each row, copied or replayed after the application wrote it during
     * the copy, holds what the expression gives. Before, the copy read the column through a cast alone: {@code USING
     * price * 100} left every price as it was (1.25 became 1), the checksum (which read the source the same way) agreed,
     * and the change said done.
     */
    @Test
    void everyRowCopiedOrReplayedHoldsWhatTheUsingExpressionGives() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE prices (id int PRIMARY KEY, price numeric(10,2) NOT NULL, \"Label\" text, paid numeric(10,2))");
                st.execute("INSERT INTO prices SELECT g, g + 0.25, 'p' || g, g + 0.25 FROM generate_series(1, 3000) g");
            }
            String spec = "ALTER COLUMN price TYPE bigint USING (price * 100)::bigint,"
                    + " ALTER \"Label\" SET DATA TYPE varchar(20) USING upper(\"Label\") || ',' || (id % 7)";
            // the dry run says how each converted column is read
            assertThat(new OnlineMigrator(new PostgresOnlineChange(), db::connect, OnlineOptions.defaults(), null)
                    .plan(db.name(), "prices", spec).text())
                    .contains("converted:    [price by (price * 100)::bigint, Label by upper(\"Label\") || ',' || (id % 7)]");
            Object outcome;
            try (HeldChange held = HeldChange.start(OnlineVendor.POSTGRES, db, "prices", spec,
                    OnlineConcurrentWritesTest.testOptions().withPostponeCutover(true))) {
                // the capture trigger is on and the pause file holds the first chunk: these writes reach the shadow by the replay
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("UPDATE prices SET price = price + 1, paid = paid + 1 WHERE id % 10 = 0");
                    st.execute("INSERT INTO prices VALUES (5000, 7.5, 'new', 7.5)");
                    st.execute("DELETE FROM prices WHERE id = 7");
                }
                held.release();
                // and these once the copy is done, while the sync trigger writes each into the shadow until the swap
                OnlineCrashResumeTest.waitFor(db, "prices", s -> s.phase() == Phase.WAIT_CUTOVER);
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("UPDATE prices SET price = price + 2, paid = paid + 2 WHERE id % 10 = 1");
                    st.execute("INSERT INTO prices VALUES (6000, 9.99, 'late', 9.99)");
                }
                new OnlineControl(new PostgresOnlineChange(), db::connect).requestCutover(db.name(), "prices");
                outcome = held.outcome();
            }
            assertThat(outcome).isInstanceOf(OnlineResult.class);
            assertThat(((OnlineResult) outcome).outcome()).isEqualTo(Phase.DONE);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT count(*)::text FROM prices")).containsExactly("3001");
                assertThat(strings(st, "SELECT price || ' ' || \"Label\" FROM prices WHERE id IN (11, 6000) ORDER BY id"))
                        .containsExactly("1325 P11,4", "999 LATE,1");
                assertThat(strings(st, "SELECT count(*)::text FROM prices WHERE price <> (paid * 100)::bigint"
                        + " OR \"Label\" <> upper('p' || id) || ',' || (id % 7) AND id NOT IN (5000, 6000)")).containsExactly("0");
                assertThat(strings(st, "SELECT price || ' ' || \"Label\" FROM prices WHERE id IN (2, 10, 5000) ORDER BY id"))
                        .containsExactly("225 P2,2", "1125 P10,3", "750 NEW,2");
                assertThat(strings(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'prices'::regclass"
                        + " AND attname IN ('price', 'Label') ORDER BY attnum")).containsExactly("bigint", "character varying(20)");
            }
        }
    }

    /** A quoted name renamed beside a type change: it was refused, "renamed column "Aa" does not exist in q". */
    @Test
    void aQuotedColumnRenamedBesideAConversionKeepsItsValues() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE q (id int PRIMARY KEY, \"Aa\" int, bb int)");
                st.execute("INSERT INTO q SELECT g, g, g FROM generate_series(1, 1000) g");
            }
            OnlineResult r = OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "q",
                    "RENAME COLUMN \"Aa\" TO \"D\"\"d\", ALTER COLUMN bb TYPE bigint USING bb * 2", OnlineConcurrentWritesTest.testOptions());
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT count(*)::text FROM q WHERE \"D\"\"d\" = id AND bb = 2 * id")).containsExactly("1000");
            }
        }
    }

    /**
     * A {@code timestamp} made {@code timestamptz} by the copy is read in the database's time zone, as a plain ALTER run
     * from psql reads it, not in the JVM's, which the driver sent (each row was off by the zones' difference).
     */
    @Test
    void aTimestampMadeTimestamptzIsReadInTheDatabasesZone() throws Exception {
        String zone = java.util.TimeZone.getDefault().toZoneId().normalized().getId().equals("America/New_York")
                ? "Asia/Tokyo" : "America/New_York";
        try (TestDatabase db = TestDatabase.postgresDatabase()) {
            db.exec("ALTER DATABASE " + db.name() + " SET timezone = '" + zone + "'");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE ev (id int PRIMARY KEY, ts timestamp NOT NULL, was timestamp NOT NULL)");
                st.execute("INSERT INTO ev SELECT g, '2024-01-01'::timestamp + g * interval '1 hour', '2024-01-01'::timestamp"
                        + " + g * interval '1 hour' FROM generate_series(1, 500) g");
            }
            OnlineResult r = OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, "public", "ev",
                    "ALTER COLUMN ts TYPE timestamptz", OnlineConcurrentWritesTest.testOptions());
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertThat(r.rowsCopied()).isEqualTo(500);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT count(*)::text FROM ev WHERE ts = was AT TIME ZONE '" + zone + "'")).containsExactly("500");
            }
        }
    }

    /**
     * A type change the server's ALTER refuses for a value (one too long for a shorter {@code varchar}) fails online too,
     * the table unchanged; one every value fits goes through. Before, the copy read each column through an explicit
     * cast, which cuts such a value short: 'name-50' became 'name-' and the change said done.
     */
    @Test
    void aValueTooLongForTheNewTypeFailsTheChangeAsTheAlterWould() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE tr (id int PRIMARY KEY, name varchar(20), code varchar(20))");
                st.execute("INSERT INTO tr SELECT g, 'name-' || g, 'c' || (g % 10) FROM generate_series(1, 100) g");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnlineMigrator.alter(new PostgresOnlineChange(), db::connect,
                            db.name(), "tr", "ALTER COLUMN name TYPE varchar(5)", OnlineConcurrentWritesTest.testOptions()))
                    .isInstanceOf(OnlineException.class).hasMessageContaining("value too long").hasMessageContaining("tr is unchanged");
            OnlineResult fits = OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "tr",
                    "ALTER COLUMN code TYPE varchar(2)", OnlineConcurrentWritesTest.testOptions());
            assertThat(fits.outcome()).isEqualTo(Phase.DONE);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT count(*)::text FROM tr WHERE name = 'name-' || id AND code = 'c' || (id % 10)"))
                        .containsExactly("100");
                assertThat(strings(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tr'::regclass"
                        + " AND attname IN ('name', 'code') ORDER BY attnum")).containsExactly("character varying(20)", "character varying(2)");
            }
        }
    }

    /**
     * Identity and serial columns: a renamed identity column's sequence goes on where the table's was, a column the
     * change adds numbers the rows as a plain ALTER does, and every sequence has the name a plain ALTER leaves. Before,
     * an identity column added or renamed failed the change ("column ... does not exist"), and the identity sequences
     * kept the shadow's names ({@code _t_new_id_seq}), so {@code setval('t_id_seq', ...)} failed after an online change.
     */
    @Test
    void identityAndSerialSequencesAreWhereAndAsAPlainAlterLeavesThem() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE idt (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v int)");
                st.execute("INSERT INTO idt (v) SELECT x FROM generate_series(1, 50) x");
            }
            OnlineResult r = OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "idt",
                    "RENAME COLUMN ID TO ident, ADD COLUMN s serial, ADD COLUMN k bigint GENERATED BY DEFAULT AS IDENTITY,"
                            + " ALTER COLUMN v TYPE bigint", OnlineConcurrentWritesTest.testOptions());
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT pg_get_serial_sequence('idt', 'ident') || ' ' || pg_get_serial_sequence('idt', 's')"
                        + " || ' ' || pg_get_serial_sequence('idt', 'k')"))
                        .containsExactly(db.name() + ".idt_id_seq " + db.name() + ".idt_s_seq " + db.name() + ".idt_k_seq");
                assertThat(strings(st, "SELECT count(*)::text FROM idt WHERE s = ident AND k = ident")).containsExactly("50");
                st.execute("INSERT INTO idt (v) VALUES (51)");
                assertThat(strings(st, "SELECT ident || ' ' || s || ' ' || k FROM idt WHERE v = 51")).containsExactly("51 51 51");
                assertThat(strings(st, "SELECT setval('idt_id_seq', 100)::text")).containsExactly("100");
                assertThat(strings(st, "SELECT relname::text FROM pg_class WHERE relkind = 'S'"
                        + " AND relnamespace = current_schema()::regnamespace ORDER BY 1")).containsExactly("idt_id_seq", "idt_k_seq", "idt_s_seq");
            }
        }
    }
    /**
     * What a plain ALTER keeps on and around the table, an online change keeps too: each column's statistics target and
     * n_distinct, the index CLUSTER uses, the names of the extended statistics and of an index over a renamed column, the
     * comments of the indexes and NOT VALID checks built after the copy, and on a view over the table its INSTEAD OF
     * trigger, rule, column default and comments. The same schema is made twice,
     * changed by a plain ALTER in one and online in the other, and the catalog compared. Before, the online change lost
     * them all (the view's trigger too, so an INSERT through the view failed) and named the index {@code t_v_idx}.
     */
    @Test
    void whatAPlainAlterKeepsOnAndAroundTheTableTheOnlineChangeKeeps() throws Exception {
        try (TestDatabase plain = TestDatabase.create(TestDatabase.Vendor.POSTGRES);
             TestDatabase online = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            String spec = "RENAME COLUMN v TO vv, ALTER COLUMN vv TYPE bigint";
            for (TestDatabase db : java.util.List.of(plain, online)) {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE t (id int PRIMARY KEY, n text NOT NULL, v int, w text)");
                    st.execute("INSERT INTO t SELECT g, 'n' || g, g, 'w' FROM generate_series(1, 2000) g");
                    st.execute("ALTER TABLE t ALTER COLUMN v SET STATISTICS 500, ALTER COLUMN w SET STATISTICS 300,"
                            + " ALTER COLUMN n SET (n_distinct = -1)");
                    st.execute("CREATE INDEX t_v ON t (v)");
                    st.execute("COMMENT ON INDEX t_v IS E'by v,\\nit''s \\\\ all'");
                    st.execute("ALTER TABLE t ADD CONSTRAINT t_small CHECK (id < 100000) NOT VALID");
                    st.execute("COMMENT ON CONSTRAINT t_small ON t IS 'not checked'");
                    st.execute("ALTER TABLE t CLUSTER ON t_v");
                    st.execute("CREATE STATISTICS t_st ON v, w FROM t");
                    st.execute("CREATE VIEW tv AS SELECT t.id, t.n, length(t.w) AS lw FROM t JOIN (SELECT 1) x ON true");
                    st.execute("COMMENT ON COLUMN tv.n IS 'the name'");
                    st.execute("ALTER VIEW tv ALTER COLUMN lw SET DEFAULT 7");
                    st.execute("CREATE FUNCTION " + db.name() + ".tv_insert() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
                            + " INSERT INTO " + db.name() + ".t (id, n, w) VALUES (NEW.id, NEW.n, repeat('x', NEW.lw)); RETURN NEW; END $f$");
                    st.execute("CREATE TRIGGER tv_insert INSTEAD OF INSERT ON tv FOR EACH ROW EXECUTE FUNCTION " + db.name() + ".tv_insert()");
                    st.execute("COMMENT ON TRIGGER tv_insert ON tv IS 'writes through'");
                    st.execute("CREATE RULE tv_delete AS ON DELETE TO tv DO INSTEAD DELETE FROM t WHERE id = OLD.id");
                }
            }
            // PostgreSQL takes a RENAME alone; dbshift's spec takes both, one clause after the other
            plain.exec("ALTER TABLE t RENAME COLUMN v TO vv");
            plain.exec("ALTER TABLE t ALTER COLUMN vv TYPE bigint");
            OnlineResult r = OnlineMigrator.alter(new PostgresOnlineChange(), online::connect, online.name(), "t", spec,
                    OnlineConcurrentWritesTest.testOptions());
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            java.util.List<String> expected = catalog(plain);
            assertThat(expected).contains("index t_v true btree (vv) by v,\nit's \\ all", "view trigger tv_insert O writes through",
                    "constraint t_small CHECK ((id < 100000)) NOT VALID not checked",
                    "view rule tv_delete", "column vv 500 ", "column n -1 n_distinct=-1", "statistics t_st");
            assertThat(catalog(online)).containsExactlyElementsOf(expected);
            try (Connection c = online.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO tv (id, n) VALUES (9999, 'through the view')");
                st.execute("DELETE FROM tv WHERE id = 1");
                assertThat(strings(st, "SELECT n || ' ' || w FROM t WHERE id IN (1, 9999) ORDER BY id"))
                        .containsExactly("through the view xxxxxxx");
            }
        }
    }

    /**
     * A table kept on a tablespace of its own, and its indexes, are there after an online change, as after a plain ALTER
     * (which rewrites them in place). Before, the copy was written to the database's default tablespace (LIKE does not
     * carry it), and so were the indexes built after the copy: a table put on a volume of its own for its size filled
     * the other one. The tablespace's directory is made here for the server (tests run on its machine, as root).
     */
    @Test
    void aTableOnATablespaceOfItsOwnStaysThereWithItsIndexes() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dbshift-ts");
        java.nio.file.Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        String tablespace = "dbs_" + dir.getFileName().toString().replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            db.exec("CREATE TABLESPACE " + tablespace + " LOCATION '" + dir + "'");
            try {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE big (id int PRIMARY KEY USING INDEX TABLESPACE " + tablespace + ", v int, w int)"
                            + " TABLESPACE " + tablespace);
                    st.execute("CREATE INDEX big_v ON big (v) TABLESPACE " + tablespace);
                    st.execute("CREATE INDEX big_vw ON big (v) INCLUDE (w) TABLESPACE " + tablespace + " WHERE v > 5");
                    st.execute("CREATE INDEX big_w ON big (w) WHERE w > 5");
                    st.execute("INSERT INTO big SELECT g, g, g FROM generate_series(1, 2000) g");
                }
                OnlineResult r = OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "big",
                        "ALTER COLUMN v TYPE bigint", OnlineConcurrentWritesTest.testOptions());
                assertThat(r.outcome()).isEqualTo(Phase.DONE);
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    assertThat(strings(st, "SELECT c.relname || ' ' || coalesce(t.spcname, '-') FROM pg_class c LEFT JOIN pg_tablespace t"
                            + " ON t.oid = c.reltablespace WHERE c.relnamespace = current_schema()::regnamespace AND c.relname LIKE 'big%'"
                            + " ORDER BY 1")).containsExactly("big " + tablespace, "big_pkey " + tablespace, "big_v " + tablespace,
                            "big_vw " + tablespace, "big_w -");
                    assertThat(strings(st, "SELECT pg_get_indexdef('big_vw'::regclass)")).singleElement().asString()
                            .endsWith("USING btree (v) INCLUDE (w) WHERE (v > 5)");
                    st.execute("DROP TABLE big");
                }
            } finally {
                db.exec("DROP TABLE IF EXISTS big");
                db.exec("DROP TABLESPACE IF EXISTS " + tablespace);
                try (var files = java.nio.file.Files.walk(dir)) {
                    for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** What {@link #whatAPlainAlterKeepsOnAndAroundTheTableTheOnlineChangeKeeps} compares, without the schema's name. */
    private static java.util.List<String> catalog(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            return strings(st, "SELECT 'column ' || attname || ' ' || attstattarget || ' ' || array_to_string(array(SELECT o"
                    + " FROM unnest(attoptions) o WHERE split_part(o, '=', 1) LIKE 'n\\_distinct%'), ',') FROM pg_attribute"
                    + " WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped"
                    + " UNION ALL SELECT 'index ' || c.relname || ' ' || i.indisclustered || ' '"
                    + " || substring(pg_get_indexdef(i.indexrelid) from 'USING (.*)$') || ' ' || coalesce(obj_description(c.oid,"
                    + " 'pg_class'), '-') FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 't'::regclass"
                    + " UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) || ' '"
                    + " || coalesce(obj_description(oid, 'pg_constraint'), '-') FROM pg_constraint WHERE conrelid = 't'::regclass"
                    + " UNION ALL SELECT 'statistics ' || stxname FROM pg_statistic_ext WHERE stxrelid = 't'::regclass"
                    + " UNION ALL SELECT 'view trigger ' || tgname || ' ' || tgenabled::text || ' ' || obj_description(oid, 'pg_trigger')"
                    + " FROM pg_trigger WHERE tgrelid = 'tv'::regclass"
                    + " UNION ALL SELECT 'view rule ' || rulename FROM pg_rewrite WHERE ev_class = 'tv'::regclass"
                    + " UNION ALL SELECT 'view column ' || attname || ' ' || coalesce(col_description(attrelid, attnum), '-') || ' '"
                    + " || coalesce((SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = attrelid AND adnum = attnum), '-')"
                    + " FROM pg_attribute WHERE attrelid = 'tv'::regclass AND attnum > 0 ORDER BY 1");
        }
    }
}
