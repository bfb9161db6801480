package dev.dbshift.online;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides, before each chunk, whether the engine may go on: it waits while a pause is asked for
 * (pause file, or the {@code paused} flag in the state table) or while a {@code --max-load} status
 * variable is above its threshold, and stops the change when a {@code --critical-load} threshold is
 * crossed or an abort is requested. One composite check rather than several throttlers so the
 * reason shown to the user is the one that actually holds the copy.
 */
public final class Throttler {

    /** Why the engine must stop. */
    public static final class Stop extends OnlineException {
        private static final long serialVersionUID = 1L;
        private final boolean userAbort;

        Stop(String message, boolean userAbort) {
            super(FAILED, message);
            this.userAbort = userAbort;
        }

        public boolean userAbort() {
            return userAbort;
        }
    }

    private final Connection connection;
    private final OnlineOptions options;
    private final Checkpoint checkpoint;
    private final String table;
    private final Inspector inspector;

    /** {@code connection} reads the state row, {@code inspector} the server's status variables. */
    public Throttler(Inspector inspector, OnlineOptions options, Checkpoint checkpoint, Connection connection, String table) {
        this.connection = connection;
        this.options = options;
        this.checkpoint = checkpoint;
        this.table = table;
        this.inspector = inspector;
    }

    /** Returns when the engine may continue; reports each wait reason once per change of reason. */
    public void await(Consumer<String> waiting) throws SQLException {
        String last = null;
        while (true) {
            Optional<String> reason = reason();
            if (reason.isEmpty()) {
                if (last != null) {
                    waiting.accept(null);
                }
                return;
            }
            if (!reason.get().equals(last)) {
                waiting.accept(reason.get());
                last = reason.get();
            }
            Pause.millis(250);
        }
    }

    /** The current reason to wait, or throws {@link Stop}. */
    public Optional<String> reason() throws SQLException {
        OnlineState state = checkpoint.read(connection, table).orElseThrow(
                () -> new Stop("the state row of " + table + " disappeared", false));
        if (state.abortRequested()) {
            throw new Stop("aborted by request", true);
        }
        for (Map.Entry<String, Long> e : options.criticalLoad().entrySet()) {
            long v = inspector.status(e.getKey());
            if (v > e.getValue()) {
                throw new Stop("critical load: " + e.getKey() + "=" + v + " > " + e.getValue(), false);
            }
        }
        if (state.paused()) {
            return Optional.of("paused (online resume continues)");
        }
        if (options.pauseFile() != null && Files.exists(options.pauseFile())) {
            return Optional.of("paused while " + options.pauseFile() + " exists");
        }
        for (Map.Entry<String, Long> e : options.maxLoad().entrySet()) {
            long v = inspector.status(e.getKey());
            if (v > e.getValue()) {
                return Optional.of("load: " + e.getKey() + "=" + v + " > " + e.getValue());
            }
        }
        return Optional.empty();
    }
}
