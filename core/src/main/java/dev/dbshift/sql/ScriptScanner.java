package dev.dbshift.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a script one statement at a time, the way the vendor's own client would cut it, configured by
 * the vendor's {@link ScriptRules}. One pass over the characters, no regular expressions, no token
 * objects for ordinary text: the inner loop skips characters that cannot change the lexical state by
 * a table lookup, and only quotes, comment openers, the terminator, line breaks and (for a statement
 * whose {@link BlockTracker} is listening) words and punctuation leave it.
 *
 * <p>Memory: one growable buffer that holds the statement being read plus one read-ahead chunk. The
 * text before the current statement is dropped when the buffer fills up, so a script of any length
 * needs no more than about twice its longest statement.
 */
public final class ScriptScanner implements StatementIterator, ScannerControl {

    private static final int CHUNK = 1 << 16;
    /** Leading tokens handed to the rules; enough to classify, rules that need more read more themselves. */
    private static final int WORDS = 6;
    private static final String DIRECTIVE_PREFIX = "dbshift:";
    /** The directives the scanner obeys anywhere between statements (the others are read by {@link ScriptDirectives}). */
    private static final List<String> SCANNER_DIRECTIVES = List.of("statement-begin", "statement-end", "delimiter");

    private final Reader reader;
    private final String source;
    private final Map<String, String> placeholders;
    private final boolean replacePlaceholders;
    /** Also replace {@code ${name}} inside string literals (opt-in: a literal is data). */
    private final boolean placeholdersInLiterals;
    private final ScriptRules rules;
    private final LexicalRules lex;

