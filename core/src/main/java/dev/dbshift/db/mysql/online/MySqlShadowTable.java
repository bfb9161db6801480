package dev.dbshift.db.mysql.online;

import dev.dbshift.online.AlterSpec;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.ShadowTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The shadow: {@code CREATE TABLE _t_new LIKE t} and the user's ALTER applied to it while it is
 * empty (instant whatever the change). Letting the server build the new table, rather than writing
 * its DDL ourselves, means every clause MariaDB accepts works and the result is exactly what a
 * plain ALTER would give. The same trick answers "could the server do this natively": the spec is
 * tried with {@code ALGORITHM=INSTANT}, then {@code INPLACE, LOCK=NONE}, on an empty probe copy.
 *
 * <p>Plain secondary indexes are dropped from the shadow before the copy and built after it, one sort each
 * ({@link #deferIndexes}, {@link #restoreIndexes}), where dropping and adding them back gives the same definition;
 * the result is checked against a plain ALTER's definition before the swap.
 */
public final class MySqlShadowTable implements ShadowTable {

    /** ER_DUP_KEYNAME. */
    private static final int DUPLICATE_KEY_NAME = 1061;
    /** ER_ALTER_OPERATION_NOT_SUPPORTED and its _REASON form: the ALGORITHM or LOCK asked for is not possible. */
    private static final int NOT_SUPPORTED = 1845;
    private static final int NOT_SUPPORTED_REASON = 1846;
    /** ER_INNODB_ONLINE_LOG_TOO_BIG: an online index build's row log outgrew {@code innodb_online_alter_log_max_size}. */
    private static final int ROW_LOG_TOO_BIG = 1799;
    /** What one entry of InnoDB's online row log is taken to cost at most: key columns, primary key, header. */
    private static final long ROW_LOG_ENTRY_BYTES = 256;

    private final Connection connection;
    private final OnlineNames names;

    public MySqlShadowTable(Connection connection, OnlineNames names) {
        this.connection = connection;
        this.names = names;
    }

    public void create(AlterSpec spec) throws SQLException {
        Statements.execute(connection, "CREATE TABLE " + MySqlOnlineSql.qualified(names.schema(), names.shadow())
                + " LIKE " + MySqlOnlineSql.qualified(names.schema(), names.table()));
        try {
            Statements.execute(connection, "ALTER TABLE " + MySqlOnlineSql.qualified(names.schema(), names.shadow()) + " " + spec.text());
        } catch (SQLException e) {
            drop();
            throw new OnlineException(OnlineException.BAD_INPUT, "the server rejects the change: " + e.getMessage(), e);
        }
    }

    public void drop() throws SQLException {
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.shadow()));
    }

    /** Digest of the definition {@code spec} gives the table, found on an empty probe copy ({@link #definition}). */
    public String definitionAfter(AlterSpec spec) throws SQLException {
        return onProbe(names.table(), probe -> {
            Statements.execute(connection, "ALTER TABLE " + probe + " " + spec.text());
            return definition(connection, names.schema(), names.probe());
        });
    }

    /** Work on the empty probe table, made {@code LIKE} {@code like} (a table of the schema) and dropped after. */
    private <T> T onProbe(String like, ProbeWork<T> work) throws SQLException {
        String probe = MySqlOnlineSql.qualified(names.schema(), names.probe());
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.probe()));
        Statements.execute(connection, "CREATE TABLE " + probe + " LIKE " + MySqlOnlineSql.qualified(names.schema(), like));
        try {
            return work.on(probe);
        } finally {
            Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.probe()));
        }
    }

    @FunctionalInterface
    private interface ProbeWork<T> {
        T on(String probe) throws SQLException;
    }

    /**
     * SHA-256 of a table's {@code SHOW CREATE TABLE} without its name and AUTO_INCREMENT counter:
     * equal for two tables of the same definition.
     */
    @Override
    public String definitionNow() throws SQLException {
        return definition(connection, names.schema(), names.table());
    }

    static String definition(Connection connection, String schema, String table) throws SQLException {
        String ddl = showCreate(connection, schema, table);
        String body = ddl.substring(ddl.indexOf('(')).replaceAll(" AUTO_INCREMENT=\\d+", "");
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String showCreate(Connection connection, String schema, String table) throws SQLException {
        List<List<Object>> rows = Statements.rows(connection,
                MySqlOnlineSql.Statement.of("SHOW CREATE TABLE " + MySqlOnlineSql.qualified(schema, table)), 2);
        return String.valueOf(rows.get(0).get(1));
    }

    /**
     * The plain secondary indexes of a table, as {@code SHOW CREATE TABLE} writes them ({@code KEY `name` (...)
     * ...}, each also a valid {@code ADD} clause): not the primary key, not unique keys (a duplicate must fail the
     * chunk that copies it), not FULLTEXT, SPATIAL or other kinds, whose builds have rules of their own.
     */
    static List<String> plainKeys(String showCreate) {
        List<String> keys = new ArrayList<>();
        for (String line : showCreate.split("\n")) {
            String t = line.strip();
            if (t.startsWith("KEY `")) {
                keys.add(t.endsWith(",") ? t.substring(0, t.length() - 1) : t);
            }
        }
        return keys;
    }

    /** The name of a {@code KEY `name` (...)} clause. */
    static String keyName(String key) {
        StringBuilder name = new StringBuilder();
        for (int i = "KEY `".length(); i < key.length(); i++) {
            char ch = key.charAt(i);
            if (ch == '`') {
                if (i + 1 < key.length() && key.charAt(i + 1) == '`') {
                    name.append('`');
                    i++;
                    continue;
                }
                break;
            }
            name.append(ch);
        }
        return name.toString();
    }

    private static String dropAll(List<String> keys) {
        StringJoiner j = new StringJoiner(", ");
        for (String k : keys) {
            j.add("DROP INDEX " + MySqlOnlineSql.quote(keyName(k)));
        }
        return j.toString();
    }

    private static String addAll(List<String> keys) {
        StringJoiner j = new StringJoiner(", ");
        for (String k : keys) {
            j.add("ADD " + k);
        }
        return j.toString();
    }

    /**
     * Drops the shadow's plain keys when dropping and adding them again gives the very definition of a plain ALTER
     * (tried first on an empty probe: the order of the keys in the definition is the server's). InnoDB then builds
     * each once after the copy by sorting, instead of inserting every copied row into every index (random writes
     * into B-trees that outgrow the buffer pool); the shadow is not read by anyone until it is complete.
     */
    @Override
    public int deferIndexes() throws SQLException {
        String shadow = MySqlOnlineSql.qualified(names.schema(), names.shadow());
        List<String> keys = plainKeys(showCreate(connection, names.schema(), names.shadow()));
        if (keys.isEmpty()) {
            return 0;
        }
        boolean sameOrder = onProbe(names.shadow(), probe -> {
            String whole = definition(connection, names.schema(), names.probe());
            Statements.execute(connection, "ALTER TABLE " + probe + " " + dropAll(keys));
            try {
                // as restoreIndexes builds them: a table with a key on a hidden column (a UNIQUE ... USING HASH over a
                // TEXT) takes no INPLACE key, and the build after the copy failed, abandoning the change
                Statements.execute(connection, "ALTER TABLE " + probe + " " + addAll(keys) + ", ALGORITHM=INPLACE, LOCK=NONE");
            } catch (SQLException e) {
                if (e.getErrorCode() != NOT_SUPPORTED && e.getErrorCode() != NOT_SUPPORTED_REASON) {
                    throw e;
                }
                return false;
            }
            return definition(connection, names.schema(), names.probe()).equals(whole);
        });
        if (!sameOrder) {
            return 0; // the server would order the keys otherwise, or not build them in place: keep them, the copy maintains them
        }
        Statements.execute(connection, "ALTER TABLE " + shadow + " " + dropAll(keys));
        return keys.size();
    }

    /**
     * Builds the plain keys of the definition {@code spec} gives (read on an empty probe) that the shadow lacks, in
     * one {@code ALTER ... ALGORITHM=INPLACE, LOCK=NONE} (a sort per index; the change log keeps filling meanwhile, or
     * the sync triggers write into the shadow, kept by InnoDB in its row log: {@link #buildsIndexesUnderWrites}),
     * then checks the shadow's definition against that of a plain ALTER. An engine killed during that ALTER leaves it
     * running on the server: the resumed run's ALTER waits for it, finds its keys there ("duplicate key name", 1061)
     * and builds what is still missing.
     */
    @Override
    public int restoreIndexes(AlterSpec spec, Runnable building) throws SQLException {
        String[] wanted = new String[1];
        List<String> wantedKeys = onProbe(names.table(), probe -> {
            Statements.execute(connection, "ALTER TABLE " + probe + " " + spec.text());
            wanted[0] = definition(connection, names.schema(), names.probe());
            return plainKeys(showCreate(connection, names.schema(), names.probe()));
        });
        int built = 0;
        for (int attempt = 1; ; attempt++) {
            Set<String> have = new HashSet<>();
            for (String k : plainKeys(showCreate(connection, names.schema(), names.shadow()))) {
                have.add(keyName(k));
            }
            List<String> missing = new ArrayList<>();
            for (String k : wantedKeys) {
                if (!have.contains(keyName(k))) {
                    missing.add(k);
                }
            }
            if (missing.isEmpty()) {
                break;
            }
            if (attempt == 1) {
                building.run();
            }
            try {
                Statements.execute(connection, "ALTER TABLE " + MySqlOnlineSql.qualified(names.schema(), names.shadow()) + " "
                        + addAll(missing) + ", ALGORITHM=INPLACE, LOCK=NONE");
                built += missing.size();
                break;
            } catch (SQLException e) {
                if (e.getErrorCode() != DUPLICATE_KEY_NAME || attempt == 3) {
                    throw e;
                }
            }
        }
        if (!definition(connection, names.schema(), names.shadow()).equals(wanted[0])) {
            throw new OnlineException(OnlineException.FAILED, "the shadow " + names.shadow() + " with its indexes built "
                    + "after the copy is not what the change gives the table");
        }
        return built;
    }

    /**
     * InnoDB's online index build ({@code LOCK=NONE}) takes writes meanwhile and keeps them in a row log of at most
     * {@code innodb_online_alter_log_max_size} per index, then applies it; a build whose log outgrows that fails
     * (ER_INNODB_ONLINE_LOG_TOO_BIG) and the change with it. So the build runs beside the checksum only when the writes
     * the change log took during the copy (the build takes about as long as the copy), at two entries each (the sync
     * triggers' REPLACE deletes and inserts) of up to {@value #ROW_LOG_ENTRY_BYTES} bytes, fill at most a quarter of
     * that log: 65,536 writes with the default 128 MiB. A busier table builds before the sync phase, while capture only
     * logs.
     */
    @Override
    public boolean buildsIndexesUnderWrites(long writes) throws SQLException {
        List<List<Object>> r = Statements.rows(connection,
                new MySqlOnlineSql.Statement("SELECT @@innodb_online_alter_log_max_size", List.of()), 1);
        long limit = ((Number) r.get(0).get(0)).longValue();
        return writes * 2 * ROW_LOG_ENTRY_BYTES <= limit / 4;
    }

    @Override
    public boolean outgrewWrites(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() == ROW_LOG_TOO_BIG) {
                return true;
            }
        }
        return false;
    }

    public Native probeNative(AlterSpec spec) throws SQLException {
        return onProbe(names.table(), probe -> {
            try {
                Statements.execute(connection, "ALTER TABLE " + probe + " " + spec.text() + ", ALGORITHM=INSTANT");
                return Native.INSTANT;
            } catch (SQLException instant) {
                try {
                    Statements.execute(connection, "ALTER TABLE " + probe + " " + spec.text() + ", ALGORITHM=INPLACE, LOCK=NONE");
                    return Native.INPLACE;
                } catch (SQLException inplace) {
                    return Native.NONE;
                }
            }
        });
    }
}
