package dev.dbshift.online;

import dev.dbshift.db.ConnectionFactory;
import java.time.Duration;
import java.util.Map;

/** Resumes an online change in a child JVM. Args: url user schema table. */
public final class OnlineResumeChild {
    public static void main(String[] args) {
        OnlineOptions options = OnlineOptions.defaults().withStrategy(Strategy.COPY).withMaxChunkRows(200)
                .withChunkTime(Duration.ofMillis(20)).withMaxLoad(Map.of());
        new OnlineMigrator(OnlineChild.engine(args[0]), ConnectionFactory.of(args[0], args[1], "")::open, options, null).resume(args[2], args[3]);
    }

}
