package dev.dbshift.online;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Which progress reports become a line of text where nothing is redrawn in place (a pipe, a CI log, the notes of an
 * {@code up}): one every interval, and one at once on a phase change or when the reason the engine waits changes (a
 * pause, the load, a lagging replica, a row the application holds), so that a wait is seen when it begins, not 10 s
 * later, and a long one still shows it is alive.
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

    @Override
    public synchronized void accept(OnlineProgress p) {
        long now = System.nanoTime();
        boolean due = p.phase() != lastPhase || !Objects.equals(p.waiting(), lastWaiting) || now - last >= intervalNanos;
        lastPhase = p.phase();
        lastWaiting = p.waiting();
        if (due) {
            last = now;
            sink.accept(p.line());
        }
    }
}
