package dev.dbshift.cli.online;

import dev.dbshift.online.OnlineOptions;
import picocli.CommandLine;

import java.util.Locale;

/**
 * The defaults of the {@code online} flags, taken from {@link OnlineOptions#defaults()} when the
 * command line is parsed (an annotation's {@code defaultValue} can only be a constant, which made
 * a second set of defaults that drifted: {@code --max-load} once said 25, the library 50).
 */
public final class OnlineDefaults implements CommandLine.IDefaultValueProvider {

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        OnlineOptions d = OnlineOptions.defaults();
        return switch (option.longestName()) {
            case "--strategy" -> d.strategy().name().toLowerCase(Locale.ROOT);
            case "--chunk-time" -> String.valueOf(d.chunkTime().toMillis());
            case "--max-chunk-rows" -> String.valueOf(d.maxChunkRows());
            case "--max-load" -> OnlineOptions.formatLoad(d.maxLoad());
            case "--lag-timeout" -> String.valueOf(d.lag().unmeasuredTimeout().toSeconds());
            case "--row-lock-wait" -> String.valueOf(d.rowLockWait().toSeconds());
            case "--nice-ratio" -> String.valueOf(d.niceRatio());
            default -> null;
        };
    }
}
