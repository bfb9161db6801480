package dev.dbshift.db.mysql;

import dev.dbshift.sql.BlockTracker;

import java.util.Arrays;
import java.util.Set;

/**
 * Keeps a MySQL/MariaDB compound statement whole when the script uses the plain {@code ;}
 * terminator: the body of CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT / PACKAGE, and MariaDB's
 * anonymous blocks ({@code BEGIN NOT ATOMIC}, a labelled block, a top-level IF / WHILE / LOOP /
 * REPEAT / FOR). The client would cut these at the first {@code ;} and the server would reject the
 * pieces, so there is no script this changes from working to broken.
 *
 * <p>It counts blocks, without parsing: {@code BEGIN} and {@code CASE} open one; {@code IF},
 * {@code LOOP}, {@code WHILE}, {@code REPEAT} and {@code FOR} open one where a statement may start
 * (after {@code ;}, a label, BEGIN, THEN, ELSE, DO, LOOP, REPEAT, FOR EACH ROW, or a routine's
 * parameter list);
 * {@code END} closes one and swallows the IF / LOOP / ... after it. An {@code IF} that meets
 * {@code ;}, {@code ,}, WHEN, ELSE or END before its {@code THEN} was the IF() function after all and
 * is taken back. Words after a dot ({@code NEW.end}) are column names, and so are BEGIN and END (which
 * MySQL does not reserve) after a comma, an opening parenthesis, SELECT, AS, an operator and the like.
 *
 * <p>Known limits, all needing a column named {@code begin} or {@code end} used in an unusual place
 * inside a stored program written without DELIMITER: the block count goes wrong and the statement runs
 * on to a later {@code ;}; the server then rejects it with its line. Quoting the name, or a DELIMITER,
 * avoids it.
 */
final class MySqlScriptBlocks implements BlockTracker {

    private enum Phase { HEAD, CREATE, BEGIN, LABEL, LABELLED, BODY, OFF }

    private static final Set<String> ROUTINES = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "PACKAGE");
    private static final Set<String> CREATE_PREFIX = Set.of("OR", "REPLACE", "AGGREGATE", "DEFINER", "CURRENT_USER",
            "EDITIONABLE", "NONEDITIONABLE");
    private static final Set<String> LOOPS = Set.of("LOOP", "WHILE", "REPEAT", "FOR");
    private static final Set<String> AFTER_END = Set.of("IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR");
    /** Tokens after which a statement (and so an IF or loop statement) may start. */
    private static final Set<String> STATEMENT_START = Set.of(";", ":", ")", "BEGIN", "THEN", "ELSE", "DO", "LOOP",
            "REPEAT", "ROW", "ATOMIC");
    /** FOR is also FOR EACH ROW, FOR UPDATE, CURSOR FOR, HANDLER FOR: a loop only right after these. */
    /** BEGIN and END are not reserved: after these they are column names ({@code SELECT begin, end FROM t}). */
    private static final Set<String> IDENTIFIER_CONTEXT = Set.of(",", "(", ".", "=", "<", ">", "SELECT", "BY", "AS",
            "WHERE", "AND", "OR", "ON", "SET", "INTO", "DISTINCT");
    private static final Set<String> FOR_START = Set.of(";", ":", "BEGIN", "THEN", "ELSE", "DO", "LOOP", "REPEAT");

    private Phase phase = Phase.HEAD;
    private int depth;
    private String last = ";";
    private boolean afterEnd;
    /** Paren depths of IFs not yet known to be statements. */
    private int[] pendingIf = new int[8];
    private int pending;

    @Override
    public boolean listening() {
        return phase != Phase.OFF;
    }

    @Override
    public void word(String w, boolean qualified, int parenDepth) {
        switch (phase) {
            case HEAD:
                if (w.equals("CREATE")) {
                    phase = Phase.CREATE;
                } else if (w.equals("BEGIN")) {
                    phase = Phase.BEGIN;
                } else if (w.equals("IF") || LOOPS.contains(w)) {
                    phase = Phase.BODY;
                    body(w, false, parenDepth);
                } else {
                    phase = Phase.LABEL;
                }
                return;
            case CREATE:
                if (ROUTINES.contains(w)) {
                    phase = Phase.BODY;
                    last = w;
                } else if (!CREATE_PREFIX.contains(w) && !last.equals("=") && !last.equals("@")) {
                    phase = Phase.OFF;
                }
                last = w;
                return;
            case BEGIN:
                enterBodyIf(w.equals("NOT"), w);
                return;
            case LABELLED:
                enterBodyIf(w.equals("BEGIN") || LOOPS.contains(w), w);
                return;
            case BODY:
                body(w, qualified, parenDepth);
                return;
            default:
                phase = Phase.OFF;
        }
    }

    /** {@code w} opened a body (one level deep) when {@code opens}; else this statement holds no block. */
    private void enterBodyIf(boolean opens, String w) {
        if (opens) {
            phase = Phase.BODY;
            depth = 1;
            last = w;
        } else {
            phase = Phase.OFF;
        }
    }

    private void body(String w, boolean qualified, int parenDepth) {
        if (qualified) {
            afterEnd = false;
            last = w;
            return;
        }
        if (afterEnd) {
            afterEnd = false;
            if (AFTER_END.contains(w)) {
                last = w;
                return;
            }
        }
        if ((w.equals("BEGIN") || w.equals("END")) && IDENTIFIER_CONTEXT.contains(last)) {
            last = w;
            return;
        }
        switch (w) {
            case "END":
                takeBackIfs(parenDepth);
                if (depth > 0) {
                    depth--;
                }
                afterEnd = true;
                break;
            case "BEGIN":
            case "CASE":
                depth++;
                break;
            case "IF":
                if (STATEMENT_START.contains(last)) {
                    depth++;
                    if (pending == pendingIf.length) {
                        pendingIf = Arrays.copyOf(pendingIf, pending * 2);
                    }
                    pendingIf[pending++] = parenDepth;
                }
                break;
            case "THEN":
                if (pending > 0 && pendingIf[pending - 1] == parenDepth) {
                    pending--; // a real IF statement
                }
                break;
            case "WHEN":
            case "ELSE":
            case "ELSEIF":
                takeBackIfs(parenDepth);
                break;
            default:
                if (LOOPS.contains(w) && (w.equals("FOR") ? FOR_START : STATEMENT_START).contains(last)) {
                    depth++;
                }
        }
        last = w;
    }

    /** IFs still waiting for THEN at or inside this paren depth were IF() calls. */
    private void takeBackIfs(int parenDepth) {
        while (pending > 0 && pendingIf[pending - 1] >= parenDepth) {
            pending--;
            depth--;
        }
    }

    @Override
    public void symbol(char c, int parenDepth) {
        switch (phase) {
            case HEAD:
            case BEGIN:
            case LABELLED:
                phase = Phase.OFF;
                return;
            case LABEL:
                phase = c == ':' ? Phase.LABELLED : Phase.OFF;
                return;
            case CREATE:
                last = String.valueOf(c);
                return;
            case BODY:
                afterEnd = false;
                if (c == ';') {
                    takeBackIfs(0);
                } else if (c == ',') {
                    takeBackIfs(parenDepth);
                }
                last = String.valueOf(c);
                return;
            default:
        }
    }

    @Override
    public boolean endsAt(int parenDepth) {
        if (phase != Phase.BODY) {
            return true;
        }
        takeBackIfs(0);
        return depth <= 0;
    }
}