    private char[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    /** Absolute offset of {@code buf[0]} in the script. */
    private long base;
    private int line = 1;
    /** Absolute offset of the first character of the current line. */
    private long lineStart;
    /** A buffer index kept valid across {@link #fill()} (start of a word or of copy data). */
    private int mark;

    // what earlier statements set
    private String delimiter = ";";
    private char delim0 = ';';
    private boolean backslashEscapes;
    private boolean copyDataFollows;
    private boolean[] quietTable;
    private boolean[] listeningTable;
    /** Line of the open {@code -- dbshift:statement-begin}, or 0 outside such a block. */
    private int blockLine;
    private int blockCol;

    // the statement being read
    private int stmtStart;
    private int sqlStart = -1;
    private int sqlLine;
    private int sqlCol;
    private int parenDepth;
    private BlockTracker tracker = BlockTracker.NONE;
    private List<Edit> edits;

    // iteration
    private SqlStatement ahead;
    private ScriptSyntaxException failure;
    private boolean finished;
    private String trailing;

    /** The script file's character set where the driver does not send its bytes as they are (not UTF-8), else null. */
    private final java.nio.charset.Charset notSentAsWritten;

    private record Edit(int from, int to, String text) {
    }

    public ScriptScanner(Reader reader, ScriptOptions options, ScriptRules rules) {
        this(reader, options, rules, CHUNK);
    }

    /** With a given initial buffer size: tests use tiny ones to exercise every refill path. */
    ScriptScanner(Reader reader, ScriptOptions options, ScriptRules rules, int bufferSize) {
        this.buf = new char[Math.max(4, bufferSize)];
        this.reader = reader;
        this.source = options.source();
        this.placeholders = options.placeholders();
        this.replacePlaceholders = options.replacePlaceholders();
        this.placeholdersInLiterals = options.replacePlaceholders() && options.placeholdersInLiterals();
        this.notSentAsWritten = options.sentAsWritten() ? null : options.encoding();
        this.rules = rules;
        this.lex = rules.lexical();
        this.backslashEscapes = lex.backslashEscapes();
        buildTables();
    }

    // ---------------------------------------------------------------- iteration

    @Override
    public boolean hasNext() {
        if (ahead != null || failure != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        try {
            ahead = scan();
        } catch (ScriptSyntaxException e) {
            failure = e;
            finished = true;
            trailing = "";
            return true;
        }
        if (ahead == null) {
            finished = true;
        }
        return ahead != null;
    }

    @Override
    public SqlStatement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (failure != null) {
            ScriptSyntaxException f = failure;
            failure = null;
            throw f;
        }
        SqlStatement s = ahead;
        ahead = null;
        return s;
    }

    @Override
    public String trailing() {
        if (trailing == null) {
            throw new IllegalStateException("trailing() is known once hasNext() is false");
        }
        return trailing;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- ScannerControl

    @Override
    public void backslashEscapes(boolean on) {
        backslashEscapes = on;
    }

    @Override
    public void copyDataFollows() {
        copyDataFollows = true;
    }

    // ---------------------------------------------------------------- the scanner

    private SqlStatement scan() {
        if (buf.length > 4 * CHUNK && limit - pos <= CHUNK) {
            // a long statement grew the buffer; give the memory back before the next one
            char[] smaller = new char[2 * CHUNK];
            System.arraycopy(buf, pos, smaller, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
            buf = smaller;
        }
        stmtStart = pos;
        sqlStart = -1;
        parenDepth = 0;
        edits = null;
        if (!leading()) {
            trailing = new String(buf, stmtStart, limit - stmtStart);
            return null;
        }
        sqlStart = pos;
        sqlLine = line;
        sqlCol = col(pos);
        tracker = blockLine > 0 ? BlockTracker.NONE : rules.newTracker(delimiter);
        boolean[] table = tracker.listening() ? listeningTable : quietTable;
        while (true) {
            int p = pos;
            final int lim = limit;
            final char[] b = buf;
            while (p < lim) {
                char ch = b[p];
                if (ch < 128 && table[ch]) {
                    break;
                }
                p++;
            }
            pos = p;
            if (p >= lim) {
                if (!fill()) {
                    if (blockLine > 0) {
                        throw unclosedBlock();
                    }
                    return finish(limit);
                }
                continue;
            }
            char c = b[p];
            if (c == '\n') {
                newline(p);
                pos++;
                continue;
            }
            if (c == delim0 && matchesDelimiter()) {
                if (blockLine == 0 && !(lex.parenthesesHoldTerminator() && parenDepth > 0) && tracker.endsAt(parenDepth)) {
                    int end = pos;
                    pos += delimiter.length();
                    return finish(end);
                }
                pos += delimiter.length();
                if (tracker.listening()) {
                    tracker.symbol(';', parenDepth);
                }
            } else {
                SqlStatement terminated = code(c);
                if (terminated != null) {
                    return terminated;
                }
            }
            table = tracker.listening() ? listeningTable : quietTable;
        }
    }

    /** One interesting character of SQL text at {@code pos}; returns a statement when it ended one. */
    private SqlStatement code(char c) {
        switch (c) {
            case '\'': {
                boolean escapes = backslashEscapes;
                if (lex.escapeStringPrefix()) {
                    char p1 = prev(1);
                    char p2 = prev(2);
                    if ((p1 == 'E' || p1 == 'e') && !StatementWords.isWordChar(p2)) {
                        escapes = true;
                    } else if (p1 == '&' && (p2 == 'U' || p2 == 'u') && !StatementWords.isWordChar(prev(3))) {
                        escapes = false;
                    }
                }
                quoted('\'', '\'', escapes, "unterminated string literal", placeholdersInLiterals);
                symbol('\'');
                return null;
            }
            case '"':
                if (lex.doubleQuoteStrings()) {
                    quoted('"', '"', backslashEscapes, "unterminated string literal", placeholdersInLiterals);
                } else {
                    quoted('"', '"', false, "unterminated quoted identifier");
                }
                symbol('"');
                return null;
            case '`':
                identifierQuote(lex.backtickIdentifiers(), '`', '`');
                return null;
            case '[':
                identifierQuote(lex.bracketIdentifiers(), '[', ']');
                return null;
            case '(':
                pos++;
                symbol('(');
                parenDepth++;
                return null;
            case ')':
                pos++;
                if (parenDepth > 0) {
                    parenDepth--;
                }
                symbol(')');
                return null;
            case '$':
                dollar();
                return null;
            case '\\':
                return backslashInCode();
            default:
                if (c == '-') {
                    String directive = directive();
                    if (directive != null) {
                        return directiveInStatement(directive);
                    }
                }
                if (comment()) {
                    return null;
                }
                if (c == '/' && lex.executableComments() && executableCommentOpener() > 0) {
                    pos += executableCommentOpener(); // its text is SQL; the closing */ is ordinary text
                    return null;
                }
                if (isWordStart(c)) {
                    word();
                } else if (c >= '0' && c <= '9') {
                    number();
                } else {
                    pos++;
                    symbol(c);
                }
                return null;
        }
    }

    /** Whitespace, comments, empty statements and client commands before a statement; false at the end. */
    private boolean leading() {
        while (true) {
            if (pos >= limit && !fill()) {
                if (blockLine > 0) {
                    throw unclosedBlock();
                }
                return false;
            }
            char c = buf[pos];
            if (c == '\n') {
                newline(pos);
                pos++;
            } else if (c <= ' ' || c == '\uFEFF') {
                pos++;
            } else if (c == delim0 && matchesDelimiter()) {
                pos += delimiter.length();
            } else if ((c == 'd' || c == 'D') && lex.delimiterCommand() && delimiterCommand()) {
                continue;
            } else if (c == '-' && directiveBetweenStatements()) {
                continue;
            } else if (c == '\\') {
                char next = (char) Math.max(0, peek(1));
                String word = lettersAfterBackslash();
                switch (rules.backslash(next, word, restOfLine(1 + word.length()), true)) {
                    case IGNORE_LINE:
                        skipLine();
                        break;
                    case REJECT:
                        throw error(line, col(pos), rejectMessage(word, next));
                    case TERMINATE:
                        pos += next == 0 ? 1 : 2;
                        break;
                    default:
                        return true;
                }
            } else if (!comment()) {
                return true;
            }
        }
    }

    private SqlStatement backslashInCode() {
        char next = (char) Math.max(0, peek(1));
        String word = lettersAfterBackslash();
        switch (rules.backslash(next, word, "", false)) {
            case TERMINATE: {
                int end = pos;
                pos += next == 0 ? 1 : 2;
                return finish(end);
            }
            case IGNORE_LINE:
            case REJECT:
                throw error(line, col(pos), rejectMessage(word, next));
            default:
                pos++;
                symbol('\\');
                return null;
        }
    }

    private static String rejectMessage(String word, char next) {
        String command = "\\" + (word.isEmpty() ? (next == 0 ? "" : String.valueOf(next)) : word);
        return "client command " + command + " is not supported: dbshift sends SQL only (remove it, or run the script with the database's own client)";
    }

    /** Skips a comment at {@code pos}; false when there is none. */
    private boolean comment() {
        char c = buf[pos];
        if (c == '-') {
            if (peek(1) == '-') {
                if (lex.dashCommentNeedsSpace()) {
                    int after = peek(2);
                    if (after >= 0 && after > ' ') {
                        return false;
                    }
                }
                skipLine();
                return true;
            }
            return false;
        }
        if (c == '#') {
            if (lex.hashComments()) {
                skipLine();
                return true;
            }
            return false;
        }
        if (c == '/') {
            int next = peek(1);
            if (next == '/' && lex.slashSlashComments()) {
                skipLine();
                return true;
            }
            if (next == '*') {
                if (lex.executableComments() && executableCommentOpener() > 0) {
                    return false;
                }
                blockComment();
                return true;
            }
        }
        return false;
    }

    /** Length of {@code /*!} or {@code /*M!} at {@code pos}, else 0. */
    private int executableCommentOpener() {
        if (peek(1) != '*') {
            return 0;
        }
        int third = peek(2);
        if (third == '!') {
            return 3;
        }
        if (third == 'M' && peek(3) == '!') {
            return 4;
        }
        return 0;
    }

    private void blockComment() {
        int startLine = line;
        int startCol = col(pos);
        pos += 2;
        int depth = 1;
        while (true) {
            if (pos >= limit && !fill()) {
                throw error(startLine, startCol, "unterminated comment");
            }
            char c = buf[pos];
            if (c == '*') {
                if (peek(1) == '/') {
                    pos += 2;
                    if (--depth == 0 || !lex.nestedBlockComments()) {
                        return;
                    }
                    continue;
                }
            } else if (c == '/' && lex.nestedBlockComments()) {
                if (peek(1) == '*') {
                    pos += 2;
                    depth++;
                    continue;
                }
            } else if (c == '\n') {
                newline(pos);
            }
            pos++;
        }
    }

    /** Skips to the end of the line (the line break stays for the caller). */
    private void skipLine() {
        while (true) {
            int p = pos;
            while (p < limit && buf[p] != '\n') {
                p++;
            }
            pos = p;
            if (p < limit || !fill()) {
                return;
            }
        }
    }

    /** An identifier quoted from {@code open} to {@code close} where the dialect quotes so; else {@code open} is a plain symbol. */
    private void identifierQuote(boolean quotes, char open, char close) {
        if (quotes) {
            quoted(open, close, false, "unterminated quoted identifier");
        } else {
            pos++;
        }
        symbol(open);
    }

    private void quoted(char open, char close, boolean escapes, String unterminated) {
        quoted(open, close, escapes, unterminated, false);
    }

    private void quoted(char open, char close, boolean escapes, String unterminated, boolean withPlaceholders) {
        int startLine = line;
        int startCol = col(pos);
        pos++;
        while (true) {
            int p = pos;
            final char[] b = buf;
            final int lim = limit;
            while (p < lim) {
                char ch = b[p];
                if (ch == close || ch == '\n' || ch == '\\' || (ch == '$' && withPlaceholders)) {
                    break;
                }
                p++;
            }
            pos = p;
            if (p >= lim) {
                if (!fill()) {
                    throw error(startLine, startCol, unterminated);
                }
                continue;
            }
            char c = b[p];
            if (c == '$') {
                if (peek(1) == '{') {
                    replacePlaceholder();
                } else if (peek(1) == '$' && peek(2) == '{') {
                    addEdit(pos, pos + 3, "${");
                    pos += 3;
                } else {
                    pos++;
                }
                continue;
            }
            if (c == close) {
                if (close != ']' && peek(1) == close) {
                    pos += 2;
                    continue;
                }
                pos++;
                return;
            }
            if (c == '\n') {
                newline(p);
            } else if (c == '\\' && escapes) {
                if (peek(1) < 0) {
                    throw error(startLine, startCol, unterminated);
                }
                pos++;
                if (buf[pos] == '\n') {
                    newline(pos);
                }
            }
            pos++;
        }
    }

    private void dollar() {
        if (replacePlaceholders) {
            int next = peek(1);
            if (next == '{') {
                placeholder();
                return;
            }
            if (next == '$' && peek(2) == '{') {
                addEdit(pos, pos + 3, "${");
                pos += 3;
                return;
            }
        }
        if (lex.dollarQuotes() != LexicalRules.DollarQuotes.NONE && !StatementWords.isWordChar(prev(1))) {
            int tagEnd = dollarTagEnd();
            if (tagEnd > 0) {
                dollarQuoted(tagEnd);
                return;
            }
        }
        pos++;
        symbol('$');
    }

    /** Length of the opening {@code $tag$} at {@code pos}, or 0 when there is none. */
    private int dollarTagEnd() {
        int c = peek(1);
        if (c == '$') {
            return 2;
        }
        if (lex.dollarQuotes() != LexicalRules.DollarQuotes.TAGGED || c < 0 || !isTagStart((char) c)) {
            return 0;
        }
        int k = 2;
        while (true) {
            int d = peek(k);
            if (d == '$') {
                return k + 1;
            }
            if (d < 0 || !isTagPart((char) d)) {
                return 0;
            }
            k++;
        }
    }

    private void dollarQuoted(int tagLength) {
        int startLine = line;
        int startCol = col(pos);
        char[] tag = Arrays.copyOfRange(buf, pos, pos + tagLength);
        pos += tagLength;
        while (true) {
            int p = pos;
            final char[] b = buf;
            final int lim = limit;
            while (p < lim) {
                char ch = b[p];
                if (ch == '$' || ch == '\n') {
                    break;
                }
                p++;
            }
            pos = p;
            if (p >= lim) {
                if (!fill()) {
                    throw error(startLine, startCol, "unterminated dollar-quoted string");
                }
                continue;
            }
            if (b[p] == '\n') {
                newline(p);
                pos++;
                continue;
            }
            boolean match = true;
            for (int k = 1; k < tag.length; k++) {
                if (peek(k) != tag[k]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                pos += tag.length;
                return;
            }
            pos++;
        }
    }

    private void placeholder() {
        replacePlaceholder();
        symbol('$');
    }

    /** Replaces the {@code ${name}} or {@code ${name:default}} at {@code pos} and steps over it. */
    private void replacePlaceholder() {
        int startLine = line;
        int startCol = col(pos);
        int k = 2;
        int colon = -1;
        while (true) {
            int c = peek(k);
            if (c < 0 || c == '\n') {
                throw error(startLine, startCol, "unterminated placeholder");
            }
            if (c == '}') {
                break;
            }
            if (c == ':' && colon < 0) {
                colon = k;
            }
            k++;
        }
        String name = new String(buf, pos + 2, (colon < 0 ? k : colon) - 2);
        String fallback = colon < 0 ? null : new String(buf, pos + colon + 1, k - colon - 1);
        if (name.isEmpty() || !name.chars().allMatch(ch -> StatementWords.isWordChar((char) ch) || ch == '.' || ch == '-')) {
            throw error(startLine, startCol, "bad placeholder name '" + name + "'");
        }
        String value = placeholders.get(name);
        if (value == null) {
            value = fallback;
        }
        if (value == null) {
            throw error(startLine, startCol, "unknown placeholder ${" + name + "}");
        }
        addEdit(pos, pos + k + 1, value);
        pos += k + 1;
    }

    private void addEdit(int from, int to, String text) {
        if (edits == null) {
            edits = new ArrayList<>(4);
        }
        edits.add(new Edit(from - stmtStart, to - stmtStart, text));
    }

    private void word() {
        boolean midToken = StatementWords.isWordChar(prev(1));
        boolean qualified = prev(1) == '.';
        mark = pos;
        pos++;
        while (true) {
            if (pos >= limit && !fill()) {
                break;
            }
            if (!StatementWords.isWordChar(buf[pos])) {
                break;
            }
            pos++;
        }
        if (!midToken && tracker.listening()) {
            tracker.word(upperCase(mark, pos), qualified, parenDepth);
        }
    }

    /** A number (or any token starting with a digit), reported to a listening tracker as {@code '0'}. */
    private void number() {
        boolean midToken = StatementWords.isWordChar(prev(1));
        pos++;
        while ((pos < limit || fill()) && StatementWords.isWordChar(buf[pos])) {
            pos++;
        }
        if (!midToken) {
            symbol('0');
        }
    }

    private String upperCase(int from, int to) {
        char[] w = new char[to - from];
        for (int i = 0; i < w.length; i++) {
            char c = buf[from + i];
            w[i] = c >= 'a' && c <= 'z' ? (char) (c - 32) : Character.toUpperCase(c);
        }
        return new String(w);
    }

    private void symbol(char c) {
        if (tracker.listening()) {
            tracker.symbol(c, parenDepth);
        }
    }

    /**
     * The word of a {@code -- dbshift:statement-begin}, {@code -- dbshift:statement-end} or
     * {@code -- dbshift:delimiter X} line comment at {@code pos}; null for any other text (other
     * {@code dbshift:} words there are ordinary comments, as they always were).
     */
    private String directive() {
        if (peek(1) != '-') {
            return null;
        }
        int k = 2;
        if (lex.dashCommentNeedsSpace() && peek(k) > ' ') {
            return null;
        }
        while (peek(k) == ' ' || peek(k) == '\t') {
            k++;
        }
        for (int i = 0; i < DIRECTIVE_PREFIX.length(); i++) {
            if (peek(k + i) != DIRECTIVE_PREFIX.charAt(i)) {
                return null;
            }
        }
        k += DIRECTIVE_PREFIX.length();
        for (String word : SCANNER_DIRECTIVES) {
            int i = 0;
            while (i < word.length() && peek(k + i) == word.charAt(i)) {
                i++;
            }
            int after = peek(k + i);
            if (i == word.length() && (after < 0 || after <= ' ')) {
                return word;
            }
        }
        return null;
    }

    /** Obeys a scanner directive at {@code pos} where no statement has begun; false when there is none. */
    private boolean directiveBetweenStatements() {
        String word = directive();
        if (word == null) {
            return false;
        }
        int atLine = line;
        int atCol = col(pos);
        switch (word) {
            case "statement-begin":
                if (blockLine > 0) {
                    throw error(atLine, atCol, "dbshift:statement-begin inside the block begun at line " + blockLine
                            + " (end it with -- dbshift:statement-end first)");
                }
                expectNothingAfter(word);
                blockLine = atLine;
                blockCol = atCol;
                break;
            case "statement-end":
                if (blockLine == 0) {
                    throw error(atLine, atCol, "dbshift:statement-end without a dbshift:statement-begin before it");
                }
                expectNothingAfter(word); // an empty block: nothing to send
                blockLine = 0;
                break;
            default:
                if (blockLine > 0) {
                    throw error(atLine, atCol, "dbshift:delimiter inside the block begun at line " + blockLine
                            + " (a block is one statement; set the delimiter before or after it)");
                }
                setDelimiterFromDirective(atLine, atCol);
                break;
        }
        return true;
    }

    /** A scanner directive met inside a statement: the end of an open block, else an error. */
    private SqlStatement directiveInStatement(String word) {
        if (blockLine > 0 && word.equals("statement-end")) {
            int end = pos - stmtStart; // relative: reading the rest of the line may move the buffer
            expectNothingAfter(word);
            blockLine = 0;
            return finishBlock(stmtStart + end);
        }
        String why = blockLine > 0
                ? "inside the block begun at line " + blockLine + " (end it with -- dbshift:statement-end first)"
                : word.equals("statement-end")
                ? "without a dbshift:statement-begin before it"
                : "inside a statement (end the statement before it with '" + delimiter + "')";
        throw error(line, col(pos), "dbshift:" + word + " " + why);
    }

    /** Steps over the rest of a begin/end directive's line, which must hold nothing else. */
    private void expectNothingAfter(String word) {
        int atLine = line;
        int atCol = col(pos);
        String text = restOfLine();
        if (!text.endsWith(DIRECTIVE_PREFIX + word)) {
            throw error(atLine, atCol, "text after dbshift:" + word + " (it stands alone on its line)");
        }
    }

    /** The text from {@code pos} to the end of the line, stripped; {@code pos} ends at the line break. */
    private String restOfLine() {
        int start = pos - stmtStart; // relative: fill() may move the buffer's content
        skipLine();
        return new String(buf, stmtStart + start, pos - stmtStart - start).strip();
    }

    /** The statement of a block ends before its end line: the text as written, less one final terminator. */
    private SqlStatement finishBlock(int end) {
        int sqlEnd = end;
        while (sqlEnd > sqlStart && buf[sqlEnd - 1] <= ' ') {
            sqlEnd--;
        }
        int d = delimiter.length();
        if (sqlEnd - sqlStart >= d && new String(buf, sqlEnd - d, d).equals(delimiter)) {
            sqlEnd -= d;
            while (sqlEnd > sqlStart && buf[sqlEnd - 1] <= ' ') {
                sqlEnd--;
            }
        }
        return statement(sqlEnd);
    }

    /** {@code -- dbshift:delimiter X}: {@code X} ends statements for the rest of the script. */
    private void setDelimiterFromDirective(int atLine, int atCol) {
        String text = restOfLine();
        String rest = text.substring(text.indexOf(DIRECTIVE_PREFIX) + DIRECTIVE_PREFIX.length() + "delimiter".length()).strip();
        if (rest.isEmpty()) {
            throw error(atLine, atCol, "dbshift:delimiter needs the new terminator (-- dbshift:delimiter ; resets it)");
        }
        if (rest.chars().anyMatch(ch -> ch <= ' ')) {
            throw error(atLine, atCol, "dbshift:delimiter takes one terminator without spaces, not '" + rest + "'");
        }
        useDelimiter(rest, atLine, atCol, "dbshift:delimiter");
    }

    /** {@code DELIMITER x} at {@code pos} (the mysql client command); false when it is not one. */
    private boolean delimiterCommand() {
        String keyword = "DELIMITER";
        for (int k = 0; k < keyword.length(); k++) {
            int c = peek(k);
            if (c < 0 || Character.toUpperCase((char) c) != keyword.charAt(k)) {
                return false;
            }
        }
        int after = peek(keyword.length());
        if (after != ' ' && after != '\t') {
            return false;
        }
        int startLine = line;
        int startCol = col(pos);
        int k = keyword.length();
        while (peek(k) == ' ' || peek(k) == '\t') {
            k++;
        }
        int from = k;
        while (true) {
            int c = peek(k);
            if (c < 0 || c <= ' ') {
                break;
            }
            k++;
        }
        String value = new String(buf, pos + from, k - from);
        if (value.isEmpty()) {
            throw error(startLine, startCol, "DELIMITER needs the new terminator");
        }
        pos += k;
        skipLine();
        useDelimiter(value, startLine, startCol, "DELIMITER");
        return true;
    }

    private void useDelimiter(String value, int atLine, int atCol, String command) {
        if (value.indexOf('\\') >= 0) {
            throw error(atLine, atCol, command + " cannot contain a backslash");
        }
        if (value.charAt(0) >= 128) {
            throw error(atLine, atCol, command + " must start with an ASCII character");
        }
        delimiter = value;
        delim0 = value.charAt(0);
        buildTables();
    }

    private boolean matchesDelimiter() {
        for (int k = 1; k < delimiter.length(); k++) {
            if (peek(k) != delimiter.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The rest of the line from {@code k} characters after {@code pos}, trimmed; null when it is longer than 4,096 characters. */
    private String restOfLine(int k) {
        StringBuilder w = new StringBuilder();
        for (int c = peek(k); c >= 0 && c != '\n'; c = peek(++k)) {
            if (w.length() == 4096) {
                return null;
            }
            w.append((char) c);
        }
        return w.toString().strip();
    }

    private String lettersAfterBackslash() {
        StringBuilder w = new StringBuilder();
        for (int k = 1; ; k++) {
            int c = peek(k);
            if (c < 0 || !Character.isLetter((char) c) || w.length() > 64) {
                return w.toString();
            }
            w.append((char) c);
        }
    }

    private SqlStatement finish(int end) {
        int sqlEnd = end;
        while (sqlEnd > sqlStart && (buf[sqlEnd - 1] <= ' ')) {
            sqlEnd--;
        }
        return statement(sqlEnd);
    }

    /** The statement from {@code sqlStart} to {@code sqlEnd}; its raw text runs to {@code pos}. */
    private SqlStatement statement(int sqlEnd) {
        String sql = edits == null ? new String(buf, sqlStart, sqlEnd - sqlStart) : edited(sqlEnd);
        List<String> words = StatementWords.of(sql, lex, WORDS);
        String unsupported = rules.unsupported(words);
        if (unsupported == null && notSentAsWritten != null) {
            unsupported = rules.notAsWritten(sql, words, notSentAsWritten);
        }
        if (unsupported != null) {
            throw error(sqlLine, sqlCol, unsupported);
        }
        StatementKind kind = rules.kind(words);
        boolean noTransaction = rules.noTransaction(sql, words);
        copyDataFollows = false;
        rules.afterStatement(sql, words, this);
        String copyData = copyDataFollows ? copyData() : null;
        String raw = new String(buf, stmtStart, pos - stmtStart);
        return new SqlStatement(sql, sqlLine, sqlCol, kind, noTransaction, copyData, raw);
    }

    private String edited(int sqlEnd) {
        StringBuilder sb = new StringBuilder(sqlEnd - sqlStart + 16);
        int at = sqlStart;
        for (Edit e : edits) {
            int from = stmtStart + e.from();
            int to = stmtStart + e.to();
            if (from < sqlStart || to > sqlEnd) {
                continue;
            }
            sb.append(buf, at, from - at).append(e.text());
            at = to;
        }
        sb.append(buf, at, sqlEnd - at);
        return sb.toString();
    }

    /** psql's inline COPY data: the lines after the COPY statement up to a line {@code \.} (or the end). */
    private String copyData() {
        while (true) {
            if (pos >= limit && !fill()) {
                return "";
            }
            char c = buf[pos];
            if (c == '\n') {
                newline(pos);
                pos++;
                break;
            }
            if (c > ' ') {
                // psql would read the data from the next line and this text after the copy; nobody writes that
                throw error(line, col(pos), "text after COPY ... FROM stdin on the same line");
            }
            pos++;
        }
        mark = pos;
        while (true) {
            if (peek(0) < 0) {
                return new String(buf, mark, pos - mark);
            }
            if (buf[pos] == '\\' && peek(1) == '.') {
                int k = 2;
                if (peek(k) == '\r') {
                    k++;
                }
                int after = peek(k);
                if (after < 0 || after == '\n') {
                    String data = new String(buf, mark, pos - mark);
                    pos += k;
                    if (after == '\n') {
                        newline(pos);
                        pos++;
                    }
                    return data;
                }
            }
            while (true) {
                int p = pos;
                while (p < limit && buf[p] != '\n') {
                    p++;
                }
                pos = p;
                if (p < limit) {
                    newline(p);
                    pos++;
                    break;
                }
                if (!fill()) {
                    return new String(buf, mark, pos - mark);
                }
            }
        }
    }

    // ---------------------------------------------------------------- buffer

    /** The character {@code k} places after {@code pos}, reading ahead as needed; -1 past the end. */
    private int peek(int k) {
        while (pos + k >= limit) {
            if (!fill()) {
                return -1;
            }
        }
        return buf[pos + k];
    }

    /** The character {@code k} places before {@code pos} within the current statement, else a space. */
    private char prev(int k) {
        int i = pos - k;
        return i >= stmtStart && i >= 0 ? buf[i] : ' ';
    }

    /** Reads more of the script, dropping what lies before the current statement when room is short. */
    private boolean fill() {
        if (eof) {
            return false;
        }
        if (limit == buf.length) {
            if (stmtStart >= buf.length / 4) {
                int shift = stmtStart;
                System.arraycopy(buf, shift, buf, 0, limit - shift);
                limit -= shift;
                pos -= shift;
                stmtStart -= shift;
                mark -= shift;
                if (sqlStart >= 0) {
                    sqlStart -= shift;
                }
                base += shift;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        try {
            int n;
            do {
                n = reader.read(buf, limit, buf.length - limit);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            limit += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private void newline(int index) {
        line++;
        lineStart = base + index + 1;
    }

    private int col(int index) {
        return (int) (base + index - lineStart) + 1;
    }

    private ScriptSyntaxException unclosedBlock() {
        return error(blockLine, blockCol, "dbshift:statement-begin without a dbshift:statement-end");
    }

    private ScriptSyntaxException error(int atLine, int atCol, String message) {
        return new ScriptSyntaxException(source, atLine, atCol, message);
    }

    // ---------------------------------------------------------------- character classes

    private void buildTables() {
        boolean[] quiet = new boolean[128];
        quiet['\n'] = true;
        quiet['\''] = true;
        quiet['"'] = true;
        quiet['-'] = true;
        quiet['/'] = true;
        quiet['\\'] = true;
        quiet['$'] = replacePlaceholders || lex.dollarQuotes() != LexicalRules.DollarQuotes.NONE;
        quiet['#'] = lex.hashComments();
        quiet['`'] = lex.backtickIdentifiers();
        quiet['['] = lex.bracketIdentifiers();
        quiet['('] = lex.parenthesesHoldTerminator();
        quiet[')'] = lex.parenthesesHoldTerminator();
        quiet[delim0] = true;
        boolean[] listening = quiet.clone();
        for (char c = '!'; c < 127; c++) {
            listening[c] = true;
        }
        quietTable = quiet;
        listeningTable = listening;
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isTagStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isTagPart(char c) {
        return isTagStart(c) || (c >= '0' && c <= '9');
    }
}
