package dev.dbshift.db.mysql.online;

import dev.dbshift.db.mysql.MySqlIdentifiers;
import dev.dbshift.online.CopiedColumn;
import dev.dbshift.online.KeyRange;
import dev.dbshift.online.TriggerNames;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Pure SQL text for the online table change on MySQL/MariaDB: shadow and change-log tables,
 * triggers, keyset chunk bounds, chunk copy, change replay, checksums and the swap. Every method is
 * a function of its arguments (no connection, no state), so the statements the engine sends are
 * unit-tested as text; the classes of this package run them.
 *
 * <p>Composite keys are compared with expanded boolean forms ({@code a > ? OR (a = ? AND b > ?)})
 * rather than row constructors, because MariaDB's range optimizer does not use an index for
 * {@code (a, b) > (?, ?)}.
 */
public final class MySqlOnlineSql {

    private MySqlOnlineSql() {
    }

    /** SQL text with its positional parameters in order. */
    public record Statement(String sql, List<Object> params) {
        public Statement {
            params = List.copyOf(params);
        }

        public static Statement of(String sql) {
            return new Statement(sql, List.of());
        }
    }

    public static String quote(String identifier) {
        return MySqlIdentifiers.quote(identifier);
    }

    public static String qualified(String schema, String table) {
        return MySqlIdentifiers.qualified(schema, table);
    }

    static String columnList(List<String> columns, String prefix) {
        StringJoiner j = new StringJoiner(", ");
        for (String c : columns) {
            j.add(prefix + quote(c));
        }
        return j.toString();
    }

    /** {@code key > after}: expanded for composite keys; parameters in order. */
    public static Statement keyAfter(List<String> key, List<Object> values) {
        return compare(key, values, ">", ">");
    }

    /** {@code key <= upTo}: expanded for composite keys. */
    public static Statement keyAtMost(List<String> key, List<Object> values) {
        return compare(key, values, "<", "<=");
    }

    private static Statement compare(List<String> key, List<Object> values, String strict, String last) {
        if (key.size() != values.size()) {
            throw new IllegalArgumentException("key has " + key.size() + " columns, bound has " + values.size());
        }
        List<Object> params = new ArrayList<>();
        StringJoiner or = new StringJoiner(" OR ", "(", ")");
        for (int i = 0; i < key.size(); i++) {
            StringJoiner and = new StringJoiner(" AND ", "(", ")");
            for (int j = 0; j < i; j++) {
                and.add(quote(key.get(j)) + " = ?");
                params.add(values.get(j));
            }
            and.add(quote(key.get(i)) + " " + (i == key.size() - 1 ? last : strict) + " ?");
            params.add(values.get(i));
            or.add(and.toString());
        }
        return new Statement(or.toString(), params);
    }

