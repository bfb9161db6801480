package dev.dbshift.online;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Names of everything one change creates next to table {@code t}: {@code _t_new} (shadow),
 * {@code _t_old} (the original after the swap), {@code _t_chg} (change log), and two trigger sets.
 * Derived from the table name alone, so a resumed run or {@code online abort} finds them without
 * any other record.
 */
public record OnlineNames(String schema, String table, String shadow, String old, String changeLog, String probe,
                          TriggerNames capture, TriggerNames sync) {

    public static OnlineNames of(String schema, String table) {
        return new OnlineNames(schema, table,
                derived(table, "new"),
                derived(table, "old"),
                derived(table, "chg"),
                derived(table, "prb"),
                new TriggerNames(derived(table, "ci"), derived(table, "cu"),
                        derived(table, "cd")),
                new TriggerNames(derived(table, "si"), derived(table, "su"),
                        derived(table, "sd")));
    }

    /**
     * A derived name: {@code _t_new}, {@code _t_old}, {@code _t_chg}, cut to 64 characters (MySQL's
     * identifier limit). Part of the state's contract: a resumed run finds the objects by these names.
     */
    public static String derived(String table, String suffix) {
        String base = "_" + table;
        int max = 64 - suffix.length() - 1;
        if (base.length() > max) {
            base = base.substring(0, max);
        }
        return base + "_" + suffix;
    }

    public List<String> allTriggers() {
        return List.of(capture.insert(), capture.update(), capture.delete(), sync.insert(), sync.update(), sync.delete());
    }

    /** The server-side lock a running engine holds for this table (released by the server if the engine dies). */
    public String lockName() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-1").digest((schema + "." + table).getBytes(StandardCharsets.UTF_8));
            return "dbshift_online_" + HexFormat.of().formatHex(h, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
