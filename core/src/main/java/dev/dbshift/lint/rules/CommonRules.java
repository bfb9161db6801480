package dev.dbshift.lint.rules;

import dev.dbshift.lint.Rule;

import java.util.List;

/** The rules that hold for every engine. */
public final class CommonRules {
    private CommonRules() {
    }

    public static List<Rule> all() {
        return List.of();
    }
}
