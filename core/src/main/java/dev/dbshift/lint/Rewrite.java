package dev.dbshift.lint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The safe rewrite of one finding, as its rule proposes it for {@link Fixer}: each part optional, the statement's
 * own text, directives and a header for the script, statements for a new migration after it; or why the rewrite
 * that fixes such a finding elsewhere is unsafe here.
 *
 * @param statement  the statement's new text (as {@code SqlStatement.sql()}: no terminator), when it changes
 * @param directives directive words to add to the script's leading comments ({@code no-transaction}, {@code online})
 * @param header     a statement with its terminator to put before the script's first statement
 * @param followUp   statements (with terminators) for a migration of their own right after this one
 * @param refused    why there is no mechanical rewrite here; when present every other part is empty
 */
public record Rewrite(Optional<String> statement, List<String> directives, Optional<String> header,
                      Optional<String> followUp, Optional<String> refused) {

    public Rewrite {
        directives = List.copyOf(new LinkedHashSet<>(directives));
    }

    private static final Rewrite NOTHING = new Rewrite(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** The statement rewritten as {@code sql}. */
    public static Rewrite statement(String sql) {
        return NOTHING.withStatement(sql);
    }

    /** The directive {@code -- dbshift:word} added to the script. */
    public static Rewrite directive(String word) {
        return NOTHING.withDirective(word);
    }

    /** {@code sql} (with its terminator) put before the script's first statement. */
    public static Rewrite header(String sql) {
        return new Rewrite(Optional.empty(), List.of(), Optional.of(sql), Optional.empty(), Optional.empty());
    }

    /** No rewrite here, because {@code why}. */
    public static Rewrite refused(String why) {
        return new Rewrite(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.of(why));
    }

    public Rewrite withStatement(String sql) {
        return new Rewrite(Optional.of(sql), directives, header, followUp, refused);
    }

    public Rewrite withDirective(String word) {
        List<String> more = new java.util.ArrayList<>(directives);
        more.add(word);
        return new Rewrite(statement, more, header, followUp, refused);
    }

    public Rewrite withFollowUp(String sql) {
        return new Rewrite(statement, directives, header, Optional.of(sql), refused);
    }
}
