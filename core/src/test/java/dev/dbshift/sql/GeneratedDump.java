package dev.dbshift.sql;

import java.io.Reader;

/**
 * A data dump of multi-row INSERTs generated on the fly, never held in memory: the input for the
 * streaming test and the benchmark. Every statement is one of a few templates with quotes, escapes,
 * semicolons inside literals and comments, so the scanner does real work on it.
 */
public final class GeneratedDump extends Reader {

    private static final String[] MYSQL = {
        "INSERT INTO `orders` VALUES (%d,'customer; %d','it\\'s \"quoted\"',12.50,NULL,'2024-01-01 10:00:00'),"
                + "(%d,'second row','back\\\\slash -- not a comment',0.00,'x','2024-01-02 11:00:00');\n",
        "# a comment; between statements\nINSERT INTO `log` (`id`, `msg`) VALUES (%d,'/* not a comment */'),(%d,'tab\\there');\n",
        "/*!40000 ALTER TABLE `orders` DISABLE KEYS */;\nINSERT INTO `t` VALUES (%d,'%d');\n",
    };
    private static final String[] POSTGRES = {
        "INSERT INTO public.orders VALUES (%d, 'customer; %d', 'it''s \"quoted\"', 12.50, NULL, E'esc\\'aped');\n",
        "-- a comment; between statements\nINSERT INTO public.log (id, msg) VALUES (%d, $$dollar; %d$$);\n",
        "/* block /* nested */ comment */ UPDATE public.t SET a = %d WHERE b = '%d';\n",
    };

    private final String[] templates;
    private final long size;
    private long produced;
    private long statements;
    private String pending = "";
    private int pendingAt;
    private long counter;

    private GeneratedDump(String[] templates, long size) {
        this.templates = templates;
        this.size = size;
    }

    /** About {@code size} characters of MySQL dump (whole statements only). */
    public static GeneratedDump mysql(long size) {
        return new GeneratedDump(MYSQL, size);
    }

    /** About {@code size} characters of PostgreSQL dump (whole statements only). */
    public static GeneratedDump postgres(long size) {
        return new GeneratedDump(POSTGRES, size);
    }

    /** Statements handed out so far; all of them once the reader is exhausted. */
    public long statements() {
        return statements;
    }

    /** Characters handed out so far. */
    public long produced() {
        return produced;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
        int n = 0;
        while (n < len) {
            if (pendingAt == pending.length()) {
                if (produced + n >= size) {
                    break;
                }
                long i = counter++;
                String t = templates[(int) (i % templates.length)];
                pending = String.format(t, i, i, i + 1);
                if (pending.startsWith("/*!") || pending.startsWith("/* block")) {
                    statements += t.startsWith("/*!") ? 2 : 1;
                } else {
                    statements++;
                }
                pendingAt = 0;
            }
            int k = Math.min(len - n, pending.length() - pendingAt);
            pending.getChars(pendingAt, pendingAt + k, cbuf, off + n);
            pendingAt += k;
            n += k;
        }
        produced += n;
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() {
    }
}
