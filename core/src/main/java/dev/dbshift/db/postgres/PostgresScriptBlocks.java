package dev.dbshift.db.postgres;

import dev.dbshift.sql.BlockTracker;

/**
 * psql's own rule for SQL-standard function bodies ({@code BEGIN ATOMIC ... END}, PostgreSQL 14+):
 * in a statement whose first words are CREATE [OR REPLACE] FUNCTION|PROCEDURE, outside parentheses,
 * BEGIN opens a block, CASE opens one inside a block, END closes one, and a {@code ;} ends the
 * statement only outside all blocks. Doing exactly what psql does (rather than something smarter)
 * means a script that works with {@code psql -f} works here.
 */
final class PostgresScriptBlocks implements BlockTracker {

    private int words;
    private final char[] initials = new char[4];
    private boolean function;
    private int depth;

    @Override
    public boolean listening() {
        return words < 4 || function;
    }

    @Override
    public void word(String w, boolean qualified, int parenDepth) {
        if (words < 4 && (w.equals("CREATE") || w.equals("FUNCTION") || w.equals("PROCEDURE") || w.equals("OR")
                || w.equals("REPLACE"))) {
            initials[words] = w.charAt(0);
        }
        words++;
        function = initials[0] == 'C' && (initials[1] == 'F' || initials[1] == 'P'
                || (initials[1] == 'O' && initials[2] == 'R' && (initials[3] == 'F' || initials[3] == 'P')));
        if (function && parenDepth == 0) {
            if (w.equals("BEGIN")) {
                depth++;
            } else if (w.equals("CASE")) {
                if (depth >= 1) {
                    depth++;
                }
            } else if (w.equals("END") && depth > 0) {
                depth--;
            }
        }
    }

    @Override
    public void symbol(char c, int parenDepth) {
    }

    @Override
    public boolean endsAt(int parenDepth) {
        return depth == 0;
    }
}
