package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.db.ConnectionFactory;
import java.time.Duration;
import java.util.Map;

/**
 * Runs one online change in a child JVM, so a test can SIGKILL it at any moment. Args: url user schema table spec
 * [postpone]; {@code -Ddbshift.test.pauseFile=F}: the copy waits while F exists.
 */
public final class OnlineChild {
    public static void main(String[] args) {
        OnlineOptions options = OnlineOptions.defaults().withStrategy(Strategy.COPY).withMaxChunkRows(200)
                .withChunkTime(Duration.ofMillis(20)).withMaxLoad(Map.of())
                .withPostponeCutover(args.length > 5 && args[5].equals("postpone"));
        String pause = System.getProperty("dbshift.test.pauseFile");
        if (pause != null) {
            options = options.withPauseFile(java.nio.file.Path.of(pause));
        }
        OnlineMigrator.alter(engine(args[0]), ConnectionFactory.of(args[0], args[1], "")::open, args[2], args[3], args[4], options);
    }

    /** The engine of the database the URL names. */
    static OnlineChange engine(String url) {
        return url.startsWith("jdbc:postgresql:") ? new PostgresOnlineChange() : new MySqlOnlineChange();
    }
}
