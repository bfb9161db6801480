package dev.dbshift.cli.online;

import dev.dbshift.online.OnlineProgress;
import dev.dbshift.online.ProgressLines;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows progress: on a terminal a bar redrawn in place (at most 5 times a second); otherwise (a
 * pipe, a CI log) the lines {@link ProgressLines} chooses, as {@code up} shows them among its notes.
 */
final class ProgressPrinter implements Consumer<OnlineProgress> {

    private final PrintStream out;
    private final boolean terminal;
    private final ProgressLines lines;
    private long lastPrint;
    private Object lastPhase;

    ProgressPrinter(PrintStream out, boolean terminal, Duration interval) {
        this.out = out;
        this.terminal = terminal;
        this.lines = new ProgressLines(interval, out::println);
    }

    @Override
    public void accept(OnlineProgress p) {
        if (!terminal) {
            lines.accept(p);
            return;
        }
        long now = System.nanoTime();
        boolean phaseChanged = p.phase() != lastPhase;
        if (phaseChanged || now - lastPrint > 200_000_000L) {
            out.print("\r" + bar(p) + "\u001b[K");
            if (phaseChanged && lastPhase != null) {
                out.print("\n");
            }
            out.flush();
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
