package dev.dbshift.bench.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The migration files both linters read. First the repository's own PostgreSQL migration scripts, copied as they
 * are (with their down scripts): the quickstart example's migrations and the PostgreSQL dump and routines of the
 * SQL scanner's test corpus. Then other projects' real PostgreSQL migration sets ({@link RealCorpus}). Then, only
 * when these are fewer than the count asked for, generated migrations up to it, each 1-5 statements drawn with a
 * fixed seed from the statements real migration sets are made of (new tables, indexes, columns, constraints,
 * renames, drops, type changes, backfills, enums, views and functions), each in its risky and in its safe form,
 * a third of the files opening with {@code SET lock_timeout}/{@code statement_timeout}, and one in ten a
 * {@code -- dbshift:no-transaction} file of concurrent index builds. Deterministic: every run lints the same text.
 */
final class LintCorpus {

    /** The repository's PostgreSQL migration scripts, relative to the repository root. */
    static final List<String> REAL = List.of(
            "examples/quickstart/migrations/1.0__create_customers.sql",
            "examples/quickstart/migrations/1.1__index_customer_email.sql",
            "examples/quickstart/migrations/1.3__seed_statuses.sql",
            "examples/quickstart/migrations/R__reporting_views.sql",
            "core/src/test/resources/sql/dumps/postgres-schema.sql",
            "core/src/test/resources/sql/postgres/routines.sql");

    /** How a generated file's name ends. */
    static final String GENERATED = "__generated.sql";

    private static final String[] TABLES = {"account", "invoice", "invoice_line", "payment", "customer", "orders",
        "order_item", "product", "inventory", "shipment", "address", "audit_log", "session", "subscription", "plan",
        "coupon", "refund", "warehouse", "supplier", "review"};
    private static final String[] COLUMNS = {"status", "email", "amount", "note", "created_by", "region", "score",
        "currency", "external_ref", "priority", "deleted_at", "tenant_id", "sku", "label", "country_code"};

    private final Random random = new Random(13);
    private int counter;

    private LintCorpus() {
    }

