package dev.dbshift.db.sqlite;

import dev.dbshift.sql.BlockTracker;

/**
 * The body of {@code CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN ... END} holds {@code ;}. SQLite's
 * own parser knows where a trigger ends; its {@code sqlite3_complete()} only looks for {@code END ;},
 * which a {@code CASE ... END;} inside the body fools. Counting BEGIN and CASE against END, as here,
 * agrees with the parser on every trigger SQLite accepts.
 */
final class SqliteScriptBlocks implements BlockTracker {

    private enum Phase { HEAD, CREATE, BODY, OFF }

    private Phase phase = Phase.HEAD;
    private int depth;

    @Override
    public boolean listening() {
        return phase != Phase.OFF;
    }

    @Override
    public void word(String w, boolean qualified, int parenDepth) {
        switch (phase) {
            case HEAD:
                phase = w.equals("CREATE") ? Phase.CREATE : Phase.OFF;
                return;
            case CREATE:
                if (w.equals("TRIGGER")) {
                    phase = Phase.BODY;
                } else if (!w.equals("TEMP") && !w.equals("TEMPORARY")) {
                    phase = Phase.OFF;
                }
                return;
            case BODY:
                if (qualified) {
                    return;
                }
                if (w.equals("BEGIN") || w.equals("CASE")) {
                    depth++;
                } else if (w.equals("END") && depth > 0) {
                    depth--;
                }
                return;
            default:
        }
    }

    @Override
    public void symbol(char c, int parenDepth) {
        if (phase == Phase.HEAD || phase == Phase.CREATE) {
            phase = Phase.OFF;
        }
    }

    @Override
    public boolean endsAt(int parenDepth) {
        return depth == 0;
    }
}
