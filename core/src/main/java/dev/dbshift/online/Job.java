package dev.dbshift.online;


import java.util.function.Consumer;

/**
 * What one online change runs on and with: the vendor's engine, new connections to the target, the
 * options, who hears its progress (null: nobody) and the migration statement it runs for (null for
 * {@code online alter}). A value shared by the orchestration's phase classes.
 */
record Job(OnlineChange engine, Connections factory, OnlineOptions options, Consumer<OnlineProgress> listener,
           ChangeOwner owner) {

    /**
     * Every connection of the job is in autocommit, as the engine's sessions expect (each statement visible to the others
     * once it ran; the copier opens its transactions itself), and readied by the engine ({@link OnlineChange#prepareSession})
     * as it is opened. An application's pool may lend connections without autocommit: then the state table the control
     * session created was invisible to the copier on PostgreSQL, and the control session's reads of the state row kept
     * one snapshot, blind to an abort or pause requested meanwhile.
     */
    Job {
        factory = Prepared.of(engine, factory);
    }

    /** {@code factory}'s connections, each readied by {@code engine}; connections to other servers as they are. */
    record Prepared(OnlineChange engine, Connections factory) implements Connections {
        static Connections of(OnlineChange engine, Connections factory) {
            return factory instanceof Prepared ? factory : new Prepared(engine, factory);
        }

        @Override
        public java.sql.Connection open() throws java.sql.SQLException {
            java.sql.Connection c = factory.open();
            try {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                engine.prepareSession(c);
                return c;
            } catch (java.sql.SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        @Override
        public java.sql.Connection open(String url) throws java.sql.SQLException {
            return factory.open(url);
        }
    }

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
