package dev.dbshift.cli.online;

import dev.dbshift.online.OnlineProgress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows progress: on a terminal a bar redrawn in place (at most 5 times a second); otherwise (a
 * pipe, a CI log) one status line every interval, and always one on a phase change or when the
 * reason the copy waits changes (a pause, the load, a lagging replica: seen at once, not 10 s later).
 */
final class ProgressPrinter implements Consumer<OnlineProgress> {

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastPrint;
    private Object lastPhase;
    private String lastWaiting;

    ProgressPrinter(PrintStream out, boolean terminal, Duration interval) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void accept(OnlineProgress p) {
        long now = System.nanoTime();
        boolean phaseChanged = p.phase() != lastPhase;
        boolean waitingChanged = !java.util.Objects.equals(p.waiting(), lastWaiting);
        lastWaiting = p.waiting();
        if (terminal) {
            if (phaseChanged || now - lastPrint > 200_000_000L) {
                out.print("\r" + bar(p) + "\u001b[K");
                if (phaseChanged && lastPhase != null) {
                    out.print("\n");
                }
                out.flush();
                lastPrint = now;
            }
        } else if (phaseChanged || waitingChanged || now - lastPrint >= intervalNanos) {
            out.println(p.line());
            lastPrint = now;
        }
        lastPhase = p.phase();
    }

    static String bar(OnlineProgress p) {
        int width = 30;
        int filled = (int) Math.round(p.fraction() * width);
        String eta = p.eta() == null ? "" : " eta " + format(p.eta());
        return String.format(Locale.ROOT, "[%s%s] %5.1f%% %-12s %,d/%,d rows %,.0f rows/s%s%s",
                "#".repeat(filled), " ".repeat(width - filled), 100 * p.fraction(),
                p.phase().name().toLowerCase(Locale.ROOT), p.rowsCopied(), p.rowsEstimate(), p.rowsPerSecond(), eta,
                p.waiting() == null ? "" : " (" + p.waiting() + ")");
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
