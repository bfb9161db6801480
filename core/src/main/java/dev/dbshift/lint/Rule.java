package dev.dbshift.lint;

import java.util.List;
import java.util.Optional;

/**
 * One lint rule: an id, why it matters, the safe rewrite, a default level, and the check. Rules that hold for
 * every engine live in this package; a vendor's rules live in {@code db/<vendor>/} and come from
 * {@code Database.lintRules()}, so that vendor knowledge stays there.
 */
public interface Rule {
    /** Stable id, lower case with dashes, prefixed by the engine for vendor rules ({@code pg-}, {@code mysql-}, {@code sqlite-}). */
    String id();

    /** Why this is dangerous, in one line. */
    String why();

    /** The safe rewrite, in one line. */
    String fix();

    /** The level when the project's {@code [lint]} table does not set one. */
    Level level();

    /** The findings of this rule at {@code statement} (usually none). */
    List<Finding> check(LintStatement statement);

    /**
     * The mechanical rewrite that removes this rule's finding at {@code statement}, for {@code lint --fix}: empty when
     * the rule has none (the default), {@link Rewrite#refused} when it has one that is unsafe here.
     */
    default Optional<Rewrite> rewrite(LintStatement statement) {
        return Optional.empty();
    }
}
