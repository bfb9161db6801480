package dev.dbshift.integration;

import dev.dbshift.execute.Report;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A differential test of the online engine through migrations: each ALTER of a list of everyday ones runs as a
 * {@code -- dbshift:online} migration on {@code items} and as a plain migration on {@code twin}, an identical table, and
 * after each the two tables must have the same definition (what the database's catalog says, names aside) and the
 * same rows. Native and copied changes alike: what PostgreSQL does in place failed every time until a query of the
 * native path was fixed, and nothing had run it.
 */
class OnlineMatchesPlainAlterTest {
    private static final int ROWS = 3_000;
    private TestDatabase db;
    private final TestProject project = TestProject.create();

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    private static List<String> steps(Vendor vendor) {
        return vendor == Vendor.POSTGRES ? List.of(
                "ADD COLUMN flags INT NOT NULL DEFAULT 0",
                "ALTER COLUMN amount TYPE NUMERIC(14,2)",
                "ALTER COLUMN note TYPE TEXT",
                "ADD CONSTRAINT %s_amount_positive CHECK (amount >= 0)",
                "ALTER COLUMN status SET DEFAULT 'open'",
                "DROP COLUMN legacy",
                "ADD COLUMN total NUMERIC(16,2) GENERATED ALWAYS AS (amount * 2) STORED",
                "ALTER COLUMN status TYPE VARCHAR(30), ADD COLUMN tag VARCHAR(10) DEFAULT 'x'",
                "ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC'",
                "ADD CONSTRAINT %s_note_unique UNIQUE (note)",
                "RENAME COLUMN note TO remark",
                "ALTER COLUMN tag TYPE VARCHAR(20), ALTER COLUMN tag SET DEFAULT 'y', ALTER COLUMN amount SET DEFAULT 0",
                "ADD COLUMN uid UUID NOT NULL DEFAULT gen_random_uuid()",
                "ADD COLUMN attrs JSONB NOT NULL DEFAULT '{}'::jsonb, ADD COLUMN tags TEXT[] DEFAULT '{a,b}'",
                "ALTER COLUMN status DROP DEFAULT, ALTER COLUMN tag TYPE VARCHAR(10) COLLATE \"C\"",
                "ADD CONSTRAINT %s_total_check CHECK (total >= 100) NOT VALID, ALTER COLUMN flags TYPE INT",
                "ALTER COLUMN uid SET DEFAULT NULL, ADD CONSTRAINT %s_flags_check CHECK (flags >= 0) NOT VALID",
                "SET (fillfactor = 70), ALTER COLUMN flags TYPE BIGINT",
                "DROP CONSTRAINT %s_amount_positive, ALTER COLUMN created_at SET DEFAULT now()",
                "DELETE FROM %s WHERE id > 2990;\nALTER TABLE %s ALTER COLUMN flags TYPE NUMERIC(12)",
                "DROP CONSTRAINT %s_note_unique, ADD UNIQUE (id, tag), ALTER COLUMN flags TYPE INT",
                "ADD CONSTRAINT %s_uid_key UNIQUE (uid), ALTER COLUMN flags TYPE BIGINT",
                "!ALTER TABLE ONLY %s ALTER COLUMN flags TYPE NUMERIC(14), ADD COLUMN dumped BOOLEAN DEFAULT true",
                "!ALTER TABLE %s ADD COLUMN a1 INT DEFAULT 1;\nALTER TABLE %s ALTER COLUMN a1 TYPE BIGINT;\n"
                        + "UPDATE %s SET a1 = 2 WHERE id = 500;\nALTER TABLE %s ALTER COLUMN a1 SET NOT NULL",
                "DROP CONSTRAINT %s_uid_key, ADD CONSTRAINT %s_uid_unique UNIQUE (uid), ALTER COLUMN a1 TYPE NUMERIC(12)")
                : List.of(
                "ADD COLUMN flags INT NOT NULL DEFAULT 0",
                "MODIFY amount DECIMAL(14,2) NOT NULL",
                "ADD INDEX idx_note (note)",
                "ADD CONSTRAINT amount_positive CHECK (amount >= 0)",
                "ALTER COLUMN status SET DEFAULT 'open'",
                "DROP COLUMN legacy",
                "ADD COLUMN total DECIMAL(16,2) AS (amount * 2) STORED",
                "MODIFY status VARCHAR(30) NOT NULL DEFAULT 'open', ADD COLUMN tag VARCHAR(10) DEFAULT 'x'",
                "CHANGE note remark VARCHAR(60)",
                "CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                "DROP INDEX idx_status, ADD INDEX idx_status_amount (status, amount)",
                "ADD UNIQUE KEY uq_remark (remark)",
                "ADD COLUMN uid CHAR(36) NOT NULL DEFAULT (UUID())",
                "ADD COLUMN pos INT NOT NULL DEFAULT 7 AFTER id, MODIFY amount DECIMAL(16,3) NOT NULL DEFAULT 0",
                "MODIFY created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)",
                "ADD COLUMN attrs JSON NULL, MODIFY status ENUM('new','paid','open') NOT NULL DEFAULT 'open'",
                "ALTER COLUMN tag DROP DEFAULT, COMMENT = 'orders'",
                "ADD FULLTEXT INDEX ft_remark (remark)",
                "MODIFY flags BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'bits', ROW_FORMAT=DYNAMIC",
                "DROP CONSTRAINT amount_positive, ENGINE=InnoDB",
                "DELETE FROM %s WHERE id > 2990;\nALTER TABLE %s MODIFY flags BIGINT NOT NULL DEFAULT 0",
                "ADD COLUMN first_col INT NOT NULL DEFAULT 1 FIRST, MODIFY remark VARCHAR(60) AFTER status",
                "ADD COLUMN v DECIMAL(16,2) AS (amount + 1) VIRTUAL, ADD KEY idx_remark_prefix (remark(10))",
                "RENAME INDEX idx_note TO idx_remark, MODIFY tag VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_bin",
                "ADD COLUMN hidden INT INVISIBLE DEFAULT 3, MODIFY remark TEXT",
                "!ALTER TABLE %s ADD COLUMN a1 INT DEFAULT 1;\nALTER TABLE %s MODIFY a1 BIGINT;\n"
                        + "UPDATE %s SET a1 = 2 WHERE id = 500;\nALTER TABLE %s MODIFY a1 BIGINT NOT NULL DEFAULT 1");
    }

    /**
     * A step's statements for table {@code t}: an ALTER of it, after the statements its text has before one; a step
     * starting with {@code !} is a whole statement (pg_dump's {@code ALTER TABLE ONLY}).
     */
    private static String statements(String step, String t) {
        if (step.startsWith("!")) {
            return step.substring(1).replace("%s", t) + ";\n";
        }
        String text = step.replace("%s", t);
        int alter = text.lastIndexOf("\n");
        return alter < 0 ? "ALTER TABLE " + t + " " + text + ";\n" : text + ";\n";
    }

    private static String create(Vendor vendor, String t) {
        return vendor == Vendor.POSTGRES
                ? "CREATE TABLE " + t + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, status VARCHAR(20) NOT NULL"
                + " DEFAULT 'new', amount NUMERIC(10,2) NOT NULL, note VARCHAR(40), legacy INT, created_at TIMESTAMP NOT NULL"
                + " DEFAULT '2024-01-01');\nCREATE INDEX " + t + "_status ON " + t + " (status);\n"
                + "INSERT INTO " + t + " (status, amount, note, legacy, created_at) SELECT CASE WHEN g % 3 = 0 THEN 'paid'"
                + " ELSE 'new' END, g / 7.0, CASE WHEN g % 5 = 0 THEN NULL ELSE 'note ' || g END, g, TIMESTAMP '2024-01-01'"
                + " + g * INTERVAL '1 minute' FROM generate_series(1, " + ROWS + ") g;\n"
                : "CREATE TABLE " + t + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, status VARCHAR(20) NOT NULL DEFAULT 'new',"
                + " amount DECIMAL(10,2) NOT NULL, note VARCHAR(40), legacy INT, created_at DATETIME NOT NULL"
                + " DEFAULT '2024-01-01 00:00:00', KEY idx_status (status)) ENGINE=InnoDB DEFAULT CHARSET=latin1;\n"
                + "INSERT INTO " + t + " (status, amount, note, legacy, created_at) SELECT IF(seq % 3 = 0, 'paid', 'new'),"
                + " seq / 7, IF(seq % 5 = 0, NULL, CONCAT('note ', seq)), seq, '2024-01-01' + INTERVAL seq MINUTE"
                + " FROM seq_1_to_" + ROWS + ";\n";
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES"})
    void eachOnlineAlterLeavesTheTableAPlainAlterLeaves(Vendor vendor) throws Exception {
        db = TestDatabase.create(vendor);
        project.file("migrations/1__tables.sql", create(vendor, "items") + create(vendor, "twin"));
        List<String> steps = steps(vendor);
        for (int i = 0; i < steps.size(); i++) {
            int v = 2 + 2 * i;
            project.file("migrations/" + v + "__online.sql", "-- dbshift:online"
                    + (steps.get(i).contains("UNIQUE") ? " allow-unique" : "") + "\n" + statements(steps.get(i), "items"));
            project.file("migrations/" + (v + 1) + "__plain.sql", statements(steps.get(i), "twin"));
        }
        for (int i = 0; i <= steps.size(); i++) {
            String target = String.valueOf(i == 0 ? 1 : 1 + 2 * i);
            Report r = project.configure(db).load().up(target);
            assertThat(r.success()).as("up to %s (%s): %s", target, i == 0 ? "the tables" : steps.get(i - 1), r.error()).isTrue();
            try (Connection c = db.connect()) {
                String step = i == 0 ? "the tables" : steps.get(i - 1);
                assertThat(definition(c, vendor, "items")).as("the definition after " + step).isEqualTo(definition(c, vendor, "twin"));
                assertThat(rows(c, "items")).as("the rows after " + step).isEqualTo(rows(c, "twin"));
                if (step.contains("uid")) {
                    // a volatile default: each table's rows have values of their own, one each, all different
                    assertThat(count(c, "SELECT COUNT(DISTINCT uid) FROM items")).isEqualTo(count(c, "SELECT COUNT(*) FROM items"));
                }
            }
        }
    }

    /** What the catalog says of the table, with its own name (and names made of it) replaced by {@code T}. */
    private static List<String> definition(Connection c, Vendor vendor, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        if (vendor == Vendor.POSTGRES) {
            String rel = "'" + table + "'::regclass";
            out.addAll(strings(c, "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text"
                    + " || ' ' || a.attidentity::text || a.attgenerated::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')"
                    + " || ' ' || coalesce(col.collname, '') FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid"
                    + " AND d.adnum = a.attnum LEFT JOIN pg_collation col ON col.oid = a.attcollation AND a.attcollation <> 100"
                    + " WHERE a.attrelid = " + rel + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"));
            out.addAll(strings(c, "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = " + rel + " ORDER BY 1"));
            out.addAll(strings(c, "SELECT conname || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE conrelid = " + rel + " ORDER BY 1"));
            out.addAll(strings(c, "SELECT relpersistence::text || relreplident::text || coalesce(array_to_string(reloptions, ','), '')"
                    + " FROM pg_class WHERE oid = " + rel));
            out.addAll(strings(c, "SELECT 'next id ' || coalesce(pg_sequence_last_value(pg_get_serial_sequence('" + table
                    + "', 'id')), 0)"));
        } else {
            out.add(strings(c, "SHOW CREATE TABLE " + table).get(0));
        }
        return out.stream().map(s -> s.replace(table, "T")).toList();
    }

    private static List<String> rows(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (md.getColumnLabel(i).equalsIgnoreCase("uid")) {
                        continue;
                    }
                    row.append(md.getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        return Long.parseLong(strings(c, sql).get(0));
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int column = sql.startsWith("SHOW CREATE") ? 2 : 1;
            while (rs.next()) {
                out.add(rs.getString(column));
            }
        }
        return out;
    }

    /**
     * A copied change that drops one of the table's foreign keys: the shadow has none (the swap gives it the table's),
     * so PostgreSQL refused the clause there ("constraint ... of relation items does not exist"). The clause now skips
     * the copies, and the swap leaves that key with the old table; the other key comes across. Also with the key's
     * column dropped in the same change.
     */
    @org.junit.jupiter.api.Test
    void aCopiedChangeThatDropsAForeignKeyDropsItAndCarriesTheOthers() throws Exception {
        db = TestDatabase.create(Vendor.POSTGRES);
        project.file("migrations/1__t.sql", "CREATE TABLE parent (id INT PRIMARY KEY);\nINSERT INTO parent VALUES (1);\n"
                + "CREATE TABLE items (id INT PRIMARY KEY, p INT CONSTRAINT items_p_fk REFERENCES parent (id),"
                + " q INT CONSTRAINT \"Items_Q_fk\" REFERENCES parent (id), n INT);\nINSERT INTO items VALUES (1, 1, 1, 1);\n");
        project.file("migrations/2__o.sql", "-- dbshift:online\nALTER TABLE items DROP CONSTRAINT IF EXISTS Items_P_Fk,"
                + " ALTER COLUMN n TYPE BIGINT;\n");
        project.file("migrations/3__o.sql", "-- dbshift:online\nALTER TABLE items DROP CONSTRAINT \"Items_Q_fk\", DROP COLUMN q,"
                + " ALTER COLUMN n TYPE NUMERIC(12);\n");
        Report r = project.configure(db).load().up("2");
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(r.results().get(1).notes()).singleElement().asString().contains("online copy of items: done");
        try (Connection c = db.connect()) {
            assertThat(strings(c, "SELECT conname || ' ' || convalidated::text FROM pg_constraint WHERE conrelid = 'items'::regclass"
                    + " ORDER BY 1")).containsExactly("Items_Q_fk true", "items_pkey true");
        }
        Report again = project.configure(db).load().up();
        assertThat(again.success()).as(again.error()).isTrue();
        try (Connection c = db.connect()) {
            assertThat(strings(c, "SELECT conname FROM pg_constraint WHERE conrelid = 'items'::regclass ORDER BY 1"))
                    .containsExactly("items_pkey");
            assertThat(strings(c, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'q'"
                    + " AND NOT attisdropped")).containsExactly("0");
        }
    }
}
