package dev.dbshift.online;


import java.util.function.Consumer;

/**
 * What one online change runs on and with: the vendor's engine, new connections to the target, the
 * options, who hears its progress (null: nobody) and the migration statement it runs for (null for
 * {@code online alter}). A value shared by the orchestration's phase classes.
 */
record Job(OnlineChange engine, Connections factory, OnlineOptions options, Consumer<OnlineProgress> listener,
           ChangeOwner owner) {

    Job withOptions(OnlineOptions o) {
        return new Job(engine, factory, o, listener, owner);
    }

    Job withOwner(ChangeOwner o) {
        return new Job(engine, factory, options, listener, o);
    }

    /** Progress without a copy (swap, cleanup, done), when somebody listens. */
    void announce(String table, Phase phase) {
        if (listener != null) {
            new Progress(table, 0, 0, listener).phase(phase);
        }
    }
}