    /** The WHERE condition (without WHERE) of a range; {@code 1=1} for the whole table. */
    public static Statement rangeCondition(List<String> key, KeyRange range) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (range.after() != null) {
            Statement s = keyAfter(key, range.after());
            parts.add(s.sql());
            params.addAll(s.params());
        }
        if (range.upTo() != null) {
            Statement s = keyAtMost(key, range.upTo());
            parts.add(s.sql());
            params.addAll(s.params());
        }
        return new Statement(parts.isEmpty() ? "1=1" : String.join(" AND ", parts), params);
    }

    /** Key membership: {@code k IN (?, ?)} for one column, OR of equalities for composite keys. */
    public static Statement keyIn(List<String> key, List<List<Object>> keys) {
        if (keys.isEmpty()) {
            return Statement.of("1=0");
        }
        List<Object> params = new ArrayList<>();
        if (key.size() == 1) {
            StringJoiner in = new StringJoiner(", ", quote(key.get(0)) + " IN (", ")");
            for (List<Object> k : keys) {
                in.add("?");
                params.add(k.get(0));
            }
            return new Statement(in.toString(), params);
        }
        StringJoiner or = new StringJoiner(" OR ", "(", ")");
        for (List<Object> k : keys) {
            StringJoiner and = new StringJoiner(" AND ", "(", ")");
            for (int i = 0; i < key.size(); i++) {
                and.add(quote(key.get(i)) + " = ?");
                params.add(k.get(i));
            }
            or.add(and.toString());
        }
        return new Statement(or.toString(), params);
    }

    /**
     * The upper bound of the next chunk: the key of the {@code rows}-th row after {@code after}
     * in key order, or no row when fewer remain (then the chunk is the open-ended last one).
     */
    public static Statement nextChunkEnd(String schema, String table, String index, List<String> key,
                                         List<Object> after, int rows) {
        return nthKey(schema, table, index, key, new KeyRange(after, null), rows);
    }

    /** The key of the {@code rows}-th row of {@code range} in key order (no row: fewer rows there). */
    public static Statement nthKey(String schema, String table, String index, List<String> key, KeyRange range, int rows) {
        Statement where = rangeCondition(key, range);
        String sql = "SELECT " + columnList(key, "") + " FROM " + qualified(schema, table)
                + " FORCE INDEX (" + quote(index) + ") WHERE " + where.sql()
                + " ORDER BY " + columnList(key, "") + " LIMIT 1 OFFSET " + (rows - 1);
        return new Statement(sql, where.params());
    }

    /** Copies one chunk; plain INSERT so a conflict fails loudly instead of dropping a row. */
    public static Statement copyChunk(String schema, String table, String shadow, String index,
                                      List<String> key, List<CopiedColumn> columns, KeyRange range) {
        Statement where = rangeCondition(key, range);
        return new Statement("INSERT INTO " + qualified(schema, shadow) + " (" + shadowColumns(columns) + ") SELECT "
                + sourceColumns(columns, "") + " FROM " + qualified(schema, table) + " FORCE INDEX (" + quote(index)
                + ") WHERE " + where.sql(), where.params());
    }

    /** Removes a range from the shadow (before a re-copy of a mismatching range). */
    public static Statement deleteRange(String schema, String shadow, List<String> shadowKey, KeyRange range) {
        Statement where = rangeCondition(shadowKey, range);
        return new Statement("DELETE FROM " + qualified(schema, shadow) + " WHERE " + where.sql(), where.params());
    }

    /** Copies a range with shared locks on the source rows, for re-copy while synchronous triggers run. */
    public static Statement copyRangeLocked(String schema, String table, String shadow, String index,
                                            List<String> key, List<CopiedColumn> columns, KeyRange range) {
        Statement s = copyChunk(schema, table, shadow, index, key, columns, range);
        return new Statement(s.sql() + " LOCK IN SHARE MODE", s.params());
    }

    static String shadowColumns(List<CopiedColumn> columns) {
        StringJoiner j = new StringJoiner(", ");
        for (CopiedColumn c : columns) {
            j.add(quote(c.shadow()));
        }
        return j.toString();
    }

    static String sourceColumns(List<CopiedColumn> columns, String prefix) {
        StringJoiner j = new StringJoiner(", ");
        for (CopiedColumn c : columns) {
            j.add(prefix + quote(c.source()));
        }
        return j.toString();
    }

    // ---- change log ----

    /** Column definition of one key column in the change log, e.g. {@code `id` bigint(20) unsigned}. */
    public record KeyColumnType(String name, String definition) {
    }

    public static String createChangeLog(String schema, String log, List<KeyColumnType> key) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified(schema, log))
                .append(" (`dbshift_seq` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY");
        for (KeyColumnType k : key) {
            sb.append(", ").append(quote(k.name())).append(' ').append(k.definition()).append(" NULL");
        }
        return sb.append(") ENGINE=InnoDB").toString();
    }

    /**
     * Capture-only triggers (append the touched key to the change log), for Galera, where the switch by a row
     * cannot be a barrier (row locks are node-local); the synchronous triggers are then created by DDL.
     */
    public static List<String> captureTriggers(String schema, String table, String log, TriggerNames names, List<String> key) {
        List<String> body = captureBodies(schema, log, key);
        return List.of(
                "CREATE TRIGGER " + qualified(schema, names.insert()) + " AFTER INSERT ON " + qualified(schema, table)
                        + " FOR EACH ROW " + body.get(0),
                "CREATE TRIGGER " + qualified(schema, names.update()) + " AFTER UPDATE ON " + qualified(schema, table)
                        + " FOR EACH ROW BEGIN " + body.get(1) + "; END",
                "CREATE TRIGGER " + qualified(schema, names.delete()) + " AFTER DELETE ON " + qualified(schema, table)
                        + " FOR EACH ROW " + body.get(2));
    }

    /** What the capture triggers run (insert, update, delete): append the touched key(s) to the change log. */
    static List<String> captureBodies(String schema, String log, List<String> key) {
        String target = "INSERT INTO " + qualified(schema, log) + " (" + columnList(key, "") + ") VALUES ";
        String newKey = "(" + columnList(key, "NEW.") + ")";
        String oldKey = "(" + columnList(key, "OLD.") + ")";
        return List.of(target + newKey,
                "IF " + sameKey(key) + " THEN " + target + oldKey + "; ELSE " + target + oldKey + ", " + newKey + "; END IF",
                target + oldKey);
    }

    static String sameKey(List<String> key) {
        StringJoiner j = new StringJoiner(" AND ", "(", ")");
        for (String k : key) {
            j.add("NEW." + quote(k) + " <=> OLD." + quote(k));
        }
        return j.toString();
    }

    /** {@code createTrigger} (a {@code CREATE TRIGGER} of this class) that does nothing where the trigger exists. */
    static String ifNotExists(String createTrigger) {
        if (!createTrigger.startsWith("CREATE TRIGGER ")) {
            throw new IllegalArgumentException("not a CREATE TRIGGER: " + createTrigger);
        }
        return "CREATE TRIGGER IF NOT EXISTS " + createTrigger.substring("CREATE TRIGGER ".length());
    }

    /**
     * Synchronous triggers for the short final phase: each application write applies itself to
     * the shadow in the same transaction (REPLACE / DELETE IGNORE, so it never fails on the shadow).
     * Created only for a change begun by an earlier version (see {@link #switchedTriggers}).
     */
    public static List<String> syncTriggers(String schema, String table, String shadow, TriggerNames names,
                                            List<String> key, List<String> shadowKey, List<CopiedColumn> columns) {
        List<String> body = syncBodies(schema, shadow, key, shadowKey, columns);
        return List.of(
                "CREATE TRIGGER " + qualified(schema, names.insert()) + " AFTER INSERT ON " + qualified(schema, table)
                        + " FOR EACH ROW " + body.get(0),
                "CREATE TRIGGER " + qualified(schema, names.update()) + " AFTER UPDATE ON " + qualified(schema, table)
                        + " FOR EACH ROW BEGIN " + body.get(1) + "; END",
                "CREATE TRIGGER " + qualified(schema, names.delete()) + " AFTER DELETE ON " + qualified(schema, table)
                        + " FOR EACH ROW " + body.get(2));
    }

    /** What the synchronous triggers run (insert, update, delete): the write applied to the shadow. */
    static List<String> syncBodies(String schema, String shadow, List<String> key, List<String> shadowKey,
                                   List<CopiedColumn> columns) {
        String replace = "REPLACE INTO " + qualified(schema, shadow) + " (" + shadowColumns(columns) + ") VALUES ("
                + sourceColumns(columns, "NEW.") + ")";
        String deleteOld = "DELETE IGNORE FROM " + qualified(schema, shadow) + " WHERE " + keyEquals(shadowKey, key, "OLD.");
        return List.of(replace, "IF NOT " + sameKey(key) + " THEN " + deleteOld + "; END IF; " + replace, deleteOld);
    }

    /**
     * Two-mode triggers, created before the copy under the synchronous triggers' names: while the
     * row of the control table {@code ctl} says 0 they do what capture triggers do (append the
     * key to the change log; an INSERT into a table whose only key is its own sequence cannot
     * conflict, so an application write never fails or waits on the copy); otherwise what the
     * synchronous triggers do (REPLACE / DELETE IGNORE into the shadow, so it never fails there).
     * The switch to synchronous capture is then an UPDATE of that row instead of trigger DDL on
     * the live table. The row is read with a shared lock that never waits ({@code SKIP LOCKED}):
     * see {@link MySqlTriggerCapture#switchToSync()} for why that makes the switch exact.
     */
    public static List<String> switchedTriggers(String schema, String table, String log, String ctl, String shadow,
                                                TriggerNames names, List<String> key, List<String> shadowKey,
                                                List<CopiedColumn> columns) {
        List<String> capture = captureBodies(schema, log, key);
        List<String> sync = syncBodies(schema, shadow, key, shadowKey, columns);
        String mode = "DECLARE dbshift_mode TINYINT; SELECT MAX(`sync`) INTO dbshift_mode FROM " + qualified(schema, ctl)
                + " WHERE `id` = 1 LOCK IN SHARE MODE SKIP LOCKED; IF dbshift_mode <=> 0 THEN ";
        List<String> events = List.of("INSERT", "UPDATE", "DELETE");
        List<String> triggers = names.all();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add("CREATE TRIGGER " + qualified(schema, triggers.get(i)) + " AFTER " + events.get(i) + " ON "
                    + qualified(schema, table) + " FOR EACH ROW BEGIN " + mode + capture.get(i) + "; ELSE " + sync.get(i)
                    + "; END IF; END");
        }
        return out;
    }

    /** The control table of the two-mode triggers: one row, {@code sync} 0 (capture) or 1 (synchronous). */
    public static String createControl(String schema, String ctl) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(schema, ctl)
                + " (`id` TINYINT NOT NULL PRIMARY KEY, `sync` TINYINT NOT NULL) ENGINE=InnoDB";
    }

    /** Sets the two-mode triggers to capture (before they exist: the upsert takes the row's exclusive lock). */
    public static String resetControl(String schema, String ctl) {
        return "INSERT INTO " + qualified(schema, ctl) + " (`id`, `sync`) VALUES (1, 0) ON DUPLICATE KEY UPDATE `sync` = 0";
    }

    /** Switches the two-mode triggers to synchronous ({@code sync}) or back to capture. */
    public static String switchControl(String schema, String ctl, boolean sync) {
        return "UPDATE " + qualified(schema, ctl) + " SET `sync` = " + (sync ? 1 : 0) + " WHERE `id` = 1";
    }

    static String keyEquals(List<String> shadowKey, List<String> sourceKey, String prefix) {
        StringJoiner j = new StringJoiner(" AND ");
        for (int i = 0; i < shadowKey.size(); i++) {
            j.add(quote(shadowKey.get(i)) + " <=> " + prefix + quote(sourceKey.get(i)));
        }
        return j.toString();
    }

    /** The oldest change-log entries up to a sequence number (one parameter), in order. */
    public static String readChangeLog(String schema, String log, List<String> key, int limit) {
        return "SELECT `dbshift_seq`, " + columnList(key, "") + " FROM " + qualified(schema, log)
                + " WHERE `dbshift_seq` <= ? ORDER BY `dbshift_seq` LIMIT " + limit;
    }

    /**
     * Deletes one change-log entry by its sequence number (one parameter), run as a batch. Never an
     * {@code IN} list: on a small log the optimizer scans the whole table for it, and the scan stops
     * at the uncommitted entry of any open application transaction (a lock the engine never waits
     * for), so the replay could not go on until that transaction ended.
     */
    public static String deleteChangeLogEntry(String schema, String log) {
        return "DELETE FROM " + qualified(schema, log) + " WHERE `dbshift_seq` = ?";
    }

    /** Replay, step 1: remove the touched keys (within the copied range) from the shadow. */
    public static Statement replayDelete(String schema, String shadow, List<String> shadowKey, List<List<Object>> keys,
                                         List<Object> copiedUpTo) {
        Statement in = keyIn(shadowKey, keys);
        List<Object> params = new ArrayList<>(in.params());
        String sql = "DELETE FROM " + qualified(schema, shadow) + " WHERE " + in.sql();
        if (copiedUpTo != null) {
            Statement bound = keyAtMost(shadowKey, copiedUpTo);
            sql += " AND " + bound.sql();
            params.addAll(bound.params());
        }
        return new Statement(sql, params);
    }

    /** Replay, step 2: copy the touched keys' current rows (within the copied range) again. */
    public static Statement replayInsert(String schema, String table, String shadow, List<String> key,
                                         List<CopiedColumn> columns, List<List<Object>> keys, List<Object> copiedUpTo,
                                         boolean locking) {
        Statement in = keyIn(key, keys);
        List<Object> params = new ArrayList<>(in.params());
        String sql = "INSERT INTO " + qualified(schema, shadow) + " (" + shadowColumns(columns) + ") SELECT "
                + sourceColumns(columns, "") + " FROM " + qualified(schema, table) + " WHERE " + in.sql();
        if (copiedUpTo != null) {
            Statement bound = keyAtMost(key, copiedUpTo);
            sql += " AND " + bound.sql();
            params.addAll(bound.params());
        }
        return new Statement(sql + (locking ? " LOCK IN SHARE MODE" : ""), params);
    }

    /** Takes shared locks on the touched source keys (and the gaps of missing ones), source before shadow. */
    public static Statement lockSourceKeys(String schema, String table, List<String> key, List<List<Object>> keys) {
        Statement in = keyIn(key, keys);
        return new Statement("SELECT " + columnList(key, "") + " FROM " + qualified(schema, table) + " WHERE " + in.sql()
                + " LOCK IN SHARE MODE", in.params());
    }

    // ---- checksum ----

    /**
     * Row count and BIT_XOR of CRC32 over SQL expressions (quoted columns, or {@link #asShadowType}
     * conversions) of a key range. NULL-aware: {@code CONCAT_WS} skips a NULL, so ({@code 'x#'}, NULL) and
     * ({@code 'x'}, {@code ''}) would read alike; a marker per expression that may be NULL ({@code mayBeNull}, the
     * same on both sides of a comparison) tells them apart. An expression that is never NULL gets none: on 2M rows of
     * six columns, one nullable, a side costs MariaDB 10.11 2.23 s of CPU with a marker per column, 1.84 s with one
     * for the nullable column ({@code bench/online/checksum-markers-mariadb.sh}).
     */
    public static Statement checksumOf(String schema, String table, List<String> expressions, List<Boolean> mayBeNull,
                                       List<String> key, KeyRange range) {
        StringJoiner values = new StringJoiner(", ");
        StringJoiner nulls = new StringJoiner(", ", ", CONCAT(", ")").setEmptyValue("");
        for (int i = 0; i < expressions.size(); i++) {
            String c = expressions.get(i);
            values.add(c);
            if (mayBeNull.get(i)) {
                nulls.add("ISNULL(" + c + ")");
            }
        }
        Statement where = rangeCondition(key, range);
        return new Statement("SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('#', " + values + nulls
                + "))), 0) FROM " + qualified(schema, table) + " WHERE " + where.sql(), where.params());
    }

    /**
     * A source column as the shadow's column holds it once copied, for the source side of the
     * checksum: {@code amount} DECIMAL(10,2) copied into DECIMAL(12,3) reads {@code 1.230} in the
     * shadow and {@code 1.23} in the source, so the source side reads
     * {@code CAST(amount AS DECIMAL(12,3))}. CAST rounds as the copy's assignment does (decimal
     * scale, fractional seconds, float to double, decimal to integer). The bare column when the types
     * are the same, or when the text of the value cannot change (integer to integer, a longer
     * string in the same character set); types without a CAST target (JSON, BLOB, BIT, spatial) are
     * compared as they are, so a change of those that alters the text fails the checksum and is not
     * swapped.
     *
     * @param charset the column's character set, null for a non-text column
     */
    public static String asShadowType(String column, String sourceType, String sourceCharset, String shadowType,
                                      String shadowCharset) {
        String q = quote(column);
        String from = sourceType.toLowerCase(java.util.Locale.ROOT).trim();
        String to = shadowType.toLowerCase(java.util.Locale.ROOT).trim();
        if (from.equals(to) && java.util.Objects.equals(sourceCharset, shadowCharset)) {
            return q;
        }
        String base = baseType(to);
        String args = to.contains("(") ? to.substring(to.indexOf('('), to.indexOf(')') + 1) : "";
        boolean unsigned = to.contains("unsigned");
        return switch (base) {
            case "decimal", "numeric", "dec", "fixed" -> "CAST(" + q + " AS DECIMAL" + args + ")";
            case "float" -> "CAST(" + q + " AS FLOAT)";
            case "double", "real" -> "CAST(" + q + " AS DOUBLE)";
            case "datetime", "timestamp" -> "CAST(" + q + " AS DATETIME" + args + ")";
            case "date" -> "CAST(" + q + " AS DATE)";
            case "time" -> "CAST(" + q + " AS TIME" + args + ")";
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" ->
                    INTEGER_TYPES.contains(baseType(from)) ? q : "CAST(" + q + " AS " + (unsigned ? "UNSIGNED" : "SIGNED") + ")";
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" ->
                    shadowCharset != null && !(shadowCharset.equalsIgnoreCase(String.valueOf(sourceCharset)))
                            ? "CAST(" + q + " AS CHAR CHARACTER SET " + shadowCharset + ")" : q;
            default -> q;
        };
    }

    private static final List<String> INTEGER_TYPES = List.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");

    private static String baseType(String type) {
        int end = 0;
        while (end < type.length() && Character.isLetter(type.charAt(end))) {
            end++;
        }
        return type.substring(0, end);
    }

    /** The duplicate pre-check for a new unique key: one duplicated value, if any. */
    public static String findDuplicate(String schema, String table, List<String> columns) {
        String cols = columnList(columns, "");
        StringJoiner notNull = new StringJoiner(" AND ");
        for (String c : columns) {
            notNull.add(quote(c) + " IS NOT NULL");
        }
        return "SELECT " + cols + ", COUNT(*) FROM " + qualified(schema, table) + " WHERE " + notNull + " GROUP BY " + cols
                + " HAVING COUNT(*) > 1 LIMIT 1";
    }

    // ---- swap ----

    /** The atomic swap; NOWAIT so a waiting RENAME never queues application writes behind it. */
    public static String swap(String schema, String table, String old, String shadow) {
        return swap(schema, table, old, shadow, "NOWAIT");
    }

    /**
     * The atomic swap with a lock-wait clause ({@code NOWAIT}, {@code WAIT n}), or none when {@code wait} is empty
     * (a Galera node: see {@link MySqlCutOver}).
     */
    public static String swap(String schema, String table, String old, String shadow, String wait) {
        return "RENAME TABLE " + qualified(schema, table) + (wait.isEmpty() ? "" : " " + wait) + " TO "
                + qualified(schema, old) + ", " + qualified(schema, shadow) + " TO " + qualified(schema, table);
    }

    public static String dropTrigger(String schema, String trigger) {
        return "DROP TRIGGER IF EXISTS " + qualified(schema, trigger);
    }

    public static String dropTable(String schema, String table) {
        return "DROP TABLE IF EXISTS " + qualified(schema, table);
    }
}
