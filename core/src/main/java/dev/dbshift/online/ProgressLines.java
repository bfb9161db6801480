package dev.dbshift.online;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Which progress reports become a line of text where nothing is redrawn in place (a pipe, a CI log, the notes of an
 * {@code up}): one every interval, and one at once on a phase change or when the reason the engine waits changes (a
 * pause, the load, a lagging replica, a row the application holds), so that a wait is seen when it begins, not 10 s
 * later, and a long one still shows it is alive. A wait whose text changes only in its numbers (seconds, tries, a session's
 * number) is the same wait.
 */
public final class ProgressLines implements Consumer<OnlineProgress> {

    private final Consumer<String> sink;
    private final long intervalNanos;
    private long last;
    private Phase lastPhase;
    private String lastWaiting;

    public ProgressLines(Duration interval, Consumer<String> sink) {
        this.intervalNanos = interval.toNanos();
        this.sink = sink;
    }

    /**
     * A wait's reason without its numbers: the text of a wait counts its seconds, tries and lag, and names sessions by
     * number, so taken as it is a 5-minute wait for a row lock was a line every 5 s (each look at the holders) instead
     * of one every interval.
     */
    static String reason(String waiting) {
        return waiting == null ? null : waiting.replaceAll("[0-9]+", "#");
    }

    @Override
    public synchronized void accept(OnlineProgress p) {
        long now = System.nanoTime();
        String waiting = reason(p.waiting());
        boolean due = p.phase() != lastPhase || !Objects.equals(waiting, lastWaiting) || now - last >= intervalNanos;
        lastPhase = p.phase();
        lastWaiting = waiting;
        if (due) {
            last = now;
            sink.accept(p.line());
        }
    }
}
