package dev.dbshift.execute;

import dev.dbshift.plan.Step;

/** Progress of a run, for a person watching (the command line prints it) or an application's log. */
public interface ExecutionListener {
    ExecutionListener NONE = new ExecutionListener() {
    };

    default void stepStarted(Step step, int index, int total) {
    }

    default void stepFinished(StepResult result, int index, int total) {
    }

    /** Something worth telling that is not an error (e.g. a resumed migration). */
    default void notice(String message) {
    }
}
