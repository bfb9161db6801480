package dev.dbshift.lint.rules;

import dev.dbshift.lint.Rule;

import java.util.List;

/** The rules that hold on every engine, in the order the linter reports them. */
public final class CommonRules {
    private CommonRules() {
    }

    /** Every common rule, fresh instances (rules hold no state). */
    public static List<Rule> all() {
        return List.of(new DropTable(), new DropColumn(), new DropSchema(), new RenameTable(), new RenameColumn(),
                new ChangeColumnType(), new AddNotNullColumn(), new SetNotNull(), new AddUnique(), new AddForeignKey(),
                new Backfill(), new CombineAlters(), new NoDownScript(), new UnclassifiedStatement());
    }
}