    /**
     * Writes the corpus into {@code dir}, emptied first: the repository's scripts (with their down scripts), then
     * the {@code real} scripts of other projects, then generated migrations up to {@code count} files when fewer
     * real ones exist; and {@code manifest.tsv}, each file with its origin ({@code repo:path},
     * {@code groupId:artifactId:version:path} or {@code generated}). Returns how many files are real.
     */
    static int write(Path repoRoot, Path dir, int count, List<RealCorpus.Script> real) throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        StringBuilder manifest = new StringBuilder("file\torigin\n");
        int n = 0;
        for (String repo : REAL) {
            Path src = repoRoot.resolve(repo);
            String name = String.format("V%04d__repo_%s", ++n, src.getFileName().toString().replaceFirst("^[^_]*__", ""));
            Files.copy(src, dir.resolve(name));
            manifest.append(name).append("\trepo:").append(repo).append('\n');
            Path down = src.resolveSibling(src.getFileName().toString().replaceFirst("\\.sql$", ".down.sql"));
            if (Files.exists(down)) {
                Files.copy(down, dir.resolve(name.replaceFirst("\\.sql$", ".down.sql")));
            }
        }
        for (RealCorpus.Script s : real) {
            String base = s.path().substring(s.path().lastIndexOf('/') + 1);
            String name = String.format("V%04d__%s_%s", ++n, s.artifactId(), base);
            Files.writeString(dir.resolve(name), s.text());
            manifest.append(name).append('\t').append(s.origin()).append('\n');
        }
        int realFiles = n;
        LintCorpus gen = new LintCorpus();
        while (n < count) {
            n++;
            String name = String.format("V%04d", n) + GENERATED;
            Files.writeString(dir.resolve(name), gen.migration());
            manifest.append(name).append("\tgenerated\n");
        }
        Files.writeString(dir.resolve("manifest.tsv"), manifest);
        return realFiles;
    }

    private String migration() {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(10) == 0) {
            sb.append("-- dbshift:no-transaction\n");
            for (int i = random.nextInt(2) + 1; i > 0; i--) {
                sb.append(pick(CONCURRENT)).append('\n');
            }
            return sb.toString();
        }
        sb.append("-- ").append(pick(PURPOSES)).append('\n');
        if (random.nextInt(3) == 0) {
            sb.append("SET lock_timeout = '3s';\nSET statement_timeout = '60s';\n\n");
        }
        for (int i = random.nextInt(5) + 1; i > 0; i--) {
            sb.append(pick(STATEMENTS)).append("\n\n");
        }
        return sb.toString();
    }

    private String table() {
        return TABLES[random.nextInt(TABLES.length)];
    }

    private String column() {
        return COLUMNS[random.nextInt(COLUMNS.length)];
    }

    private String fresh() {
        return "t" + (++counter);
    }

    private String pick(List<Function<LintCorpus, String>> from) {
        return from.get(random.nextInt(from.size())).apply(this);
    }

    private static final List<Function<LintCorpus, String>> PURPOSES = List.of(
            g -> "add " + g.column() + " to " + g.table(), g -> "index " + g.table() + " for the report",
            g -> "clean up " + g.table(), g -> "new table for billing", g -> "backfill " + g.column());

    private static final List<Function<LintCorpus, String>> CONCURRENT = List.of(
            g -> "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_" + g.fresh() + " ON " + g.table() + " (" + g.column() + ");",
            g -> "DROP INDEX CONCURRENTLY IF EXISTS ix_" + g.table() + "_" + g.column() + ";",
            g -> "CREATE UNIQUE INDEX CONCURRENTLY ux_" + g.fresh() + " ON " + g.table() + " (" + g.column() + ");",
            g -> "REINDEX INDEX CONCURRENTLY ix_" + g.table() + "_" + g.column() + ";");

    private static final List<Function<LintCorpus, String>> STATEMENTS = List.of(
            g -> {
                String t = g.fresh();
                return "CREATE TABLE " + t + " (\n    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                        + "    " + g.table() + "_id BIGINT NOT NULL REFERENCES " + g.table() + " (id),\n"
                        + "    label TEXT NOT NULL,\n    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n"
                        + "CREATE INDEX ix_" + t + "_label ON " + t + " (label);";
            },
            g -> "CREATE TABLE " + g.fresh() + " (\n    id SERIAL PRIMARY KEY,\n    name VARCHAR(100) NOT NULL,\n"
                    + "    quantity INTEGER NOT NULL DEFAULT 0,\n    updated_at TIMESTAMP\n);",
            g -> "CREATE TABLE " + g.fresh() + " (id INT NOT NULL, payload JSON, CONSTRAINT pk PRIMARY KEY (id));",
            g -> "CREATE INDEX ix_" + g.fresh() + " ON " + g.table() + " (" + g.column() + ");",
            g -> "CREATE INDEX CONCURRENTLY ix_" + g.fresh() + " ON " + g.table() + " (" + g.column() + ");",
            g -> "CREATE UNIQUE INDEX ux_" + g.fresh() + " ON " + g.table() + " USING btree (lower(" + g.column() + "));",
            g -> "DROP INDEX ix_" + g.table() + "_" + g.column() + ";",
            g -> "ALTER TABLE " + g.table() + " ADD COLUMN " + g.column() + "_v2 TEXT;",
            g -> "ALTER TABLE " + g.table() + " ADD COLUMN " + g.column() + "_v2 INTEGER NOT NULL;",
            g -> "ALTER TABLE " + g.table() + " ADD COLUMN is_" + g.column() + " BOOLEAN NOT NULL DEFAULT false;",
            g -> "ALTER TABLE " + g.table() + " ADD COLUMN seen_at TIMESTAMPTZ DEFAULT now();",
            g -> "ALTER TABLE " + g.table() + " ADD COLUMN ref UUID DEFAULT gen_random_uuid();",
            g -> "ALTER TABLE " + g.table() + " ADD COLUMN attrs JSONB NOT NULL DEFAULT '{}';",
            g -> "ALTER TABLE " + g.table() + " ADD COLUMN legacy_id INT;",
            g -> "ALTER TABLE " + g.table() + " ADD COLUMN id2 BIGSERIAL PRIMARY KEY;",
            g -> "ALTER TABLE " + g.table() + " ADD CONSTRAINT fk_" + g.fresh() + " FOREIGN KEY (" + g.column()
                    + ") REFERENCES " + g.table() + " (id);",
            g -> {
                String c = "fk_" + g.fresh();
                String t = g.table();
                return "ALTER TABLE " + t + " ADD CONSTRAINT " + c + " FOREIGN KEY (account_id) REFERENCES account (id) NOT VALID;\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + c + ";";
            },
            g -> "ALTER TABLE " + g.table() + " ADD CONSTRAINT ck_" + g.fresh() + " CHECK (" + g.column() + " <> '');",
            g -> "ALTER TABLE " + g.table() + " ADD CONSTRAINT uq_" + g.fresh() + " UNIQUE (" + g.column() + ");",
            g -> "ALTER TABLE " + g.table() + " ADD CONSTRAINT uq_" + g.fresh() + " UNIQUE USING INDEX ux_" + g.column() + ";",
            g -> "ALTER TABLE " + g.table() + " ALTER COLUMN " + g.column() + " SET NOT NULL;",
            g -> "ALTER TABLE " + g.table() + " ALTER COLUMN " + g.column() + " DROP NOT NULL;",
            g -> "ALTER TABLE " + g.table() + " ALTER COLUMN " + g.column() + " SET DEFAULT 'x';",
            g -> "ALTER TABLE " + g.table() + " DROP COLUMN " + g.column() + ";",
            g -> "ALTER TABLE " + g.table() + " DROP COLUMN IF EXISTS " + g.column() + "_old;",
            g -> "ALTER TABLE " + g.table() + " RENAME COLUMN " + g.column() + " TO " + g.column() + "_old;",
            g -> "ALTER TABLE " + g.table() + " RENAME TO " + g.table() + "_archive;",
            g -> "ALTER TABLE " + g.table() + " ALTER COLUMN " + g.column() + " TYPE BIGINT;",
            g -> "ALTER TABLE " + g.table() + " ALTER COLUMN " + g.column() + " TYPE VARCHAR(50);",
            g -> "ALTER TABLE " + g.table() + " ALTER COLUMN " + g.column() + " TYPE TEXT;",
            g -> "ALTER TABLE " + g.table() + " ALTER COLUMN " + g.column() + " TYPE TIMESTAMP;",
            g -> "DROP TABLE IF EXISTS " + g.table() + "_tmp;",
            g -> "TRUNCATE " + g.table() + " CASCADE;",
            g -> "UPDATE " + g.table() + " SET " + g.column() + " = 'unknown' WHERE " + g.column() + " IS NULL;",
            g -> "INSERT INTO plan (code, label) VALUES ('" + g.fresh() + "', 'It''s; a -- plan');",
            g -> "CREATE TYPE mood_" + g.fresh() + " AS ENUM ('sad', 'ok', 'happy');",
            g -> "ALTER TYPE order_state ADD VALUE 'on_hold';",
            g -> "ALTER TYPE order_state RENAME VALUE 'held' TO 'on_hold';",
            g -> "COMMENT ON COLUMN " + g.table() + "." + g.column() + " IS 'set by the app; never null -- soon';",
            g -> "CREATE OR REPLACE VIEW v_" + g.table() + " AS\nSELECT id, " + g.column() + "\nFROM " + g.table()
                    + "\nWHERE deleted_at IS NULL;",
            g -> "CREATE OR REPLACE FUNCTION touch_" + g.fresh() + "() RETURNS trigger\nLANGUAGE plpgsql AS $$\n"
                    + "BEGIN\n    NEW.updated_at := now();\n    RETURN NEW;\nEND;\n$$;",
            g -> "REINDEX INDEX ix_" + g.table() + "_" + g.column() + ";",
            g -> "ALTER TABLE " + g.table() + " DETACH PARTITION " + g.table() + "_2024;");
}
